// XML bodies by path: the RFC 4575 conference-info document as the conference NOTIFYs
// carry it.
#include <doctest/doctest.h>

#include "body/body.h"

namespace {

using namespace scn::body;

const char* kConference =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
    "<conference-info xmlns=\"urn:ietf:params:xml:ns:conference-info\""
    " entity=\"sip:conf1@mrfc1.home1.net\" state=\"full\" version=\"0\">\r\n"
    " <users>\r\n"
    "  <user entity=\"sip:user1_public1@home1.net\" state=\"full\">\r\n"
    "   <endpoint entity=\"sip:user1@10.0.0.1\"><status>connected</status></endpoint>\r\n"
    "  </user>\r\n"
    "  <user entity=\"sip:user2_public1@home2.net\" state=\"full\">\r\n"
    "   <endpoint entity=\"sip:user2@10.0.0.2\"><status>dialing-out</status></endpoint>\r\n"
    "  </user>\r\n"
    " </users>\r\n"
    "</conference-info>\r\n";

std::optional<std::string> get(std::string_view doc, std::string_view path) {
  auto got = xml_get(doc, path);
  REQUIRE_MESSAGE(got.ok(), got.reason());
  return *got;
}

}  // namespace

TEST_CASE("body: XML paths parse with positions, attribute selectors and @attributes") {
  auto steps = parse_xml_path("conference-info.users.user[entity = \"sip:a@b.c\"].@state");
  REQUIRE(steps.ok());
  REQUIRE(steps->size() == 4);
  CHECK(steps->at(2).key == "entity");
  CHECK(steps->at(2).key_value == "sip:a@b.c");
  CHECK(steps->at(3).attribute);
  CHECK(parse_xml_path("users.user[2].status")->at(1).index == 2);
  CHECK(parse_xml_path("a..b").reason().find("expected an element") != std::string::npos);
  CHECK(parse_xml_path("a[0]").reason().find("counts from 1") != std::string::npos);
  CHECK(parse_xml_path("a[x = \"y").reason().find("unterminated") != std::string::npos);
  CHECK(parse_xml_path("@a.b").reason().find("ends the path") != std::string::npos);
}

TEST_CASE("body: reading conference-info by path") {
  CHECK(get(kConference, "conference-info.entity") == "sip:conf1@mrfc1.home1.net");
  CHECK(get(kConference, "conference-info.@version") == "0");
  CHECK(get(kConference, "conference-info.users.user[2].entity") == "sip:user2_public1@home2.net");
  CHECK(get(kConference,
            "conference-info.users.user[entity = \"sip:user2_public1@home2.net\"].endpoint.status") ==
        "dialing-out");
  CHECK(get(kConference, "conference-info.users.user[3].entity") == std::nullopt);
  CHECK(get(kConference, "conference-info.users.user[entity = \"sip:x@y\"].endpoint.status") ==
        std::nullopt);
  CHECK(get(kConference, "reginfo.registration") == std::nullopt);  // another root
  CHECK(xml_get("SIP/2.0 200 OK\r\n", "conference-info.version").reason().find("not well-formed") !=
        std::string::npos);
}

TEST_CASE("body: editing conference-info by path keeps the rest") {
  const std::string path =
      "conference-info.users.user[entity = \"sip:user2_public1@home2.net\"].endpoint.status";
  auto edited = xml_set(kConference, path, "connected");
  REQUIRE(edited.ok());
  CHECK(get(*edited, path) == "connected");
  CHECK(get(*edited, "conference-info.users.user[1].endpoint.status") == "connected");
  CHECK(get(*edited, "conference-info.entity") == "sip:conf1@mrfc1.home1.net");

  // A selector that finds nothing creates the element with its key attribute.
  auto added = xml_set(kConference, "conference-info.users.user[entity = \"sip:u3@h\"].endpoint.status",
                       "connected");
  REQUIRE(added.ok());
  CHECK(get(*added, "conference-info.users.user[3].entity") == "sip:u3@h");
  CHECK(get(*added, "conference-info.users.user[3].endpoint.status") == "connected");

  auto removed = xml_set(kConference, "conference-info.users.user[2]", std::nullopt);
  REQUIRE(removed.ok());
  CHECK(get(*removed, "conference-info.users.user[2].entity") == std::nullopt);
  CHECK(get(*removed, "conference-info.users.user[1].entity") == "sip:user1_public1@home1.net");

  auto attr = xml_set(kConference, "conference-info.@state", "partial");
  REQUIRE(attr.ok());
  CHECK(get(*attr, "conference-info.state") == "partial");
  CHECK(xml_set(kConference, "reginfo.version", "1").reason().find("no element") != std::string::npos);
}

TEST_CASE("body: conference-info versions are set on the root (RFC 4575 4.1)") {
  CHECK(is_conference_info("application/conference-info+xml"));
  CHECK(is_conference_info("Application/Conference-Info+XML ; charset=UTF-8"));
  CHECK_FALSE(is_conference_info("application/reginfo+xml"));
  auto second = with_conference_version(kConference, 1);
  REQUIRE(second.ok());
  CHECK(get(*second, "conference-info.version") == "1");
  CHECK(get(*second, "conference-info.users.user[2].endpoint.status") == "dialing-out");
  CHECK(with_conference_version("<reginfo/>", 1).reason().find("not <conference-info>") !=
        std::string::npos);
}

#include "msg/msg.h"
#include "template/template.h"

TEST_CASE("body: template paths reach into XML bodies") {
  auto path = scn::sip::parse_path("body.conference-info.users.user[2].endpoint.status");
  REQUIRE(path.ok());
  CHECK(path->target == scn::sip::PathTarget::Body);
  CHECK(scn::sip::to_string(*path) == "body.conference-info.users.user[2].endpoint.status");
  std::string text = std::string("NOTIFY sip:ue@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n"
                                 "From: <sip:f@h>;tag=1\r\nTo: <sip:t@h>;tag=2\r\nCall-ID: c\r\n"
                                 "CSeq: 1 NOTIFY\r\nContent-Type: application/conference-info+xml\r\n"
                                 "Content-Length: ") +
                     std::to_string(std::string(kConference).size()) + "\r\n\r\n" + kConference;
  auto message = scn::sip::parse(text);
  REQUIRE(message.ok());
  const scn::sip::Resolved status = scn::sip::resolve(*message, *path);
  REQUIRE(status.present());
  CHECK(status.values.front() == "dialing-out");
}
