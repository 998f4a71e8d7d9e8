// Forwarding as a stateful proxy (RFC 3261 16.4, 16.6, 16.7): what a relaying party
// changes in a request and a response, and the rows of a relaying step over the result.
#include <doctest/doctest.h>

#include "msg/msg.h"
#include "proxy/proxy.h"
#include "template/template.h"

namespace {

const scn::proxy::Hop hop{"127.0.0.1", 5060, "UDP", "z9hG4bKhop1"};

scn::sip::Message parse(const std::string& text) {
  auto message = scn::sip::parse(text);
  REQUIRE_MESSAGE(message.ok(), message.reason());
  return *message;
}

std::string request(const std::string& start, const std::string& headers) {
  return start + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKue1\r\n" + headers +
         "Call-ID: c1\r\nCSeq: 1 " + start.substr(0, start.find(' ')) +
         "\r\nContent-Length: 0\r\n\r\n";
}

scn::sip::Message forward(const std::string& text) {
  auto forwarded = scn::proxy::forward_request(parse(text), hop);
  REQUIRE_MESSAGE(forwarded.ok(), forwarded.reason());
  return *forwarded;
}

std::vector<std::string> values(const scn::sip::Message& m, const char* name) {
  std::vector<std::string> out;
  for (auto v : m.values(name)) out.emplace_back(v);
  return out;
}

}  // namespace

TEST_CASE("proxy: a dialog-creating request gets Via, Record-Route, one hop less, no own Route") {
  auto m = forward(request("INVITE sip:ue2@127.0.0.1:5080",
                           "Max-Forwards: 70\r\nRoute: <sip:127.0.0.1;lr>, <sip:next@10.0.0.1;lr>\r\n"
                           "From: <sip:ue1@x>;tag=1\r\nTo: <sip:ue2@x>\r\n"));
  CHECK(m.request_uri() == "sip:ue2@127.0.0.1:5080");
  CHECK(values(m, "Via") == std::vector<std::string>{"SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKhop1",
                                                     "SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKue1"});
  CHECK(m.value_or("Max-Forwards") == "69");
  CHECK(values(m, "Route") == std::vector<std::string>{"<sip:next@10.0.0.1;lr>"});
  CHECK(m.value_or("Record-Route") == "<sip:127.0.0.1:5060;lr>");
}

TEST_CASE("proxy: in-dialog requests get no Record-Route, Max-Forwards added when absent") {
  auto m = forward(request("BYE sip:ue2@127.0.0.1:5080",
                           "Route: <sip:ss@127.0.0.1:5060;lr>\r\nRecord-Route: <sip:x@1.2.3.4;lr>\r\n"
                           "From: <sip:ue1@x>;tag=1\r\nTo: <sip:ue2@x>;tag=2\r\n"));
  CHECK_FALSE(m.has("Route"));
  CHECK(values(m, "Record-Route") == std::vector<std::string>{"<sip:x@1.2.3.4;lr>"});
  CHECK(m.value_or("Max-Forwards") == "70");
  CHECK(scn::proxy::creates_dialog(parse(request("SUBSCRIBE sip:a@b", "From: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\n"))));
  CHECK_FALSE(scn::proxy::creates_dialog(parse(request("MESSAGE sip:a@b", "From: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\n"))));
}

TEST_CASE("proxy: a Request-URI the hop recorded (strict router before it) is restored") {
  // 16.4: the previous hop put our Record-Route URI into the Request-URI and the
  // original Request-URI last in Route.
  auto m = forward(request("BYE sip:127.0.0.1:5060;lr",
                           "Route: <sip:ue2@127.0.0.1:5080>\r\n"
                           "From: <sip:ue1@x>;tag=1\r\nTo: <sip:ue2@x>;tag=2\r\n"));
  CHECK(m.request_uri() == "sip:ue2@127.0.0.1:5080");
  CHECK_FALSE(m.has("Route"));
}

TEST_CASE("proxy: a strict router next gets the Request-URI last in Route (16.6 step 6)") {
  auto m = forward(request("BYE sip:ue2@127.0.0.1:5080",
                           "Route: <sip:strict@10.0.0.9>, <sip:loose@10.0.0.8;lr>\r\n"
                           "From: <sip:ue1@x>;tag=1\r\nTo: <sip:ue2@x>;tag=2\r\n"));
  CHECK(m.request_uri() == "sip:strict@10.0.0.9");
  CHECK(values(m, "Route") ==
        std::vector<std::string>{"<sip:loose@10.0.0.8;lr>", "<sip:ue2@127.0.0.1:5080>"});
}

TEST_CASE("proxy: a response loses its top Via only") {
  auto m = scn::proxy::forward_response(parse(
      "SIP/2.0 180 Ringing\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKhop1, "
      "SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKue1\r\nFrom: <sip:a@b>;tag=1\r\n"
      "To: <sip:c@d>;tag=2\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n"));
  REQUIRE(m.ok());
  CHECK(m->status_code() == 180);
  CHECK(m->reason() == "Ringing");
  CHECK(values(*m, "Via") == std::vector<std::string>{"SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKue1"});
  auto lone = scn::proxy::forward_response(parse(
      "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKhop1\r\nFrom: <sip:a@b>;tag=1\r\n"
      "To: <sip:c@d>;tag=2\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n"));
  CHECK(lone.reason() == "the response has no Via below the relaying party's");
}

TEST_CASE("proxy: names_hop and Record-Route over TCP and IPv6") {
  CHECK(scn::proxy::names_hop("sip:127.0.0.1;lr", hop));
  CHECK(scn::proxy::names_hop("sip:ss@127.0.0.1:5060", hop));
  CHECK_FALSE(scn::proxy::names_hop("sip:127.0.0.1:5062;lr", hop));
  CHECK_FALSE(scn::proxy::names_hop("tel:+123", hop));
  CHECK(scn::proxy::record_route_value({"::1", 5062, "TCP", "b"}) == "<sip:[::1]:5062;transport=tcp;lr>");
}

TEST_CASE("proxy: the rows of a relaying step change the forwarded message") {
  auto m = forward(request("INVITE sip:ue2@127.0.0.1:5080",
                           "From: <sip:ue1@x>;tag=1\r\nTo: <sip:ue2@x>\r\nContact: <sip:ue1@127.0.0.1:5070>\r\n"));
  scn::sip::SendTemplate rows;
  rows.set("Contact", scn::sip::SendValue::absent());
  rows.set("Subject", "relayed");
  rows.with_body("v=0\r\n");
  scn::sip::IdGenerator ids(1);
  scn::sip::BuildContext context;
  context.ids = &ids;
  auto text = scn::sip::build_on(m, rows, context);
  REQUIRE_MESSAGE(text.ok(), text.reason());
  auto built = parse(*text);
  CHECK_FALSE(built.has("Contact"));
  CHECK(built.value_or("Subject") == "relayed");
  CHECK(built.value_or("Content-Type") == "application/sdp");
  CHECK(built.value_or("Content-Length") == "5");
  CHECK(built.value_or("Record-Route") == "<sip:127.0.0.1:5060;lr>");
  CHECK(built.values("Via").size() == 2);
}
