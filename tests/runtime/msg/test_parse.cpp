// parse(): start lines, header lookup, compact forms, folding, lists, limits.
#include <doctest/doctest.h>

#include <string>

#include "msg/msg.h"

using namespace scn::sip;

namespace {

std::string invite(const std::string& extra_headers = "", const std::string& body = "") {
  return "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
         "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n"
         "Max-Forwards: 70\r\n"
         "To: Bob <sip:bob@biloxi.example.com>\r\n"
         "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
         "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
         "CSeq: 314159 INVITE\r\n" +
         extra_headers + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

}  // namespace

TEST_CASE("msg parse: request line and headers and body") {
  const auto m = parse(invite("Contact: <sip:alice@pc33.atlanta.example.com>\r\n", "v=0\r\n"));
  REQUIRE(m.ok());
  CHECK(m->is_request());
  CHECK(m->method() == "INVITE");
  CHECK(m->request_uri() == "sip:bob@biloxi.example.com");
  CHECK(m->version() == "SIP/2.0");
  CHECK(m->headers().size() == 8);
  CHECK(m->headers()[0].canonical == "Via");
  CHECK(m->body() == "v=0\r\n");
  CHECK(m->trailing_octets() == 0);
  CHECK(m->raw().substr(0, 6) == "INVITE");
}

TEST_CASE("msg parse: status line") {
  const auto m = parse("SIP/2.0 180 Ringing\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");
  REQUIRE(m.ok());
  CHECK(m->is_response());
  CHECK(m->status_code() == 180);
  CHECK(m->reason() == "Ringing");
  CHECK(m->method().empty());
  for (const char* bad : {"SIP/2.0 99 Low\r\n\r\n", "SIP/2.0 700 High\r\n\r\n", "SIP/2.0 2000 X\r\n\r\n",
                          "SIP/2.0 abc X\r\n\r\n", "SIP/3.0 200 OK\r\n\r\n", "SIP/2.0\r\n\r\n"}) {
    INFO(bad);
    CHECK_FALSE(parse(bad).ok());
  }
}

TEST_CASE("msg parse: views stay valid after the input is gone and across copies") {
  Message copy;
  {
    std::string text = invite("Subject: folded\r\n  across lines\r\n");
    const auto m = parse(text);
    REQUIRE(m.ok());
    copy = *m;
    text.assign(text.size(), 'x');
  }
  CHECK(copy.method() == "INVITE");
  CHECK(copy.value_or("Subject") == "folded across lines");
  const Message moved = std::move(copy);
  CHECK(moved.value_or("Call-ID") == "a84b4c76e66710@pc33.atlanta.example.com");
}

TEST_CASE("msg parse: compact and odd-case names find the same header") {
  const auto m = parse("OPTIONS sip:a@b.example SIP/2.0\r\nv: SIP/2.0/UDP h.example;branch=z9hG4bK1\r\n"
                       "i: abc@h\r\nf: <sip:x@y.example>;tag=1\r\nt: <sip:a@b.example>\r\nm: <sip:x@h>\r\n"
                       "c: text/plain\r\nk: 100rel\r\no: presence\r\nl: 3\r\n\r\nabc");
  REQUIRE(m.ok());
  CHECK(m->value_or("Call-ID") == "abc@h");
  CHECK(m->value_or("CALL-ID") == "abc@h");
  CHECK(m->value_or("I") == "abc@h");
  CHECK(m->find("Via")->name == "v");
  CHECK(m->find("via")->canonical == "Via");
  CHECK(m->has("From"));
  CHECK(m->has("Contact"));
  CHECK(m->value_or("Content-Type") == "text/plain");
  CHECK(m->value_or("Supported") == "100rel");
  CHECK(m->value_or("Event") == "presence");
  CHECK(m->body() == "abc");
  CHECK(canonical_header_name("x") == "Session-Expires");
  CHECK(canonical_header_name("WWW-AUTHENTICATE") == "WWW-Authenticate");
  CHECK(canonical_header_name("X-Custom") == "X-Custom");
  CHECK(compact_form("Refer-To") == 'r');
  CHECK(compact_form("b") == 'b');
  CHECK(compact_form("Route") == 0);
  CHECK(same_header("l", "content-length"));
  CHECK(same_header("CONTENT-LENGTH", "l"));
  CHECK(same_header("Call-ID", "call-id"));
  CHECK(same_header("i", "I"));
  CHECK_FALSE(same_header("Call-ID", "Content-Length"));
  CHECK_FALSE(same_header("i", "l"));
  CHECK(same_header("X-Custom", "x-custom"));
  CHECK_FALSE(same_header("x", "X-Custom"));  // x is Session-Expires
  // A header is found by its long name in any case, and by its compact form.
  const auto compact = parse("OPTIONS sip:a@b.example SIP/2.0\r\nv: SIP/2.0/UDP h;branch=z9hG4bK1\r\n"
                             "i: c1\r\nCONTENT-length: 0\r\n\r\n");
  REQUIRE(compact.ok());
  CHECK(compact->value_or("call-id") == "c1");
  CHECK(compact->value_or("i") == "c1");
  CHECK(compact->find_all("Via").size() == 1);
  CHECK(compact->find("l") != nullptr);
  CHECK(compact->find("x") == nullptr);
}

TEST_CASE("msg parse: folding is presented unfolded") {
  const auto m = parse(invite("Subject: one\r\n two\r\n\tthree\r\nX-Empty:\r\n  late value\r\n"));
  REQUIRE(m.ok());
  CHECK(m->value_or("Subject") == "one two three");
  CHECK(m->value_or("X-Empty") == "late value");
  CHECK_FALSE(parse("OPTIONS sip:a@b.example SIP/2.0\r\n folded-start: x\r\n\r\n").ok());
}

TEST_CASE("msg parse: repeated headers and comma lists") {
  const auto m = parse(invite(
      "Via: SIP/2.0/UDP a.example;branch=z9hG4bKa, SIP/2.0/TCP b.example;branch=z9hG4bKb\r\n"
      "Contact: \"Doe, John\" <sip:j@h.example;x=a>;p=\"a,b\", <sip:k@h.example>\r\n"
      "WWW-Authenticate: Digest realm=\"a\", nonce=\"b\"\r\n"
      "Route: <sip:p1.example;lr>\r\nRoute: <sip:p2.example;lr>\r\n"));
  REQUIRE_MESSAGE(m.ok(), m.reason());
  CHECK(m->count("Via") == 2);
  const auto vias = m->values("Via");
  REQUIRE(vias.size() == 3);
  CHECK(vias[2] == "SIP/2.0/TCP b.example;branch=z9hG4bKb");
  const auto contacts = m->values("m");
  REQUIRE(contacts.size() == 2);
  CHECK(contacts[0] == "\"Doe, John\" <sip:j@h.example;x=a>;p=\"a,b\"");
  CHECK(m->values("WWW-Authenticate").size() == 1);
  CHECK(m->values("Route") == std::vector<std::string_view>{"<sip:p1.example;lr>", "<sip:p2.example;lr>"});
  CHECK(m->first("Route") == "<sip:p1.example;lr>");
  CHECK(m->first("Nope") == std::nullopt);
  CHECK(m->value_or("Nope", "dflt") == "dflt");
  CHECK(split_list(" a , \"b,c\" ,, <d,e>,f ") == std::vector<std::string_view>{"a", "\"b,c\"", "<d,e>", "f"});
  CHECK(first_element(" ,, \"b,c\" , a") == "\"b,c\"");
  CHECK(first_element(" , ,") == std::nullopt);
  CHECK(first_element("") == std::nullopt);
  CHECK(split_words("  audio 49170  RTP/AVP 0 8 ") ==
        std::vector<std::string>{"audio", "49170", "RTP/AVP", "0", "8"});
  CHECK(nth_word("  audio 49170  RTP/AVP 0 8 ", 0) == "audio");
  CHECK(nth_word("  audio 49170  RTP/AVP 0 8 ", 2) == "RTP/AVP");
  CHECK(nth_word("  audio 49170  RTP/AVP 0 8 ", 4) == "8");
  CHECK(nth_word("  audio 49170  RTP/AVP 0 8 ", 5) == "");
  CHECK(nth_word("", 0) == "");
  CHECK(is_list_header("v"));
  CHECK_FALSE(is_list_header("Date"));
  CHECK_FALSE(is_list_header("Authorization"));
}

TEST_CASE("msg parse: Content-Length rules per mode") {
  const std::string no_length = "MESSAGE sip:a@b.example SIP/2.0\r\nCSeq: 1 MESSAGE\r\n\r\nhello";
  auto d = parse(no_length, ParseMode::Datagram);
  REQUIRE(d.ok());
  CHECK(d->body() == "hello");
  CHECK(d->body_from_datagram_end());
  CHECK_FALSE(parse(no_length, ParseMode::Stream).ok());
  CHECK(parse(invite("", "abc") + "junk")->trailing_octets() == 4);
  CHECK(parse(invite("", "abc") + "junk", ParseMode::Stream)->body() == "abc");
  for (const char* cl : {"-1", "abc", "1 2", "99999999999", "", "+5"}) {
    INFO(cl);
    const auto r = parse(std::string("OPTIONS sip:a@b.example SIP/2.0\r\nContent-Length: ") + cl + "\r\n\r\n");
    CHECK_FALSE(r.ok());
    CHECK(r.reason().find("Content-Length") != std::string::npos);
  }
  CHECK(parse("OPTIONS sip:a@b.example SIP/2.0\r\nl: 1\r\nl: 1\r\n\r\nx").reason() == "repeated Content-Length");
}

TEST_CASE("msg parse: leading CRLFs are skipped") {
  const auto m = parse("\r\n\r\n" + invite());
  REQUIRE(m.ok());
  CHECK(m->method() == "INVITE");
}

TEST_CASE("msg parse: size limits give clear reasons") {
  Limits limits;
  limits.max_message = 300;
  auto r = parse(invite("", std::string(400, 'x')), ParseMode::Datagram, limits);
  CHECK(r.reason().find("larger than 300") != std::string::npos);
  CHECK(r.error().response_code == 513);
  limits = Limits{};
  limits.max_headers = 5;
  CHECK(parse(invite(), ParseMode::Datagram, limits).reason().find("more than 5 header") != std::string::npos);
  limits = Limits{};
  limits.max_line = 40;
  CHECK(parse(invite(), ParseMode::Datagram, limits).reason().find("line longer than 40") != std::string::npos);
  CHECK(parse(std::string(70000, 'A')).reason().find("larger than 65535") != std::string::npos);
}

TEST_CASE("msg parse: malformed inputs are errors and not crashes") {
  for (const std::string& bad : {std::string(), std::string("\r\n"), std::string("INVITE"),
                                std::string("INVITE sip:a@b SIP/2.0\r\n"),
                                std::string("INVITE sip:a@b SIP/2.0\r\nNoColon\r\n\r\n"),
                                std::string("INVITE sip:a@b SIP/2.0\r\nBad Name: x\r\n\r\n"),
                                std::string("INVITE sip:a@b SIP/2.0\r\nX: a\rb\r\n\r\n"),
                                std::string("\0\0\0\r\n\r\n", 7)}) {
    const auto r = parse(bad);
    CHECK_FALSE(r.ok());
    CHECK_FALSE(r.reason().empty());
  }
}

TEST_CASE("msg parse: core headers are checked") {
  CHECK(parse(invite("Max-Forwards: 256\r\n")).reason().find("repeated Max-Forwards") != std::string::npos);
  CHECK(parse("OPTIONS sip:a@b.example SIP/2.0\r\nMax-Forwards: 256\r\n\r\n").reason().find("Max-Forwards") != std::string::npos);
  CHECK(parse("OPTIONS sip:a@b.example SIP/2.0\r\nVia: SIP/2.0/UDP\r\n\r\n").reason().find("Via") != std::string::npos);
  CHECK(parse("OPTIONS sip:a@b.example SIP/2.0\r\nCall-ID: a b\r\n\r\n").reason().find("Call-ID") != std::string::npos);
  CHECK(parse("OPTIONS sip:a@b.example SIP/2.0\r\nContact: *\r\n\r\n").ok());
  CHECK_FALSE(parse("OPTIONS sip:a@b.example SIP/2.0\r\nContact: <sip:a@b;;>\r\n\r\n").ok());
  const auto ok = parse("OPTIONS sip:a@b.example SIP/2.0\r\n\r\n");
  REQUIRE(ok.ok());
  CHECK(check_required_headers(*ok).reason() == "missing required header To");
  CHECK(check_required_headers(*parse(invite())).ok());
}

TEST_CASE("msg serialize: round trip keeps names and unfolds values") {
  const auto m = parse(invite("Subject: a\r\n b\r\n", "body"));
  REQUIRE(m.ok());
  const std::string out = serialize(*m);
  CHECK(out.find("Subject: a b\r\n") != std::string::npos);
  CHECK(out.substr(out.size() - 8) == "\r\n\r\nbody");
  const auto again = parse(out);
  REQUIRE(again.ok());
  CHECK(again->headers().size() == m->headers().size());
  CHECK(serialize(Message{}).empty());
}

// parse() copies its input before scanning it: an empty view, whose data() may be null,
// is an error like any unterminated header section, not a copy from nowhere.
TEST_CASE("msg parse: an empty input is an unterminated header section") {
  const auto r = parse(std::string_view());
  REQUIRE_FALSE(r.ok());
  CHECK(r.reason() == "header section not terminated by an empty line");
  CHECK(r.error().response_code == 400);
}
