// The AST dump and the source-like text of expressions.
#include "scn/ast/dump.h"
#include "scn/ast/text.h"
#include "support.h"

using namespace scn;

TEST_CASE("the dump lists every node with its location indented by depth") {
  auto r = test::parse(
      "testcase t \"x\" {\n"
      "  1 UE -> SS REFER \"c\" use \"MO REFER\" [A1] except { To.tag = -> tag }\n"
      "}\n");
  REQUIRE(r.ok());
  CHECK(ast::dump(r.module) ==
        "Module test.scn\n"
        "  Testcase@1:1 t \"x\"\n"
        "    Step@2:3 1\n"
        "      Direction@2:5 UE -> SS\n"
        "      Message@2:14 REFER\n"
        "      Comment@2:20 \"c\"\n"
        "      Use@2:24 \"MO REFER\"\n"
        "        Condition@2:40 A1\n"
        "      Except@2:44\n"
        "        Assignment@2:53 To.tag\n"
        "          Capture@2:62 tag\n");
}

TEST_CASE("the dump escapes strings so that each node stays on one line") {
  auto r = test::parse("param p = \"a\\nb\\\"c\"\n");
  REQUIRE(r.ok());
  CHECK(ast::dump(r.module) ==
        "Module test.scn\n"
        "  Param@1:1 p\n"
        "    String@1:11 \"a\\nb\\\"c\"\n");
}

TEST_CASE("expressions and conditions print back as source") {
  auto r = test::parse(
      "param p = reverse(step(A.25:4).Record-Route[2]) + <sip:{ss.address};lr> + \"q\"\n"
      "default \"d\" ACK { when not (A1 or A2) and x(1) { X = 1 } }\n");
  REQUIRE(r.ok());
  CHECK(ast::expr_text(*r.module.params.at(0).value) ==
        "reverse(step(A.25:4).Record-Route[2]) + <sip:{ss.address};lr> + \"q\"");
  CHECK(ast::cond_text(*r.module.defaults.at(0).conditional_rows.at(0).when) ==
        "not (A1 or A2) and x(1)");
}
