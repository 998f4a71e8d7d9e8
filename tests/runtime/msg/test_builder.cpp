// MessageBuilder and response skeletons.
#include <doctest/doctest.h>

#include "msg/msg.h"

using namespace scn::sip;

TEST_CASE("msg builder: request with automatic Content-Length") {
  auto b = MessageBuilder::request("MESSAGE", "sip:bob@example.com");
  b.add("Via", "SIP/2.0/UDP h.example;branch=z9hG4bK1")
      .add("To", "<sip:bob@example.com>")
      .add("Content-Length", "999")
      .body("hi", "text/plain");
  const std::string text = b.build();
  CHECK(text.rfind("MESSAGE sip:bob@example.com SIP/2.0\r\n", 0) == 0);
  CHECK(text.find("Content-Length: 999") == std::string::npos);
  const auto m = b.message();
  REQUIRE(m.ok());
  CHECK(m->value_or("Content-Length") == "2");
  CHECK(m->value_or("c") == "text/plain");
  CHECK(m->body() == "hi");
  b.auto_content_length(false).set("l", "7");
  CHECK(b.build().find("l: 7\r\n") != std::string::npos);
  CHECK_FALSE(b.message().ok());
}

TEST_CASE("msg builder: add_front and set and remove") {
  auto b = MessageBuilder::response(486);
  CHECK(b.first_line() == "SIP/2.0 486 Busy Here");
  b.add("Via", "SIP/2.0/UDP a;branch=z9hG4bKa").add("v", "SIP/2.0/UDP b;branch=z9hG4bKb");
  b.add_front("Via", "SIP/2.0/UDP c;branch=z9hG4bKc");
  CHECK(b.fields().front().value == "SIP/2.0/UDP c;branch=z9hG4bKc");
  b.add("Subject", "x").set("VIA", "SIP/2.0/UDP d;branch=z9hG4bKd");
  REQUIRE(b.fields().size() == 2);
  CHECK(b.fields()[0].value == "SIP/2.0/UDP d;branch=z9hG4bKd");
  b.remove("s");
  CHECK_FALSE(b.has("Subject"));
  b.set("X-New", "1");
  CHECK(b.get("x-new") == "1");
  CHECK(default_reason(200) == "OK");
  CHECK(default_reason(299) == "Unknown");
}

TEST_CASE("msg builder: response skeleton per RFC 3261 8.2.6") {
  const auto req = parse(
      "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
      "Via: SIP/2.0/UDP p.example;branch=z9hG4bK1, SIP/2.0/UDP a.example;branch=z9hG4bK2\r\n"
      "v: SIP/2.0/UDP c.example;branch=z9hG4bK3\r\nMax-Forwards: 70\r\n"
      "To: Bob <sip:bob@biloxi.example.com>\r\nFrom: <sip:alice@atlanta.example.com>;tag=9\r\n"
      "Call-ID: x@y\r\nCSeq: 1 INVITE\r\nTimestamp: 54\r\nContent-Length: 0\r\n\r\n");
  REQUIRE(req.ok());
  auto resp = make_response(*req, 180, {}, "abc").message();
  REQUIRE(resp.ok());
  CHECK(resp->status_code() == 180);
  CHECK(resp->reason() == "Ringing");
  CHECK(resp->values("Via").size() == 3);
  CHECK(resp->count("Via") == 2);
  CHECK(parse_name_addr(resp->value_or("To"))->tag() == "abc");
  CHECK(resp->value_or("From") == "<sip:alice@atlanta.example.com>;tag=9");
  CHECK(resp->value_or("Call-ID") == "x@y");
  CHECK(resp->value_or("CSeq") == "1 INVITE");
  CHECK_FALSE(resp->has("Timestamp"));
  CHECK_FALSE(resp->has("Max-Forwards"));
  auto trying = make_response(*req, 100).message();
  REQUIRE(trying.ok());
  CHECK(trying->value_or("Timestamp") == "54");
  CHECK_FALSE(parse_name_addr(trying->value_or("To"))->tag().has_value());
  // An existing To tag is kept.
  const auto again = make_response(*resp, 200, "Fine", "zzz").build();
  CHECK(again.find("tag=zzz") == std::string::npos);
}

TEST_CASE("msg builder: from() copies a message for editing") {
  const auto m = parse("OPTIONS sip:a@b.example SIP/2.0\r\nCSeq: 1 OPTIONS\r\nl: 2\r\n\r\nhi");
  REQUIRE(m.ok());
  auto b = MessageBuilder::from(*m);
  b.set("CSeq", "2 OPTIONS");
  const auto n = b.message();
  REQUIRE(n.ok());
  CHECK(n->value_or("CSeq") == "2 OPTIONS");
  CHECK(n->body() == "hi");
  CHECK(n->count("Content-Length") == 1);
}
