// The Transformer on `unexpected { ... }` blocks: patterns, actions, placement.
#include "support.h"

using namespace scn;
using test::check_loc;
using test::messages;

TEST_CASE("a file-level unexpected block holds its rules in order") {
  auto r = test::parse(
      "unexpected \"network defaults\" {\n"
      "  OPTIONS answer 200\n"
      "  request in unknown dialog answer 481 \"Call/Transaction Does Not Exist\"\n"
      "  malformed answer 400, fail\n"
      "  request inconc\n"
      "}\n");
  REQUIRE(r.ok());
  REQUIRE(r.module.unexpected.size() == 1);
  const ast::UnexpectedBlock& b = r.module.unexpected[0];
  REQUIRE(b.description);
  CHECK(b.description->value == "network defaults");
  REQUIRE(b.rules.size() == 4);
  CHECK(b.rules[0].what == ast::UnexpectedWhat::request);
  REQUIRE(b.rules[0].method);
  CHECK(b.rules[0].method->value == "OPTIONS");
  CHECK(b.rules[0].answer == 200);
  CHECK(b.rules[0].verdict == ast::UnexpectedVerdict::record);
  check_loc(b.rules[0].loc, 2, 3);
  CHECK(b.rules[1].what == ast::UnexpectedWhat::unknown_dialog);
  CHECK_FALSE(b.rules[1].method);
  CHECK(b.rules[1].answer == 481);
  REQUIRE(b.rules[1].reason);
  CHECK(b.rules[1].reason->value == "Call/Transaction Does Not Exist");
  CHECK(b.rules[2].what == ast::UnexpectedWhat::malformed);
  CHECK(b.rules[2].answer == 400);
  CHECK(b.rules[2].verdict == ast::UnexpectedVerdict::fail);
  CHECK_FALSE(b.rules[3].answer);
  CHECK(b.rules[3].verdict == ast::UnexpectedVerdict::inconc);
}

TEST_CASE("a test case's unexpected block stands among its party lines, on one line") {
  auto r = test::parse(
      "testcase t \"title\" {\n"
      "  party UE ue\n"
      "  unexpected { MESSAGE answer 200   request answer 500, inconc   malformed record }\n"
      "  party SS ss\n"
      "  1 UE -> SS INVITE\n"
      "}\n");
  REQUIRE(r.ok());
  const ast::Testcase& tc = r.module.testcases.at(0);
  CHECK(tc.parties.size() == 2);
  CHECK(tc.items.size() == 1);
  REQUIRE(tc.unexpected);
  REQUIRE(tc.unexpected->rules.size() == 3);
  CHECK(tc.unexpected->rules[0].method->value == "MESSAGE");
  CHECK(tc.unexpected->rules[1].answer == 500);
  CHECK(tc.unexpected->rules[1].verdict == ast::UnexpectedVerdict::inconc);
  CHECK(tc.unexpected->rules[2].what == ast::UnexpectedWhat::malformed);
  CHECK_FALSE(tc.unexpected->rules[2].answer);
}

TEST_CASE("the word unexpected is still a name after a dot") {
  auto r = test::parse_steps("  1 UE -> SS MESSAGE except { body.unexpected = present }");
  CHECK(messages(r) == "");
}

TEST_CASE("mistakes in unexpected rules are located") {
  auto r = test::parse(
      "unexpected {\n"
      "  OPTIONS answer 180\n"
      "  request answer\n"
      "  request faill\n"
      "  malformed in unknown dialog record\n"
      "  request in known dialog answer 481\n"
      "  request fail, inconc\n"
      "  request answer 200, answer 500\n"
      "  request fail 500\n"
      "  request answer 4xx\n"
      "}\n");
  CHECK(messages(r) ==
        "2:18: answer 180: the SS answers with a final response code (200-699)\n"
        "3:11: 'answer' needs a final response code (200-699), as in: answer 200\n"
        "4:11: unknown action 'faill': expected answer CODE, fail, inconc or record; did you "
        "mean 'fail'?\n"
        "5:16: a malformed message belongs to no dialog: write 'malformed' alone\n"
        "6:14: expected 'unknown' after 'in', as in: request in unknown dialog\n"
        "7:17: this rule already has a verdict\n"
        "8:23: this rule already answers 200\n"
        "9:16: only 'answer' takes a status code and a reason, not 'fail'\n"
        "10:18: '4xx' is not a status code: write a final response code (200-699)\n");
}

TEST_CASE("an unexpected block after the steps, twice, or in a procedure is refused") {
  auto r = test::parse(
      "testcase t \"title\" {\n"
      "  unexpected { OPTIONS answer 200 }\n"
      "  unexpected { request fail }\n"
      "  1 UE -> SS INVITE\n"
      "  unexpected { request fail }\n"
      "}\n"
      "procedure P { unexpected { request fail } 1 UE -> SS INVITE }\n");
  CHECK(messages(r) ==
        "3:3: test case t already has an unexpected block at line 2: write its rules there\n"
        "5:3: an unexpected block stands at the start of a test case, before its steps, or "
        "at file level\n"
        "7:15: a procedure has no unexpected block: write it in the test cases that use the "
        "procedure, or at file level\n");
}

TEST_CASE("a module path may hold a keyword after a dot") {
  auto r = test::parse("import ts34229.unexpected\n");
  REQUIRE(r.ok());
  REQUIRE(r.module.imports.size() == 1);
  CHECK(r.module.imports[0].dotted() == "ts34229.unexpected");
}
