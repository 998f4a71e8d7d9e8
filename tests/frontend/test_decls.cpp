// The Transformer on declarations: imports, parameters, default messages, procedures
// and test cases, and on condition expressions.
#include "scn/ast/text.h"
#include "support.h"

using namespace scn;
using test::check_loc;
using test::node_as;

TEST_CASE("imports and parameters") {
  auto r = test::parse(
      "import ts34229.annex_a\n"
      "param px_IMS_HomeDomainName = \"3gpp.org\" \"home domain\"\n"
      "param px_wait = 10s\n");
  REQUIRE(r.ok());
  REQUIRE(r.module.imports.size() == 1);
  CHECK(r.module.imports[0].dotted() == "ts34229.annex_a");
  check_loc(r.module.imports[0].loc, 1, 1);
  REQUIRE(r.module.params.size() == 2);
  CHECK(r.module.params[0].name == "px_IMS_HomeDomainName");
  CHECK(node_as<ast::StringLit>(r.module.params[0].value.get()).value == "3gpp.org");
  REQUIRE(r.module.params[0].description);
  CHECK(r.module.params[0].description->value == "home domain");
  CHECK(node_as<ast::DurationLit>(r.module.params[1].value.get()).millis() == 10000);
  CHECK_FALSE(r.module.params[1].description);
}

TEST_CASE("several test cases and procedures per file") {
  auto r = test::parse(
      "procedure A.15.1 \"create\" { 1 UE -> SS INVITE }\n"
      "procedure release { 1 UE -> SS BYE }\n"
      "testcase a \"first\" { 1 UE -> SS REFER }\n"
      "testcase b \"second\" { 1 SS -> UE NOTIFY }\n");
  REQUIRE(r.ok());
  REQUIRE(r.module.procedures.size() == 2);
  CHECK(r.module.procedures[0].name == "A.15.1");
  CHECK(r.module.procedures[0].title->value == "create");
  CHECK(r.module.procedures[1].name == "release");
  CHECK_FALSE(r.module.procedures[1].title);
  REQUIRE(r.module.testcases.size() == 2);
  CHECK(r.module.testcases[1].name == "b");
  CHECK(r.module.testcases[1].title.value == "second");
  check_loc(r.module.testcases[1].loc, 4, 1);
}

TEST_CASE("a default message has conditions and rows and conditional rows") {
  auto r = test::parse(
      "default \"MO REFER\" REFER \"A.2.10\" {\n"
      "  conditions { A1 \"IMS security\"  A2 \"GIBA\" A9 }\n"
      "  Request-URI = any\n"
      "  when A1 or A7 and not A5 {\n"
      "    Route = <sip:pcscf;lr>\n"
      "  }\n"
      "}\n"
      "default \"200 OK for SUBSCRIBE\" 200 OK A.5.2 { }\n");
  REQUIRE(r.ok());
  REQUIRE(r.module.defaults.size() == 2);
  const ast::DefaultMessage& d = r.module.defaults[0];
  CHECK(d.name == "MO REFER");
  CHECK(d.message.method == "REFER");
  REQUIRE(d.clause);
  CHECK(d.clause->value == "A.2.10");
  REQUIRE(d.conditions.size() == 3);
  CHECK(d.conditions[1].code == "A2");
  CHECK(d.conditions[1].description == "GIBA");
  CHECK(d.conditions[2].description.empty());
  REQUIRE(d.rows.size() == 1);
  REQUIRE(d.conditional_rows.size() == 1);
  const ast::CondExpr& when = *d.conditional_rows[0].when;
  CHECK(ast::cond_text(when) == "A1 or A7 and not A5");
  CHECK(when.op == ast::CondOp::or_);
  REQUIRE(when.operands.size() == 2);
  CHECK(when.operands[1]->op == ast::CondOp::and_);
  CHECK(d.conditional_rows[0].rows.at(0).path.text() == "Route");
  const ast::DefaultMessage& ok = r.module.defaults[1];
  CHECK(ok.message.status == 200);
  CHECK(ok.message.reason == "OK");
  CHECK(ok.clause->value == "A.5.2");
}

TEST_CASE("and/or chains become one node and parentheses group") {
  auto r = test::parse(
      "default \"X\" ACK {\n"
      "  when A1 and A2 and A3 { X = 1 }\n"
      "  when (A1 or A2) and not (A3 or A4) { X = 2 }\n"
      "}\n");
  REQUIRE(r.ok());
  const auto& groups = r.module.defaults.at(0).conditional_rows;
  CHECK(groups[0].when->op == ast::CondOp::and_);
  CHECK(groups[0].when->operands.size() == 3);
  check_loc(groups[0].when->operands[2]->loc, 2, 22);
  CHECK(ast::cond_text(*groups[1].when) == "(A1 or A2) and not (A3 or A4)");
}

TEST_CASE("a long chain of 'or' does not recurse per operand") {
  std::string chain = "A0";
  for (int i = 1; i < 20000; ++i) chain += " or A" + std::to_string(i);
  auto r = test::parse("default \"X\" ACK {\n  when " + chain + " { X = 1 }\n}\n");
  REQUIRE(r.ok());
  CHECK(r.module.defaults.at(0).conditional_rows.at(0).when->operands.size() == 20000);
}
