// parse() checks the URIs, name-addrs, Vias and params of a received message with the
// check_* functions, which build nothing; the runtime reads the same values later with
// the parse_* ones (and name-addrs with parse_name_addr_shallow, which builds no Uri,
// or their tag with name_addr_tag). All share one grammar, and this pins that they agree (verdict,
// reason, offset) on every such value of the RFC 4475 and RFC 5118 messages, on the
// raw header lines of the 4,527 PROTOS INVITEs (malformed ones included) and on edge
// cases written here.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "msg/msg.h"
#include "support.h"

namespace {

using namespace scn::sip;

template <class A, class B>
void expect_same(const char* what, std::string_view value, const A& checked, const B& parsed) {
  INFO(what << ": " << std::string(value));
  REQUIRE(checked.ok() == parsed.ok());
  if (!parsed.ok()) {
    CHECK(checked.reason() == parsed.reason());
    CHECK(checked.error().offset == parsed.error().offset);
  }
}

void compare_uri(std::string_view text) { expect_same("URI", text, check_uri(text), parse_uri(text)); }

// parse_name_addr_shallow: parse_name_addr's verdict and fields, its Uri left unbuilt.
void compare_name_addr(std::string_view value) {
  const auto full = parse_name_addr(value);
  const auto shallow = parse_name_addr_shallow(value);
  expect_same("name-addr", value, check_name_addr(value), full);
  expect_same("shallow name-addr", value, shallow, full);
  // name_addr_tag leaves the URI unchecked: it agrees wherever the value parses.
  if (full.ok()) {
    const auto tag = name_addr_tag(value);
    REQUIRE(tag.has_value());
    CHECK(*tag == full->tag().value_or(""));
  }
  if (!full.ok() || !shallow.ok()) return;
  CHECK(shallow->display_name == full->display_name);
  CHECK(shallow->angle_brackets == full->angle_brackets);
  CHECK(shallow->uri_text == full->uri_text);
  CHECK(shallow->tag() == full->tag());
  REQUIRE(shallow->params.items.size() == full->params.items.size());
  for (std::size_t i = 0; i < full->params.items.size(); ++i) {
    CHECK(shallow->params.items[i].name == full->params.items[i].name);
    CHECK(shallow->params.items[i].value == full->params.items[i].value);
  }
}

void compare_value(std::string_view name, std::string_view value) {
  const std::string_view canonical = canonical_header_name(name);
  const bool list = canonical == "Via" || canonical == "Contact";
  for (std::string_view v : list ? split_list(value) : std::vector<std::string_view>{value}) {
    if (canonical == "Via") expect_same("Via", v, check_via(v), parse_via(v));
    if (canonical == "Contact") expect_same("Contact", v, check_contact(v), parse_contact(v));
    if (canonical == "From" || canonical == "To") compare_name_addr(v);
    const std::size_t lt = v.find('<'), gt = v.find('>');
    if (lt != std::string_view::npos && gt != std::string_view::npos && gt > lt) compare_uri(v.substr(lt + 1, gt - lt - 1));
    const std::size_t semi = v.find(';');
    if (semi != std::string_view::npos) expect_same("params", v, check_params(v.substr(semi)), parse_params(v.substr(semi)));
  }
}

// Every "name: value" line of the header section and the Request-URI, malformed or not.
std::size_t compare_message(std::string_view text) {
  std::size_t values = 0;
  std::size_t pos = 0;
  for (bool first = true; pos < text.size(); first = false) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) break;
    if (first) {
      const std::size_t sp1 = line.find(' '), sp2 = line.rfind(' ');
      if (sp1 != std::string_view::npos && sp2 > sp1) compare_uri(line.substr(sp1 + 1, sp2 - sp1 - 1));
      continue;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    compare_value(trim(line.substr(0, colon)), trim(line.substr(colon + 1)));
    ++values;
  }
  return values;
}

std::vector<std::string> corpus_files(const std::string& folder) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(scn_test::corpus_path(folder), ec)) {
    if (entry.path().extension() == ".dat") out.push_back(scn_test::read_binary(entry.path().string()));
  }
  return out;
}

}  // namespace

TEST_CASE("check agrees with parse: RFC 4475 and RFC 5118 messages") {
  std::size_t values = 0;
  for (const char* folder : {"rfc4475", "rfc5118"}) {
    for (const std::string& message : corpus_files(folder)) values += compare_message(message);
  }
  CHECK(values > 300);
}

TEST_CASE("check agrees with parse: the PROTOS INVITEs' raw header lines") {
  std::size_t cases = 0;
  for (int number = 0;; ++number) {
    char name[16];
    std::snprintf(name, sizeof name, "%07d", number);
    const std::string file = scn_test::read_binary(scn_test::corpus_path("protos-c07-sip/cases/") + name);
    if (file.empty()) break;
    const std::size_t space = file.find(' ');
    if (space == std::string::npos || space > 10) continue;
    compare_message(std::string_view(file).substr(space + 1, std::stoul(file.substr(0, space))));
    ++cases;
  }
  CHECK(cases == 4527);
}

TEST_CASE("check agrees with parse: edge cases") {
  for (const char* uri :
       {"sip:a@b", "sip:%41@b", "sip:%4@b", "sip:%G1@b", "sip:@b", "sip:a:%zz@b", "sip:[2001:db8::1]:5060",
        "sip:[2001:db8::1", "sip:[zz]", "sip:host:99999", "sip:host:", "sip:host;;x", "sip:host;x=", "sip:host;%2x",
        "sip:host?a=b&c", "sip:host?=b", "sip:host?a=%2", "tel:+1-201-555;phone-context=x", "tel:;x", "tel:%",
        "SIPS:Host", "http://x", "1x:y", "x:", ":y", "sip:-bad-.com", "sip:1.2.3.256", "sip:a.b.", "sip:a..b",
        "sip:host>x", "sip:ho st",
        // The one-pass shape check (plainly_valid_sip) and what it leaves to the grammar.
        "sip:a;b@h", "sip:h;x=a@b", "sip:1.2.3.4.", "sip:1.2.3", "sip:h:050", "sip:h:65536", "sip:h;a=b;c",
        "sip:a@b;x=%41", "SiPs:u@h", "sip:u@h;x=y=z", "sip:u@h?x=y", "sip:u@-h", "sip:u:p@h", "sip:u@@h",
        "sip:u@h;;", "sip:u@h;=", "sip:u@h:5060;", "sips:", "sip:@", "sip:u@h:5x", "sip:%75@h", "sip:u@h;lr;x",
        "sip:+1-555@example.com;user=phone", "sip:u@a.b.c.d.e.f.g.h;transport=tcp"}) {
    compare_uri(uri);
  }
  for (const char* via : {"SIP/2.0/UDP h;branch=z9hG4bK1", "SIP/2.0/UDP h;branch", "SIP/2.0/UDP h;received=x",
                          "SIP/2.0/UDP h;received=[2001:db8::1];rport=70000", "SIP/2.0/UDP h;ttl=256;ttl=1",
                          "SIP/2.0/UDP h;branch=a;branch=\"b\"", "SIP/2.0/UDP h;maddr=-x", "SIP/2.0/UDP h;;x",
                          "SIP/2.0 UDP h", "SIP/2.0/UDP [::1]:5060;rport", "SIP/2.0/UDP h:x"}) {
    expect_same("Via", via, check_via(via), parse_via(via));
  }
  for (const char* addr : {"<sip:a@b>;tag=1", "\"A\" <sip:a@b>", "\"A <sip:a@b>", "A B <sip:a@b>", "<sip:a@b",
                           "< sip:a@b>", "sip:a@b;tag=x", "sip:a@b?x=y", "<>", "*", "<sip:a@b>;tag", "<sip:a@b>;=1",
                           "<sip:a@b;tag=u>;TAG=2", "<sip:a@b>;tag;tag=3", "\"x;tag=q\" <sip:a@b>"}) {
    compare_name_addr(addr);
    expect_same("Contact", addr, check_contact(addr), parse_contact(addr));
  }
}

// The checks' one-pass shapes (plainly_valid_via, plainly_valid_sip, ...) may only accept
// what the grammar accepts: every usual value (escapes included), with each octet changed
// to one that matters to some part of the grammar, or removed, gets the same verdict.
TEST_CASE("check agrees with parse: usual values with one octet changed or removed") {
  const char* vias[] = {"SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds;rport",
                        "SIP/2.0/TCP client.atlanta.example.com;branch=z9hG4bKnashds8;received=192.0.2.7",
                        "SIP/2.0/UDP h.example.com:5061;ttl=16;maddr=224.2.0.1;branch=z9hG4bK-1"};
  const char* addrs[] = {"<sip:alice@atlanta.example.com>;tag=1928301774", "\"Bob\" <sip:bob@192.0.2.4:5060>",
                         "<sip:+15555550100@example.com;user=phone>;tag=a-b.c"};
  const std::string octets = " \t;=:\"[],<>@/.-0aG%?&\x80\r";
  std::size_t compared = 0;
  auto each_change = [&](const std::string& value, auto&& compare) {
    compare(value);
    for (std::size_t i = 0; i < value.size(); ++i) {
      std::string removed = value;
      removed.erase(i, 1);
      compare(removed);
      for (char c : octets) {
        std::string changed = value;
        changed[i] = c;
        compare(changed);
        compared += 2;
      }
    }
  };
  const char* uris[] = {"sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31",
                        "sip:user;par=u%40example.net@example.com:5060;transport=udp", "sips:192.0.2.4:5061;lr"};
  for (const char* uri : uris) each_change(uri, [](const std::string& v) { compare_uri(v); });
  for (const char* via : vias) {
    each_change(via, [](const std::string& v) { expect_same("Via", v, check_via(v), parse_via(v)); });
  }
  for (const char* addr : addrs) {
    each_change(addr, [](const std::string& v) {
      compare_name_addr(v);
      expect_same("Contact", v, check_contact(v), parse_contact(v));
    });
  }
  CHECK(compared > 5000);
}
