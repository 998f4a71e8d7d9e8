// Paths: parsing their text form and resolving them on real messages.
#include <doctest/doctest.h>

#include "msg/msg.h"
#include "template/template.h"
#include "support/samples.h"

using namespace scn::sip;
using scn_test::load_corpus;
using scn_test::parse_ok;

namespace {

Path path(std::string_view text) {
  auto p = parse_path(text);
  REQUIRE_MESSAGE(p.ok(), text << ": " << p.reason());
  return p.value();
}

}  // namespace

TEST_CASE("parse_path reads start-line and header and index and part forms") {
  CHECK(path("Request-URI").target == PathTarget::RequestUri);
  CHECK(path("status").target == PathTarget::Status);
  CHECK(path("Reason").target == PathTarget::Reason);
  CHECK(path("Method").target == PathTarget::Method);
  CHECK(path("body").target == PathTarget::Body);

  const Path via = path("v[2].branch");
  CHECK(via.header == "Via");
  CHECK(via.index == 2);
  CHECK(via.part == PathPart::Param);
  CHECK(via.name == "branch");

  const Path user = path("Contact.addr-spec.user");
  CHECK(user.header == "Contact");
  CHECK(user.part == PathPart::UriUser);

  const Path icsi = path("Contact.+g.3gpp.icsi-ref");
  CHECK(icsi.part == PathPart::Param);
  CHECK(icsi.name == "+g.3gpp.icsi-ref");

  CHECK(path("CSeq.seq").part == PathPart::CSeqSeq);
  CHECK(path("RAck.rseq").part == PathPart::RAckRSeq);
  CHECK(path("Via.sent-by").part == PathPart::ViaSentBy);
  CHECK(path("Subscription-State.expires").part == PathPart::Param);
  CHECK(path("Event.value").part == PathPart::Token);
  CHECK(path("To.display-name").part == PathPart::DisplayName);
  CHECK(path("Request-URI.user").part == PathPart::UriUser);
  const Path lr = path("Route[1].addr-spec.lr");
  CHECK(lr.part == PathPart::UriParam);
  CHECK(lr.name == "lr");
  // "host" is a Via part, but on another header it is an ordinary parameter.
  CHECK(path("Foo.host").part == PathPart::Param);
}

TEST_CASE("parse_path rejects malformed paths with reasons") {
  for (std::string_view bad : {"", "Via[0]", "Via[x]", "Via[2", "Via[1]x", "To.", "Bad Name",
                               "Request-URI.", "To.addr-spec."}) {
    auto p = parse_path(bad);
    CHECK_MESSAGE(!p.ok(), "accepted '" << bad << "'");
    CHECK(!p.reason().empty());
  }
}

TEST_CASE("to_string gives the text form back") {
  for (std::string_view text : {"Request-URI", "Request-URI.user", "Status", "Reason", "Method",
                                "body", "Via", "Via[2].branch", "Contact.addr-spec.user",
                                "Contact.+g.3gpp.icsi-ref", "CSeq.seq", "RAck.method",
                                "To.display-name", "Route[1].addr-spec.lr"}) {
    const Path p = path(text);
    CHECK(to_string(p) == text);
    CHECK(path(to_string(p)) == p);
  }
  CHECK(to_string(path("v.BRANCH")) == "Via.branch");
}

TEST_CASE("every part has one spelling, read back by parse_path, and its other names") {
  const std::pair<std::string_view, PathPart> parts[] = {
      {"Contact.addr-spec", PathPart::AddrSpec},    {"To.display-name", PathPart::DisplayName},
      {"Contact.addr-spec.user", PathPart::UriUser}, {"Contact.addr-spec.host", PathPart::UriHost},
      {"Contact.addr-spec.port", PathPart::UriPort}, {"Event.value", PathPart::Token},
      {"CSeq.seq", PathPart::CSeqSeq},               {"CSeq.method", PathPart::CSeqMethod},
      {"RAck.rseq", PathPart::RAckRSeq},             {"RAck.cseq", PathPart::RAckCSeq},
      {"RAck.method", PathPart::CSeqMethod},         {"Via.sent-by", PathPart::ViaSentBy},
      {"Via.transport", PathPart::ViaTransport},     {"Via.host", PathPart::ViaHost},
      {"Via.port", PathPart::ViaPort},               {"Request-URI.host", PathPart::UriHost}};
  for (const auto& [text, part] : parts) {
    CAPTURE(text);
    CHECK(path(text).part == part);
    CHECK(to_string(path(text)) == text);
  }
  // Other names of a part, written back in its one spelling.
  CHECK(to_string(path("Contact.uri.user")) == "Contact.addr-spec.user");
  CHECK(to_string(path("To.display")) == "To.display-name");
  CHECK(to_string(path("CSeq.number")) == "CSeq.seq");
  CHECK(to_string(path("Via.protocol")) == "Via.transport");
  // A header-specific name is a parameter on other headers.
  CHECK(path("Contact.cseq").part == PathPart::Param);
  CHECK(path("CSeq.rseq").part == PathPart::Param);
  CHECK(path("Route.host").part == PathPart::Param);
}

TEST_CASE("RAck parts read and edit the RAck value, CSeq parts the CSeq value") {
  const Message prack = parse_ok(
      "PRACK sip:ue@127.0.0.1 SIP/2.0\r\n"
      "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\n"
      "To: <sip:ue@127.0.0.1>;tag=a\r\nFrom: <sip:ss@127.0.0.1>;tag=b\r\n"
      "Call-ID: c1\r\nCSeq: 2 PRACK\r\nRAck: 7 1 INVITE\r\nContent-Length: 0\r\n\r\n");
  CHECK(resolve(prack, path("RAck.rseq")).values == std::vector<std::string>{"7"});
  CHECK(resolve(prack, path("RAck.cseq")).values == std::vector<std::string>{"1"});
  CHECK(resolve(prack, path("RAck.method")).values == std::vector<std::string>{"INVITE"});
  CHECK(resolve(prack, path("CSeq.seq")).values == std::vector<std::string>{"2"});
  CHECK(resolve(prack, path("CSeq.method")).values == std::vector<std::string>{"PRACK"});
}

TEST_CASE("resolve on the tortuous INVITE (RFC 4475 wsinv)") {
  const Message m = parse_ok(load_corpus("rfc4475/wsinv.dat"));
  auto r = resolve(m, path("Request-URI"));
  REQUIRE(r.present());
  CHECK(r.kind == ValueKind::Uri);
  CHECK(r.values[0] == "sip:vivekg@chair-dnrc.example.com;unknownparam");
  CHECK(resolve(m, path("Request-URI.user")).values == std::vector<std::string>{"vivekg"});
  CHECK(resolve(m, path("Request-URI.unknownparam")).values == std::vector<std::string>{""});
  CHECK(resolve(m, path("To.tag")).values == std::vector<std::string>{"1918181833n"});
  CHECK(resolve(m, path("From.tag")).values == std::vector<std::string>{"98asjd8"});
  CHECK(resolve(m, path("From.display-name")).values ==
        std::vector<std::string>{"J Rosenberg \\\""});
  CHECK(resolve(m, path("CSeq.seq")).values == std::vector<std::string>{"9"});
  CHECK(resolve(m, path("CSeq.method")).values == std::vector<std::string>{"INVITE"});
  CHECK(resolve(m, path("Max-Forwards")).kind == ValueKind::Number);

  // Three Via values over two fields (the second a comma list under the compact name).
  const auto vias = resolve(m, path("Via"));
  CHECK(vias.values.size() == 3);
  CHECK(resolve(m, path("Via.branch")).values == std::vector<std::string>{"390skdjuw"});
  CHECK(resolve(m, path("Via[3].branch")).values == std::vector<std::string>{"z9hG4bK30239"});
  CHECK(resolve(m, path("Via[2].transport")).values == std::vector<std::string>{"TCP"});
  CHECK(resolve(m, path("Via[2].sent-by")).values == std::vector<std::string>{"spindle.example.com"});
  CHECK_FALSE(resolve(m, path("Via[4]")).present());
  CHECK_FALSE(resolve(m, path("Via[4].branch")).present());

  CHECK(resolve(m, path("Contact.newparam")).values == std::vector<std::string>{"newvalue"});
  CHECK(resolve(m, path("Contact.secondparam")).values == std::vector<std::string>{""});
  CHECK(resolve(m, path("Contact.q")).values == std::vector<std::string>{"0.33"});
  CHECK_FALSE(resolve(m, path("Contact.expires")).present());
  CHECK(resolve(m, path("Route.addr-spec.host")).values ==
        std::vector<std::string>{"services.example.com"});
  CHECK(resolve(m, path("body")).values[0].starts_with("v=0"));
  CHECK_FALSE(resolve(m, path("Status")).present());
  CHECK_FALSE(resolve(m, path("Subject.foo")).present());
  CHECK(resolve(m, path("Method")).values == std::vector<std::string>{"INVITE"});
}

TEST_CASE("resolve decodes URI parts once (RFC 4475 esc01 and semiuri)") {
  const Message esc = parse_ok(load_corpus("rfc4475/esc01.dat"));
  CHECK(resolve(esc, path("To.addr-spec.user")).values == std::vector<std::string>{"user"});
  CHECK(resolve(esc, path("From.addr-spec.user")).values == std::vector<std::string>{"I have spaces"});
  CHECK(resolve(esc, path("Contact.addr-spec.name")).values == std::vector<std::string>{"value%41"});
  CHECK(resolve(esc, path("Request-URI.user")).values ==
        std::vector<std::string>{"sips:user@example.com"});

  const Message semi = parse_ok(load_corpus("rfc4475/semiuri.dat"));
  CHECK(resolve(semi, path("Request-URI.user")).values ==
        std::vector<std::string>{"user;par=u@example.net"});
  const auto accept = resolve(semi, path("Accept"));
  CHECK(accept.kind == ValueKind::Token);
  CHECK(accept.values.size() == 6);
  CHECK(resolve(semi, path("Accept[6]")).values == std::vector<std::string>{"message/sipfrag"});
  CHECK(accept.joined().starts_with("application/sdp, application/pkcs7-mime"));
}

TEST_CASE("resolve on responses: Status and Reason and a quoted header param") {
  const Message m = parse_ok(scn_test::crlf(R"(SIP/2.0 183 Session Progress
Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bKue1
From: <sip:alice@home1.net>;tag=a
To: <sip:bob@home1.net>;tag=b
Call-ID: x
CSeq: 7 INVITE
RSeq: 12
RAck: 12 7 INVITE
Contact: <sip:b@10.0.0.2>;isfocus;+sip.instance="<urn:gsma:imei:1>"
Content-Length: 0

)"));
  CHECK(resolve(m, path("Status")).values == std::vector<std::string>{"183"});
  CHECK(resolve(m, path("Reason")).values == std::vector<std::string>{"Session Progress"});
  CHECK_FALSE(resolve(m, path("Request-URI")).present());
  CHECK(resolve(m, path("Contact.isfocus")).values == std::vector<std::string>{""});
  const auto instance = resolve(m, path("Contact.+sip.instance"));
  CHECK(instance.values == std::vector<std::string>{"<urn:gsma:imei:1>"});
  CHECK(instance.kind == ValueKind::Text);  // quoted: compared exactly
  CHECK(resolve(m, path("RAck.cseq")).values == std::vector<std::string>{"7"});
  CHECK(resolve(m, path("RAck.method")).values == std::vector<std::string>{"INVITE"});
  CHECK(resolve(m, path("To")).kind == ValueKind::NameAddr);
  CHECK(resolve(m, path("To.addr-spec")).kind == ValueKind::Uri);
}

TEST_CASE("resolve reports an unparsable header instead of a value") {
  const Message m = parse_ok(scn_test::crlf(R"(MESSAGE sip:a@b SIP/2.0
Via: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK1
To: <sip:a@b>
Refer-To: this is not an address
From: <sip:c@d>;tag=1
Call-ID: x
CSeq: 1 MESSAGE
Content-Length: 0

)"));
  const auto r = resolve(m, path("Refer-To.addr-spec"));
  CHECK_FALSE(r.present());
  CHECK(r.error.find("Refer-To") != std::string::npos);
  CHECK(resolve(m, path("Refer-To")).present());  // the whole value is still there
}

TEST_CASE("resolve: a list header's first value, also when its first field holds none") {
  const Message m = parse_ok(scn_test::crlf(R"(OPTIONS sip:a@b SIP/2.0
Via: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK1
To: <sip:a@b>
From: <sip:c@d>;tag=1
Call-ID: x
CSeq: 1 OPTIONS
Supported: ,
Supported: timer, 100rel
Route: <sip:p1.example;lr>, <sip:p2.example;lr>
Content-Length: 0

)"));
  CHECK(resolve(m, path("Supported")).values == std::vector<std::string>{"timer", "100rel"});
  CHECK(resolve(m, path("Supported[1]")).values == std::vector<std::string>{"timer"});
  CHECK(resolve(m, path("Supported[2]")).values == std::vector<std::string>{"100rel"});
  CHECK(resolve(m, path("Route.addr-spec.host")).values == std::vector<std::string>{"p1.example"});
  CHECK(resolve(m, path("Route[2].addr-spec.host")).values == std::vector<std::string>{"p2.example"});
  CHECK(resolve(m, path("Route[1]")).values == std::vector<std::string>{"<sip:p1.example;lr>"});
  CHECK_FALSE(resolve(m, path("Require")).present());
  CHECK_FALSE(resolve(m, path("Require.tag")).present());
}
