// Structured header value parsers.
#include <doctest/doctest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstring>
#include <string>
#include <string_view>

#include "msg/msg.h"

using namespace scn::sip;

TEST_CASE("msg headers: name-addr and addr-spec") {
  auto a = parse_name_addr("\"Alice \\\"A\\\"\" <sip:alice@atlanta.example.com;transport=tcp>;tag=88sja8x;x");
  REQUIRE(a.ok());
  CHECK(a->display() == "Alice \"A\"");
  CHECK(a->angle_brackets);
  CHECK(a->uri_text == "sip:alice@atlanta.example.com;transport=tcp");
  CHECK(a->uri.param("transport")->value == "tcp");
  CHECK(a->tag() == "88sja8x");
  CHECK(a->params.has("x"));
  auto b = parse_name_addr("sip:bob@biloxi.example.com;tag=a6c85cf");
  REQUIRE(b.ok());
  CHECK_FALSE(b->angle_brackets);
  CHECK(b->uri.params.empty());
  CHECK(b->tag() == "a6c85cf");
  auto c = parse_name_addr("Bob Smith <tel:+1-555-0100>");
  REQUIRE(c.ok());
  CHECK(c->display_name == "Bob Smith");
  CHECK(c->uri.kind == UriScheme::Tel);
  CHECK(parse_name_addr("<sip:x@y.example>")->display_name.empty());
  for (const char* bad : {"", "\"open <sip:a@b>", "Bell, Alexander <sip:a@b>", "<sip:a@b", "< sip:a@b >",
                          "<>", "sip:a@b?x=y", "<sip:a@b>;;", "<sip:a@b>x", "\"a\"x <sip:a@b>", "<sip:a@b>;t=\"x"}) {
    INFO(bad);
    CHECK_FALSE(parse_name_addr(bad).ok());
  }
  CHECK(parse_contact("*")->is_star);
  CHECK(parse_contact(" <sip:a@b.example>;expires=60")->addr.params.get("expires") == "60");
}

TEST_CASE("msg headers: Via") {
  auto v = parse_via("SIP / 2.0 / UDP  [2001:db8::1] : 5062 ; branch=z9hG4bK74bf9;received=192.0.2.1;rport=5070");
  REQUIRE(v.ok());
  CHECK(v->protocol == "SIP");
  CHECK(v->version == "2.0");
  CHECK(v->transport == "UDP");
  CHECK(v->host == "2001:db8::1");
  CHECK(v->host_kind == HostKind::IPv6);
  CHECK(v->port == 5062);
  CHECK(v->branch() == "z9hG4bK74bf9");
  CHECK(v->received() == "192.0.2.1");
  CHECK(v->has_rport());
  CHECK(v->rport() == 5070);
  CHECK(v->sent_by() == "[2001:db8::1]:5062");
  auto w = parse_via("SIP/2.0/TCP client.example.com;rport;branch=z9hG4bKx");
  REQUIRE(w.ok());
  CHECK(w->has_rport());
  CHECK_FALSE(w->rport().has_value());
  CHECK_FALSE(w->port.has_value());
  CHECK(w->sent_by() == "client.example.com");
  for (const char* bad : {"SIP/2.0/UDP", "SIP/2.0 UDP h", "SIP/2.0/UDPh", "SIP/2.0/UDP h:99999",
                          "SIP/2.0/UDP h;;", "SIP/2.0/UDP [::1", "SIP/2.0/UDP h;received=nothost",
                          "SIP/2.0/UDP h;ttl=300", "SIP/2.0/UDP h;rport=x", "SIP/2.0/UDP h;branch",
                          "SIP/2.0/UDP bad_host", "SIP/2.0/UDP 192.0.2.15;;,"}) {
    INFO(bad);
    CHECK_FALSE(parse_via(bad).ok());
  }
}

// parse_via reads the usual shape in one pass and the rest by the grammar: both give the
// same Via for one value written either way.
TEST_CASE("msg headers: a plain Via and the same with LWS parse alike") {
  const char* plain = "SIP/2.0/UDP host.example.com:5060;branch=z9hG4bK1;rport;received=192.0.2.9;x=Y";
  const char* spaced =
      "SIP / 2.0 / UDP  host.example.com : 5060 ;branch=z9hG4bK1 ; rport;received=192.0.2.9;x=Y";
  auto a = parse_via(plain);
  auto b = parse_via(spaced);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  for (const Via* v : {&a.value(), &b.value()}) {
    CHECK(v->protocol == "SIP");
    CHECK(v->version == "2.0");
    CHECK(v->transport == "UDP");
    CHECK(v->host == "host.example.com");
    CHECK(v->host_kind == HostKind::Name);
    CHECK(v->port == 5060);
    CHECK(v->branch() == "z9hG4bK1");
    CHECK(v->received() == "192.0.2.9");
    CHECK(v->has_rport());
    CHECK_FALSE(v->rport().has_value());
    REQUIRE(v->params.items.size() == 4);
    CHECK(v->params.items[3].name == "x");
    CHECK(v->params.items[3].value == "Y");
  }
  auto ip = parse_via("SIP/2.0/TCP 127.0.0.1");
  REQUIRE(ip.ok());
  CHECK(ip->host_kind == HostKind::IPv4);
  CHECK_FALSE(ip->port.has_value());
  CHECK(ip->params.items.empty());
}

TEST_CASE("msg headers: CSeq and RAck and scalars") {
  CHECK(parse_cseq("4711 INVITE")->number == 4711);
  CHECK(parse_cseq(" 0009  REGISTER ")->method == "REGISTER");
  CHECK(parse_cseq("4294967295 ACK")->number == 4294967295u);
  for (const char* bad : {"4294967296 ACK", "1", "INVITE", "1 INVITE x", "-1 INVITE", "1 IN<VITE"}) {
    INFO(bad);
    CHECK_FALSE(parse_cseq(bad).ok());
  }
  auto r = parse_rack("776656 1 INVITE");
  REQUIRE(r.ok());
  CHECK(r->rseq == 776656);
  CHECK(r->cseq == 1);
  CHECK(r->method == "INVITE");
  CHECK_FALSE(parse_rack("0 1 INVITE").ok());
  CHECK_FALSE(parse_rack("1 INVITE").ok());
  CHECK(*parse_max_forwards("0068") == 68);
  CHECK_FALSE(parse_max_forwards("256").ok());
  CHECK(*parse_content_length("0") == 0);
  CHECK(parse_content_length("-5").reason() == "negative value");
  CHECK(parse_content_length("5x").reason() == "not a decimal number");
  CHECK(parse_content_length("").reason() == "empty value");
  CHECK(*parse_expires("3600") == 3600);
  CHECK(*parse_expires(std::string(100, '9')) == 4294967295u);
  CHECK_FALSE(parse_expires("soon").ok());
  CHECK(*parse_rseq("1") == 1);
  CHECK_FALSE(parse_rseq("0").ok());
  CHECK(*parse_uint32("4294967295") == 4294967295u);
  CHECK_FALSE(parse_uint32("4294967296").ok());
}

TEST_CASE("msg headers: token params and option tags and media types") {
  auto e = parse_event("presence.winfo;id=1234");
  REQUIRE(e.ok());
  CHECK(e->token == "presence.winfo");
  CHECK(e->params.get("id") == "1234");
  auto s = parse_subscription_state("terminated;reason=timeout;retry-after=5");
  REQUIRE(s.ok());
  CHECK(s->token == "terminated");
  CHECK(s->params.get("reason") == "timeout");
  CHECK_FALSE(parse_event(";id=1").ok());
  CHECK_FALSE(parse_event("dialog;;").ok());
  auto tags = parse_option_tags("100rel, precondition ,timer");
  REQUIRE(tags.ok());
  CHECK(*tags == std::vector<std::string_view>{"100rel", "precondition", "timer"});
  CHECK(parse_option_tags("")->empty());
  CHECK_FALSE(parse_option_tags("100rel, a b").ok());
  auto mt = parse_media_type("multipart/mixed ; boundary=\"unique-boundary-1\"");
  REQUIRE(mt.ok());
  CHECK(mt->type == "multipart");
  CHECK(mt->subtype == "mixed");
  CHECK(mt->params.get_unquoted("boundary") == "unique-boundary-1");
  CHECK_FALSE(parse_media_type("text").ok());
  CHECK_FALSE(parse_media_type("text/").ok());
}

TEST_CASE("msg headers: generic params") {
  auto p = parse_params(" ; a = 1 ;B; c=\"x;y\" ;received=[2001:db8::1]");
  REQUIRE(p.ok());
  REQUIRE(p->size() == 4);
  CHECK(p->get("A") == "1");
  CHECK(p->has("b"));
  CHECK_FALSE(p->get("b").has_value());
  CHECK(p->get("c") == "\"x;y\"");
  CHECK(p->get_unquoted("c") == "x;y");
  CHECK(p->get("received") == "[2001:db8::1]");
  CHECK(serialize(*p) == ";a=1;B;c=\"x;y\";received=[2001:db8::1]");
  CHECK(parse_params("")->empty());
  for (const char* bad : {";", ";;a", ";a=", "a", ";a=\"x", ";a=1 b"}) {
    INFO(bad);
    CHECK_FALSE(parse_params(bad).ok());
  }
  CHECK(unquote("\"a\\\\b\\\"c\"") == "a\\b\"c");
  CHECK(quote("a\"b") == "\"a\\\"b\"");
}

// find_any_of reads 16 octets at once, also past the end of a short text (never past its
// page): it must find what a plain loop finds, and not touch an unmapped page after the text.
TEST_CASE("msg headers: find_any_of finds the first separator as a plain loop does, up to a page end") {
  auto plain = [](std::string_view s, std::size_t pos) {
    for (; pos < s.size(); ++pos)
      if (s[pos] == ';' || s[pos] == ',' || s[pos] == '?') return pos;
    return std::string_view::npos;
  };
  std::string text;
  for (std::size_t n = 0; n < 40; ++n) {
    for (std::size_t hit = 0; hit <= n; ++hit) {
      text.assign(n, 'x');
      if (hit < n) text[hit] = ",;?"[hit % 3];
      for (std::size_t pos = 0; pos <= n; ++pos) {
        CAPTURE(text);
        CAPTURE(pos);
        CHECK(detail::find_any_of(text, pos, ';', ',', '?') == plain(text, pos));
      }
    }
  }
  const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  void* map = mmap(nullptr, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(map != MAP_FAILED);
  char* base = static_cast<char*>(map);
  REQUIRE(mprotect(base + page, page, PROT_NONE) == 0);
  for (const std::string_view value : {"x", "abc;d", "no separator here", "0123456789abcdef0123;"}) {
    char* at = base + page - value.size();
    std::memcpy(at, value.data(), value.size());
    CHECK(detail::find_any_of(std::string_view(at, value.size()), 0, ';', ',', '?') == plain(value, 0));
  }
  munmap(map, 2 * page);
}

// parse_cseq reads "digits SP token" in one pass; a leading SP sends the same value
// through the word splitting, which must give the same answer.
TEST_CASE("msg headers: CSeq in its usual form reads as the general grammar reads it") {
  for (const char* v : {"1 INVITE", "0 ACK", "01 BYE", "4294967295 INVITE", "4294967296 INVITE", "1 INV ITE",
                        "1  INVITE", "1\tINVITE", "1 INVITE;x", "1 ", " 1", "x INVITE", "1 INVITE2 x", "-1 BYE",
                        "1 X-Y.z!%*_+`'~"}) {
    CAPTURE(std::string(v));
    const auto usual = parse_cseq(v);
    const std::string spaced = std::string(" ") + v;  // the views point into it
    const auto general = parse_cseq(spaced);
    REQUIRE(usual.ok() == general.ok());
    if (usual.ok()) {
      CHECK(usual->number == general->number);
      CHECK(usual->method == general->method);
    } else {
      CHECK(usual.reason() == general.reason());
    }
  }
  CHECK(parse_cseq("4294967295 INVITE")->number == 4294967295u);
  CHECK_FALSE(parse_cseq("4294967296 INVITE").ok());
}
