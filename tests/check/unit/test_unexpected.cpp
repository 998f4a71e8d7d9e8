// Rules for unexpected messages: methods checked, and the order a test case tries them.
#include "support.h"

using namespace scn;

TEST_CASE("a test case tries its own rules, then its file's, then its imports' in order") {
  test::ScratchDir dir;
  dir.write("deep.scn", "unexpected { NOTIFY answer 489 }\n");
  dir.write("first.scn", "import deep\nunexpected { OPTIONS answer 200 }\n");
  dir.write("second.scn", "unexpected { malformed answer 400, fail }\n");
  const std::string main = dir.write("main.scn",
      "import first\n"
      "import second\n"
      "unexpected { request in unknown dialog answer 481 \"Gone\" }\n"
      "testcase t \"t\" {\n"
      "  unexpected { MESSAGE answer 200   request inconc }\n"
      "  1 UE -> SS  INVITE\n"
      "}\n"
      "unexpected { request fail }\n");
  auto r = test::check_file(main);
  INFO(test::messages(r));
  REQUIRE(r.ok());
  const auto& rules = r.program.testcases.at(0).unexpected;
  REQUIRE(rules.size() == 7);
  CHECK(rules[0].method == "MESSAGE");
  CHECK(rules[0].status == 200);
  CHECK(rules[1].method == "");
  CHECK(rules[1].verdict == check::UnexpectedVerdict::inconc);
  CHECK(rules[2].what == check::UnexpectedWhat::unknown_dialog);
  CHECK(rules[2].reason == "Gone");
  CHECK(rules[3].verdict == check::UnexpectedVerdict::fail);  // the file's second block
  CHECK(rules[3].loc.line == 8);
  CHECK(rules[4].method == "OPTIONS");
  CHECK(rules[5].method == "NOTIFY");
  CHECK(rules[6].what == check::UnexpectedWhat::malformed);
  CHECK(rules[6].loc.path().find("second.scn") != std::string::npos);
}

TEST_CASE("every test case importing annex_a gets the standard library's rules") {
  auto r = test::check_text(
      "import ts34229.annex_a\n"
      "testcase t \"t\" { steps 1-7 of A.15.1 }\n");
  for (const std::string& m : test::messages(r)) MESSAGE(m);
  REQUIRE(r.ok());
  const auto& rules = r.program.testcases.at(0).unexpected;
  REQUIRE(rules.size() == 4);
  CHECK(rules[0].method == "OPTIONS");
  CHECK(rules[0].status == 200);
  CHECK(rules[1].what == check::UnexpectedWhat::unknown_dialog);
  CHECK(rules[1].status == 481);
  CHECK(rules[2].what == check::UnexpectedWhat::malformed);
  CHECK(rules[2].verdict == check::UnexpectedVerdict::fail);
  CHECK(rules[3].method == "");
  CHECK(rules[3].verdict == check::UnexpectedVerdict::fail);
}

TEST_CASE("an unknown method in a rule is an error with a suggestion") {
  auto r = test::check_text(
      "unexpected {\n"
      "  OPTION answer 200\n"
      "  requets fail\n"
      "  ACK answer 200\n"
      "}\n");
  CHECK(test::messages(r) ==
        std::vector<std::string>{
            "2: unknown method 'OPTION': a rule starts with a method, 'request' or "
            "'malformed'; did you mean 'OPTIONS'?",
            "3: unknown method 'requets': a rule starts with a method, 'request' or "
            "'malformed'; did you mean 'request'?",
            "4: an ACK is never answered (RFC 3261 17.1.1.3): give this rule a verdict only"});
}

TEST_CASE("a rule after one that fits all it fits never applies: a warning") {
  auto r = test::check_text(
      "unexpected {\n"
      "  request fail\n"
      "  OPTIONS answer 200\n"
      "  malformed answer 400\n"
      "  request in unknown dialog answer 481\n"
      "  malformed record\n"
      "}\n");
  CHECK(r.ok());
  CHECK(test::messages(r) ==
        std::vector<std::string>{
            "3: this rule never applies: the rule at line 2 fits every message it fits",
            "6: this rule never applies: the rule at line 4 fits every message it fits"});
}
