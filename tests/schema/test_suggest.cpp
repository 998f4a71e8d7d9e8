#include <doctest/doctest.h>

#include <array>
#include <string>
#include <string_view>

#include "scn/support/suggest.hpp"
#include "scn/support/text.hpp"

using namespace scn::support;

TEST_CASE("edit distance counts insertions deletions substitutions and swaps") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("abc", "") == 3);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("Contact", "Contact") == 0);
  CHECK(edit_distance("Refer-Too", "Refer-To") == 1);            // insertion
  CHECK(edit_distance("Subscripton-State", "Subscription-State") == 1);  // deletion
  CHECK(edit_distance("Contcat", "Contact") == 1);               // adjacent swap
  CHECK(edit_distance("Vai", "Via") == 1);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("ab", "ba") == 1);
  CHECK(edit_distance("ca", "abc") == 3);  // optimal string alignment, not full Damerau
}

TEST_CASE("edit distance ignores ASCII case") {
  CHECK(edit_distance("CONTACT", "contact") == 0);
  CHECK(edit_distance("call-id", "Call-ID") == 0);
  CHECK(edit_distance("CSEQ", "CSeq") == 0);
}

TEST_CASE("suggestion limit grows with the name") {
  CHECK(suggestion_limit(1) == 1);
  CHECK(suggestion_limit(3) == 1);
  CHECK(suggestion_limit(6) == 2);
  CHECK(suggestion_limit(18) == 6);
}

TEST_CASE("suggest picks the closest candidate within the limit") {
  constexpr std::array<std::string_view, 6> headers{
      "Contact", "Refer-To", "Referred-By", "Subscription-State", "Content-Type", "To"};
  CHECK(suggest("Refer-Too", headers) == std::optional<std::string>("Refer-To"));
  CHECK(suggest("Subscripton-State", headers) ==
        std::optional<std::string>("Subscription-State"));
  CHECK(suggest("Contcat", headers) == std::optional<std::string>("Contact"));
  CHECK(suggest("contact", headers) == std::optional<std::string>("Contact"));
  CHECK_FALSE(suggest("Xyzzy", headers).has_value());
  CHECK_FALSE(suggest("", headers).has_value());
  CHECK_FALSE(suggest("Q", headers).has_value());  // "To" is 2 edits away: over the limit
}

TEST_CASE("suggest prefers the first of equally close candidates") {
  constexpr std::array<std::string_view, 2> names{"abcd", "abce"};
  CHECK(suggest("abcf", names) == std::optional<std::string>("abcd"));
}

TEST_CASE("suggest_all lists every close candidate closest first") {
  constexpr std::array<std::string_view, 4> names{"Contact", "Content-Type", "Contcat", "Via"};
  const auto hits = suggest_all("Contatc", names);
  REQUIRE(hits.size() == 2);
  CHECK(hits[0] == "Contact");
  CHECK(hits[1] == "Contcat");
}

TEST_CASE("complete lists candidates by case-insensitive prefix") {
  constexpr std::array<std::string_view, 4> names{"Contact", "Content-Type", "CSeq", "Via"};
  const auto hits = complete("con", names);
  REQUIRE(hits.size() == 2);
  CHECK(hits[0] == "Contact");
  CHECK(hits[1] == "Content-Type");
  CHECK(complete("x", names).empty());
}

TEST_CASE("text helpers fold ASCII case only") {
  CHECK(to_lower("Call-ID") == "call-id");
  CHECK(iequals("P-Asserted-Identity", "p-asserted-identity"));
  CHECK_FALSE(iequals("To", "Tag"));
  CHECK(istarts_with("Subscription-State", "subs"));
  CHECK_FALSE(istarts_with("To", "Tox"));
}
