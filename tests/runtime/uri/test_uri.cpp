// URI parsing, escaping, comparison (RFC 3261 19.1.4) and serialisation.
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string>

#include "uri/uri.h"

using namespace scn::sip;

namespace {

// The hostname rule host_kind() reads 16 octets at a time, read plainly: labels of 1-63
// letters, digits and '-', not starting or ending with '-'; all-numeric names must be
// IPv4 addresses (a trailing dot makes a name of one).
HostKind plain_host_kind(std::string_view text) {
  if (text.empty() || text.size() > 255) return HostKind::None;
  const bool qualified = text.back() == '.';
  if (qualified) text.remove_suffix(1);
  bool numeric = true;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = std::min(text.find('.', start), text.size());
    const std::string_view label = text.substr(start, dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return HostKind::None;
    for (char c : label) {
      const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (!letter && !(c >= '0' && c <= '9') && c != '-') return HostKind::None;
      numeric = numeric && !letter && c != '-';
    }
    if (dot == text.size()) break;
    start = dot + 1;
  }
  if (!numeric) return HostKind::Name;
  if (!is_ipv4_address(text)) return HostKind::None;
  return qualified ? HostKind::Name : HostKind::IPv4;
}

std::size_t plain_host_span(std::string_view s, std::size_t pos) {
  while (pos < s.size() && (std::isalnum(static_cast<unsigned char>(s[pos])) != 0 || s[pos] == '-' || s[pos] == '.')) ++pos;
  return pos;
}

bool eq(const char* a, const char* b) {
  const auto x = parse_uri(a);
  const auto y = parse_uri(b);
  REQUIRE_MESSAGE(x.ok(), a << ": " << x.reason());
  REQUIRE_MESSAGE(y.ok(), b << ": " << y.reason());
  return uri_equal(*x, *y) && uri_equal(*y, *x);
}

}  // namespace

TEST_CASE("uri: sip URI components") {
  auto u = parse_uri("sips:alice:secr%65t@Atlanta.Example.com:5061;transport=tcp;lr;maddr=239.255.255.1?subject=project%20x&priority=urgent");
  REQUIRE(u.ok());
  CHECK(u->kind == UriScheme::Sips);
  CHECK(u->scheme == "sips");
  CHECK(u->user == "alice");
  CHECK(u->password == "secret");
  CHECK(u->host == "Atlanta.Example.com");
  CHECK(u->host_kind == HostKind::Name);
  CHECK(u->port == 5061);
  REQUIRE(u->params.size() == 3);
  CHECK(u->param("TRANSPORT")->value == "tcp");
  CHECK_FALSE(u->param("lr")->has_value);
  CHECK(u->header("subject")->value == "project x");
  CHECK(u->headers.size() == 2);
  auto v4 = parse_uri("sip:192.0.2.4");
  REQUIRE(v4.ok());
  CHECK(v4->host_kind == HostKind::IPv4);
  CHECK_FALSE(v4->has_user);
  auto v6 = parse_uri("sip:[2001:db8::1]:5070");
  REQUIRE(v6.ok());
  CHECK(v6->host == "2001:db8::1");
  CHECK(v6->host_reference() == "[2001:db8::1]");
  CHECK(v6->port == 5070);
}

TEST_CASE("uri: escapes are decoded once and %00 does not truncate") {
  auto u = parse_uri("sip:null-%00-null@example.com;n%61me=v%61lue%25%34%31");
  REQUIRE(u.ok());
  CHECK(u->user == std::string("null-\0-null", 11));
  CHECK(u->param("name")->value == "value%41");
  CHECK(serialize(*u) == "sip:null-%00-null@example.com;name=value%2541");
  CHECK(percent_decode("%41%4a") == "AJ");
  CHECK_FALSE(percent_decode("%4").has_value());
  CHECK_FALSE(percent_decode("%").has_value());
  CHECK_FALSE(percent_decode("%G1").has_value());
  CHECK(percent_encode("a b;c", ";") == "a%20b;c");
}

TEST_CASE("uri: tel and other schemes") {
  auto t = parse_uri("tel:+1-201-555-0123;phone-context=example.com");
  REQUIRE(t.ok());
  CHECK(t->kind == UriScheme::Tel);
  CHECK(t->user == "+1-201-555-0123");
  CHECK(t->param("phone-context")->value == "example.com");
  auto o = parse_uri("soap.beep://192.0.2.103:3002");
  REQUIRE(o.ok());
  CHECK(o->kind == UriScheme::Other);
  CHECK(o->opaque == "//192.0.2.103:3002");
  CHECK(serialize(*o) == "soap.beep://192.0.2.103:3002");
  CHECK(parse_uri("URN:service:sos")->scheme == "urn");
}

TEST_CASE("uri: malformed URIs are errors") {
  for (const char* bad : {"", "sip:", "alice@example.com", "1sip:a", "sip:a@", "sip:@h.example", "sip:h.example:",
                          "sip:h.example:70000", "sip:h.example;;", "sip:h.example;a=", "sip:h.example?x",
                          "sip:[2001:db8:::1]", "sip:2001:db8::10", "sip:[::1", "sip:a b@h", "<sip:a@h>",
                          "sip:h%zz", "sip:h.example%41", "sip:-bad-.example", "sip:1.2.3.4.5", "tel:", "tel:;a=b",
                          "sip:a@h.example>x", "sip:u@h\x01"}) {
    INFO(bad);
    CHECK_FALSE(parse_uri(bad).ok());
  }
}

TEST_CASE("uri: RFC 3261 19.1.4 equivalent URIs") {
  CHECK(eq("sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp"));
  CHECK(eq("sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5"));
  CHECK(eq("sip:carol@chicago.com", "sip:carol@chicago.com;security=on"));
  CHECK(eq("sip:carol@chicago.com;newparam=5", "sip:carol@chicago.com;security=on"));
  CHECK(eq("sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com",
           "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com"));
  CHECK(eq("sip:alice@atlanta.com?subject=project%20x&priority=urgent",
           "sip:alice@atlanta.com?priority=urgent&subject=project%20x"));
  CHECK(eq("sip:[2001:db8::1]", "sip:[2001:DB8:0::1]"));
  CHECK(eq("tel:+1-201-555-0123", "tel:+1.201.555.0123"));
}

TEST_CASE("uri: RFC 3261 19.1.4 non-equivalent URIs") {
  CHECK_FALSE(eq("SIP:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP"));
  CHECK_FALSE(eq("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060"));
  CHECK_FALSE(eq("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp"));
  CHECK_FALSE(eq("sip:bob@biloxi.com", "sip:bob@biloxi.com:6000;transport=tcp"));
  CHECK_FALSE(eq("sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting"));
  CHECK_FALSE(eq("sip:bob@phone21.boxesbybob.com", "sip:bob@192.0.2.4"));
  CHECK_FALSE(eq("sip:alice@atlanta.com", "sips:alice@atlanta.com"));
  CHECK_FALSE(eq("sip:alice:pw@atlanta.com", "sip:alice@atlanta.com"));
  CHECK_FALSE(eq("sip:a@h.example;user=phone", "sip:a@h.example"));
  CHECK_FALSE(eq("sip:a@h.example;ttl=1", "sip:a@h.example;ttl=2"));
  CHECK_FALSE(eq("sip:a@h.example;maddr=239.1.1.1", "sip:a@h.example"));
  CHECK_FALSE(eq("sip:a@h.example;method=INVITE", "sip:a@h.example"));
  CHECK_FALSE(eq("sip:a@h.example;x=1", "sip:a@h.example;x=2"));
  CHECK_FALSE(eq("sip:a@h.example?x=1", "sip:a@h.example?x=1&y=2"));
  CHECK_FALSE(eq("sip:a@h.example", "tel:+1"));
  CHECK_FALSE(eq("http://a", "http://A"));
}

TEST_CASE("uri: serialisation parses back to an equal URI") {
  for (const char* text : {"sip:alice@atlanta.com", "sips:a%20b:p%40ss@[2001:db8::1]:5061;transport=tls;lr?h=%3Cx%3E",
                           "sip:user;par=u%40example.net@example.com", "tel:+1-555;ext=1", "sip:h.example;maddr=[::1]"}) {
    INFO(text);
    const auto u = parse_uri(text);
    REQUIRE(u.ok());
    const auto v = parse_uri(serialize(*u));
    REQUIRE(v.ok());
    CHECK(uri_equal(*u, *v));
  }
  CHECK(serialize(*parse_uri("sip:%61lice@h.example")) == "sip:alice@h.example");
}

TEST_CASE("uri: host helpers") {
  CHECK(is_ipv4_address("192.0.2.1"));
  CHECK_FALSE(is_ipv4_address("192.0.2"));
  CHECK_FALSE(is_ipv4_address("256.0.0.1"));
  CHECK(is_ipv6_address("::ffff:192.0.2.1"));
  CHECK_FALSE(is_ipv6_address("2001:db8:::1"));
  CHECK(is_hostname("example.com."));
  CHECK(is_hostname("3com.example"));
  CHECK_FALSE(is_hostname("a..b"));
  CHECK_FALSE(is_hostname("under_score.example"));
}

TEST_CASE("uri: host_kind, read_host and host_span agree with a plain reading of the rule, octet by octet") {
  std::size_t checked = 0;
  auto same = [&](const std::string& host) {
    CAPTURE(host);
    CHECK(host_kind(host) == plain_host_kind(host));
    for (std::size_t pos = 0; pos <= host.size(); pos += 7) CHECK(host_span(host, pos) == plain_host_span(host, pos));
    // read_host: the same verdict where the host stops at a delimiter, and where it stops.
    if (plain_host_span(host, 0) == host.size()) {
      const std::string delimited = "<" + host + ";x";
      std::size_t end = 0;
      const HostKind kind = read_host(delimited, 1, end);
      CHECK(kind == plain_host_kind(host));
      if (kind != HostKind::None) CHECK(end == host.size() + 1);
    }
    ++checked;
  };
  // Every octet at every place of names that end inside, at and past a 16-octet block.
  for (const std::string base : {"a1.example-host.org", "192.0.2.10", "ab.cd", "x.example.com.", "10.0.0.1.example"}) {
    for (std::size_t at = 0; at < base.size(); ++at) {
      for (int c = 0; c < 256; ++c) {
        std::string host = base;
        host[at] = static_cast<char>(c);
        same(host);
      }
    }
  }
  for (std::size_t n : {1, 15, 16, 17, 31, 32, 33, 62, 63, 64, 65}) {
    same(std::string(n, 'a'));
    same(std::string(n, 'a') + ".org");
    same("x." + std::string(n, '7'));
    same(std::string(n, 'a') + "-");
    same("-" + std::string(n, 'a'));
    same(std::string(n, 'a') + "..b");
  }
  for (std::size_t n : {252, 253, 254, 255, 256}) same(std::string(n - 4, 'b') + ".com");
  CHECK(checked > 16000);
}

// host_kind and host_span read 16 octets at once: a host that ends right before an
// unmapped page must be read without touching it.
TEST_CASE("uri: a host that ends at the end of a mapped page is read without a fault") {
  const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  void* map = mmap(nullptr, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(map != MAP_FAILED);
  char* base = static_cast<char*>(map);
  REQUIRE(mprotect(base + page, page, PROT_NONE) == 0);
  for (const std::string host : {"a", "example.com", "192.0.2.1", "host-with-twenty.example.org", "bad_host"}) {
    char* at = base + page - host.size();
    std::memcpy(at, host.data(), host.size());
    const std::string_view text(at, host.size());
    CAPTURE(host);
    CHECK(host_kind(text) == plain_host_kind(host));
    CHECK(host_span(text, 0) == plain_host_span(host, 0));
  }
  munmap(map, 2 * page);
}

// is_ipv4_address reads addresses by hand; it must agree with inet_pton on every text
// of up to 8 octets over "0125.9" (enough for leading zeros, empty parts, five parts,
// values past 255, a trailing dot), and on a few longer or with other octets.
TEST_CASE("uri: IPv4 addresses as inet_pton reads them") {
  const std::string alphabet = "0125.9";
  std::size_t checked = 0;
  std::string text;
  auto same = [&](const std::string& t) {
    unsigned char out[4];
    const bool libc = inet_pton(AF_INET, t.c_str(), out) == 1;
    if (is_ipv4_address(t) != libc) FAIL_CHECK(t << ": inet_pton says " << libc);
    ++checked;
  };
  auto grow = [&](auto& self, std::size_t length) -> void {
    same(text);
    if (length == 0) return;
    for (char c : alphabet) {
      text.push_back(c);
      self(self, length - 1);
      text.pop_back();
    }
  };
  grow(grow, 8);
  for (const char* t : {"192.0.2.1", "255.255.255.255", "256.1.1.1", "1.2.3.4.", "1.2.3.4.5", "1.2.3", ".1.2.3",
                        "01.2.3.4", "0.0.0.0", "1.2.3.04", "1.2.3.a", "1.2.3.4 ", "1,2,3,4", "999.1.1.1"}) {
    same(t);
  }
  CHECK(checked > 1000000);
}
