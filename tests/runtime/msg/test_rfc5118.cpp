// RFC 5118 IPv6 torture messages, driven by rfc5118/MANIFEST.tsv of the shared test corpora.
#include <doctest/doctest.h>

#include <functional>
#include <string_view>

#include "msg/msg.h"
#include "support.h"

namespace {

using namespace scn::sip;

enum class Outcome { Valid, Reject, LengthDefect };

struct Expect {
  std::string_view file;
  Outcome outcome;
  std::string_view reason;  // Reject: part of the error reason
  std::function<void(const Message&)> check;
};

Uri ruri(const Message& m) { return parse_uri(m.request_uri()).value(); }

// The three SDP messages carry the Content-Length printed in the RFC, which does not
// match their bodies (see SOURCE.txt). Replace it by the real body size.
std::string with_true_length(const std::string& bytes) {
  const std::size_t body = bytes.find("\r\n\r\n") + 4;
  const std::size_t at = bytes.find("Content-Length: ");
  const std::size_t eol = bytes.find("\r\n", at);
  return bytes.substr(0, at) + "Content-Length: " + std::to_string(bytes.size() - body) +
         bytes.substr(eol, body - eol) + bytes.substr(body);
}

const std::vector<Expect>& expectations() {
  static const std::vector<Expect> table{
      {"ipv6-good", Outcome::Valid, "",
       [](const Message& m) {
         CHECK(ruri(m).host_kind == HostKind::IPv6);
         CHECK(ruri(m).host == "2001:db8::10");
         CHECK(parse_via(m.value_or("Via"))->host_kind == HostKind::IPv6);
       }},
      {"ipv6-bad", Outcome::Reject, "invalid Request-URI", {}},
      {"port-ambiguous", Outcome::Valid, "",
       [](const Message& m) {
         CHECK(ruri(m).host == "2001:db8::10:5070");
         CHECK_FALSE(ruri(m).port.has_value());
       }},
      {"port-unambiguous", Outcome::Valid, "",
       [](const Message& m) {
         CHECK(ruri(m).host == "2001:db8::10");
         CHECK(ruri(m).port == 5070);
       }},
      {"via-received-param-no-delim", Outcome::Valid, "",
       [](const Message& m) { CHECK(parse_via(m.value_or("Via"))->received() == "2001:db8::9:255"); }},
      {"via-received-param-with-delim", Outcome::Valid, "",
       [](const Message& m) { CHECK(parse_via(m.value_or("Via"))->received() == "[2001:db8::9:255]"); }},
      {"ipv6-in-sdp", Outcome::LengthDefect, "Content-Length 268 exceeds", {}},
      {"mult-ip-in-header", Outcome::Valid, "",
       [](const Message& m) {
         const auto vias = m.values("Via");
         REQUIRE(vias.size() == 3);
         CHECK(parse_via(vias[0])->port == 6050);
         CHECK(parse_via(vias[0])->sent_by() == "[2001:db8::9:1]:6050");
         CHECK(parse_via(vias[1])->host_kind == HostKind::IPv4);
         CHECK(parse_via(vias[2])->received() == "192.0.2.200");
       }},
      {"mult-ip-in-sdp", Outcome::Valid, "",
       [](const Message& m) { CHECK(m.trailing_octets() == 8); }},
      {"ipv4-mapped-ipv6", Outcome::Valid, "",
       [](const Message& m) {
         CHECK(m.trailing_octets() == 9);
         CHECK(parse_via(m.values("Via").at(0))->host_kind == HostKind::IPv6);
       }},
      {"ipv6-bug-abnf-3-colons", Outcome::Reject, "invalid IPv6 address", {}},
      {"ipv6-correct-abnf-2-colons", Outcome::Valid, "",
       [](const Message& m) { CHECK(ruri(m).host == "2001:db8::192.0.2.1"); }},
  };
  return table;
}

}  // namespace

TEST_CASE("rfc5118: every MANIFEST message has its expected outcome") {
  const auto rows = scn_test::read_manifest(scn_test::corpus_path("rfc5118/MANIFEST.tsv"));
  REQUIRE(rows.size() == 12);
  for (const auto& row : rows) {
    const std::string& file = row.at("file");
    INFO("file: " << file << " (RFC 5118 " << row.at("rfc_section") << ")");
    const Expect* expect = nullptr;
    for (const Expect& e : expectations()) {
      if (e.file == file) expect = &e;
    }
    REQUIRE_MESSAGE(expect != nullptr, file << " has no expectation");
    CHECK_EQ(row.at("expectation").rfind("valid", 0) == 0, expect->outcome != Outcome::Reject);
    const std::string bytes = scn_test::read_binary(scn_test::corpus_path("rfc5118/" + file));
    REQUIRE_EQ(std::to_string(bytes.size()), row.at("size_bytes"));
    const auto result = parse(bytes);
    if (expect->outcome != Outcome::Valid) {
      CHECK_MESSAGE(!result.ok(), file << " parsed but must be rejected");
      CHECK_MESSAGE(result.reason().find(expect->reason) != std::string::npos,
                    file << ": reason '" << result.reason() << "'");
    }
    if (expect->outcome == Outcome::Reject) continue;
    const auto valid = expect->outcome == Outcome::Valid ? result : parse(with_true_length(bytes));
    REQUIRE_MESSAGE(valid.ok(), file << " rejected: " << valid.reason());
    const std::string problem = scn_test::round_trip_problem(*valid);
    CHECK_MESSAGE(problem.empty(), file << " round trip: " << problem);
    if (expect->check) expect->check(*valid);
  }
}

TEST_CASE("rfc5118: ersip's ipv6-in-sdp variant (Content-Length 241) leaves trailing octets") {
  const auto m = parse(scn_test::read_binary(scn_test::corpus_path("rfc5118/variants/ipv6-in-sdp.ersip-cl241")));
  REQUIRE(m.ok());
  CHECK(m->body().size() == 241);
  CHECK(m->trailing_octets() == 10);
}
