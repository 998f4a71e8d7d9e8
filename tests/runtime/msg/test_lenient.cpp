// Reading what a 400 needs from a request that did not parse, and its reason phrase.
#include <doctest/doctest.h>

#include <string>

#include "msg/lenient.h"
#include "msg/msg.h"

using scn::sip::essential_response;
using scn::sip::malformed_reason_phrase;
using scn::sip::read_request_essentials;

TEST_CASE("lenient: the fields of a malformed request, compact names and folded lines") {
  const std::string raw =
      "INVITE sip:a@b SIP/2.0\r\nv: SIP/2.0/UDP h1;branch=z9hG4bK1\r\nVia: SIP/2.0/UDP h2\r\n"
      "f: <sip:u@h>;tag=9\r\nTo: <sip:a@b>\r\n ;x=1\r\ni: c1\r\nCSeq: abc INVITE\r\n\r\nbody";
  auto fields = read_request_essentials(raw);
  REQUIRE(fields);
  CHECK(fields->method == "INVITE");
  CHECK(fields->via == std::vector<std::string>{"SIP/2.0/UDP h1;branch=z9hG4bK1", "SIP/2.0/UDP h2"});
  CHECK(fields->to == "<sip:a@b> ;x=1");
  CHECK(fields->cseq == "abc INVITE");
  const std::string response = essential_response(*fields, 400, "Malformed CSeq", "t1");
  CHECK(response ==
        "SIP/2.0 400 Malformed CSeq\r\nVia: SIP/2.0/UDP h1;branch=z9hG4bK1\r\n"
        "Via: SIP/2.0/UDP h2\r\nFrom: <sip:u@h>;tag=9\r\nTo: <sip:a@b> ;x=1;tag=t1\r\n"
        "Call-ID: c1\r\nCSeq: abc INVITE\r\nContent-Length: 0\r\n\r\n");
}

TEST_CASE("lenient: no answer without a field, with a control character, or to a response") {
  const std::string good =
      "MESSAGE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nFrom: <sip:u@h>;tag=1\r\n"
      "To: <sip:a@b>\r\nCall-ID: c\r\nCSeq: 1 MESSAGE\r\n\r\n";
  CHECK(read_request_essentials(good));
  std::string no_call_id = good;
  no_call_id.erase(no_call_id.find("Call-ID"), 11);
  CHECK_FALSE(read_request_essentials(no_call_id));
  std::string nul = good;
  nul.insert(nul.find("1 MESSAGE") + 1, 1, '\0');
  CHECK_FALSE(read_request_essentials(nul));
  CHECK_FALSE(read_request_essentials("SIP/2.0 200 OK\r\nVia: x\r\n\r\n"));
  CHECK_FALSE(read_request_essentials("hello\r\n\r\n"));
  CHECK_FALSE(read_request_essentials(""));
}

TEST_CASE("lenient: the reason phrase names the header the parse error names") {
  CHECK(malformed_reason_phrase("CSeq: sequence number: not a decimal number") == "Malformed CSeq");
  CHECK(malformed_reason_phrase("bad top Via: no branch") == "Malformed Via");
  CHECK(malformed_reason_phrase("no Call-ID header") == "Missing Call-ID");
  CHECK(malformed_reason_phrase("repeated To header") == "Repeated To");
  CHECK(malformed_reason_phrase("header line without ':'\r\n\x01") ==
        "Bad Request (header line without ':')");
  CHECK(scn::sip::reason_phrase(std::string(500, 'x')).size() == 120);
}
