// The mirror's lowering: the values a played party sends for the matchers of a UE's rows
// (compiler/ir/src/lower_mirror.h), and the mirrored test case's steps.
#include <regex>

#include "lower_mirror.h"
#include "support.h"

namespace scn::test {

namespace {

bool matches(const std::string& pattern, const std::string& text) {
  return std::regex_search(text, std::regex(pattern, std::regex::ECMAScript));
}

}  // namespace

TEST_CASE("mirror: a regular expression's example is its shortest match") {
  CHECK(ir::regex_example("(^|[ ,])100rel([ ,;]|$)") == "100rel");
  CHECK(ir::regex_example("^SIP\\/2\\.0 100 ") == "SIP/2.0 100 ");
  CHECK(ir::regex_example("^active([ \\t;]|$)") == "active");
  CHECK(ir::regex_example("^message\\/sipfrag[ \\t]*(;|$)") == "message/sipfrag");
  CHECK(ir::regex_example("a+b{2}c?\\d") == "abb0");
  CHECK(ir::regex_example("[^;,]x") == "xx");
}

TEST_CASE("mirror: lookaheads each give a list element") {
  const std::string accept =
      "^(?=(.*[ ,])?application\\/sdp([ ,;]|$))(?=(.*[ ,])?application\\/3gpp-ims\\+xml([ ,;]|$))";
  auto example = ir::regex_example(accept);
  REQUIRE(example);
  CHECK(*example == "application/sdp, application/3gpp-ims+xml");
  CHECK(matches(accept, *example));
}

TEST_CASE("mirror: what cannot be inverted gives no example") {
  CHECK_FALSE(ir::regex_example("(a)\\1"));      // back-reference
  CHECK_FALSE(ir::regex_example("(?!x)y"));      // negative lookahead
  CHECK_FALSE(ir::regex_example("a$b"));         // the shortest text does not match
  CHECK_FALSE(ir::regex_example("[abc"));        // does not compile
}

TEST_CASE("mirror: present gives a value of the path's type, none where the runtime fills") {
  check::ResolvedPath path;
  path.root = check::PathRoot::header;
  path.name = "P-Access-Network-Info";
  path.type = schema::ValueType::text;
  CHECK(ir::present_example(path) == "mirror");
  path.name = "Route";
  path.type = schema::ValueType::name_addr;
  CHECK(ir::present_example(path) == "<sip:mirror.invalid;lr>");
  path.name = "RAck";
  path.type = schema::ValueType::rack;
  CHECK(ir::present_example(path) == "1 1 INVITE");
  for (const char* filled : {"Via", "Contact", "Call-ID", "CSeq", "Content-Type"}) {
    path.name = filled;
    CHECK_FALSE(ir::present_example(path));
  }
}

}  // namespace scn::test
