// The tables generated from the SIP header schema and the name lookups built on them.
// tests/schema checks that they say what the schema loader reads.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>

#include "msg/msg.h"

using namespace scn::sip;

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

}  // namespace

TEST_CASE("the header table is sorted ignoring case, for the lookups' binary search") {
  const auto headers = schema_headers();
  REQUIRE(headers.size() > 1);
  for (std::size_t i = 1; i < headers.size(); ++i) {
    CAPTURE(headers[i].name);
    CHECK(lower(headers[i - 1].name) < lower(headers[i].name));
  }
}

TEST_CASE("every header of the table is found by any spelling and by its compact form") {
  std::set<char> compacts;
  for (const HeaderInfo& h : schema_headers()) {
    CAPTURE(h.name);
    CHECK(canonical_header_name(lower(h.name)) == h.name);
    CHECK(compact_form(h.name) == h.compact);
    CHECK(is_list_header(lower(h.name)) == h.comma_list);
    if (h.compact == 0) continue;
    CHECK(compacts.insert(h.compact).second);
    CHECK(canonical_header_name(std::string(1, h.compact)) == h.name);
    CHECK(canonical_header_name(std::string(1, static_cast<char>(h.compact - 'a' + 'A'))) ==
          h.name);
  }
}

// The lookup compares names a word at a time: every octet of every name must count.
TEST_CASE("a header name found as written is the schema's; one octet changed anywhere, it is unknown") {
  for (const HeaderInfo& h : schema_headers()) {
    CAPTURE(h.name);
    CHECK(canonical_header_name(h.name).data() == h.name.data());
    for (std::size_t i = 0; i < h.name.size(); ++i) {
      std::string changed(h.name);
      changed[i] = '#';
      CAPTURE(changed);
      CHECK(canonical_header_name(changed) == changed);
    }
  }
}

// parse() checks only names the schema does not know octet by octet.
TEST_CASE("every header name of the table and its compact form is a token") {
  for (const HeaderInfo& h : schema_headers()) {
    CAPTURE(h.name);
    CHECK(is_token(h.name));
    if (h.compact != 0) CHECK(is_token(std::string(1, h.compact)));
  }
}

TEST_CASE("names the schema gives the runtime: extensions, list-ness, no stray letters") {
  CHECK(canonical_header_name("n") == "Identity-Info");
  CHECK(canonical_header_name("target-dialog") == "Target-Dialog");
  CHECK(is_list_header("P-Preferred-Service"));
  CHECK(is_list_header("Resource-Priority"));
  CHECK_FALSE(is_list_header("Privacy"));  // a list, but separated by ';'
  CHECK_FALSE(is_list_header("WWW-Authenticate"));  // "multi": never joined with commas
  CHECK(canonical_header_name("g") == "g");
  CHECK(canonical_header_name(std::string(1, '\0')) == std::string(1, '\0'));
  CHECK(compact_form(std::string(1, '\0')) == 0);
}

TEST_CASE("the status table is sorted by code and gives the default reason phrases") {
  const auto statuses = schema_statuses();
  REQUIRE_FALSE(statuses.empty());
  for (std::size_t i = 1; i < statuses.size(); ++i) CHECK(statuses[i - 1].code < statuses[i].code);
  for (const StatusInfo& s : statuses) CHECK(default_reason(s.code) == s.reason);
  CHECK(default_reason(481) == "Call/Transaction Does Not Exist");
  CHECK(default_reason(199) == "Early Dialog Terminated");
  CHECK(default_reason(299) == "Unknown");
}

TEST_CASE("the methods of the table are the known methods") {
  for (std::string_view m : schema_methods()) CHECK(is_known_method(m));
  CHECK(std::ranges::find(schema_methods(), "INVITE") != schema_methods().end());
  CHECK_FALSE(is_known_method("invite"));
  CHECK_FALSE(is_known_method("FOO"));
}
