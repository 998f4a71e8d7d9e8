// Rules for unexpected messages: lowered with their origins, emitted as the test case's
// scn_unexpected_rule table in the order tried, and listed by the IR dump.
#include <fstream>

#include "jit_support.h"
#include "support.h"

namespace scn::test {

namespace {

// The 1-based line of the first line of stdlib/ts34229/unexpected.scn holding `text`.
int stdlib_line(const std::string& text) {
  std::ifstream in(std::string(SCN_TEST_STDLIB) + "/ts34229/unexpected.scn");
  std::string line;
  for (int n = 1; std::getline(in, line); ++n)
    if (line.find(text) != std::string::npos) return n;
  FAIL("no '" << text << "' in unexpected.scn");
  return 0;
}

std::string or_null(const char* text) { return text != nullptr ? text : "(null)"; }

bool ends_with_text(const char* text, const std::string& tail) {
  const std::string s = or_null(text);
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

const char* const lenient_call = R"(
import ts34229.annex_a
testcase t "MO call, lenient" {
  unexpected { MESSAGE answer 200   request answer 500 "Not Now", inconc }
  steps 1-4 of A.15.1
}
)";

}  // namespace

TEST_CASE("the emitted test case holds its own rules, then the standard library's") {
  ScratchDir dir;
  check::CheckResult checked = check_file(dir.write("main.scn", lenient_call));
  REQUIRE(checked.ok());
  ir::LowerResult lowered = ir::lower(checked.program, "main", SCN_TEST_STDLIB);
  REQUIRE(lowered.ok());
  std::unique_ptr<jit::Jit> jit = jit_program(lowered.program);
  const scn_testcase& tc = program_of(*jit)->testcases[0];
  REQUIRE(tc.unexpected_count == 6);
  const scn_unexpected_rule* r = tc.unexpected;
  CHECK(r[0].what == SCN_UNEXPECTED_REQUEST);
  CHECK(std::string(r[0].method) == "MESSAGE");
  CHECK(r[0].status == 200);
  CHECK(r[0].reason == nullptr);
  CHECK(r[0].verdict == SCN_UNEXPECTED_RECORD);
  CHECK(ends_with_text(r[0].origin, "main.scn:4"));
  CHECK(std::string(r[1].method) == "");
  CHECK(r[1].status == 500);
  CHECK(or_null(r[1].reason) == "Not Now");
  CHECK(r[1].verdict == SCN_UNEXPECTED_INCONC);
  const std::string stdlib = "stdlib/ts34229/unexpected.scn:";
  CHECK(std::string(r[2].method) == "OPTIONS");
  CHECK(r[2].status == 200);
  CHECK(std::string(r[2].origin) == stdlib + std::to_string(stdlib_line("OPTIONS ")));
  CHECK(r[3].what == SCN_UNEXPECTED_UNKNOWN_DIALOG);
  CHECK(r[3].status == 481);
  CHECK(or_null(r[3].reason) == "Call/Transaction Does Not Exist");
  CHECK(r[4].what == SCN_UNEXPECTED_MALFORMED);
  CHECK(r[4].status == 400);
  CHECK(r[4].verdict == SCN_UNEXPECTED_FAIL);
  CHECK(std::string(r[4].origin) == stdlib + std::to_string(stdlib_line("malformed ")));
  CHECK(r[5].what == SCN_UNEXPECTED_REQUEST);
  CHECK(r[5].status == 0);
  CHECK(r[5].verdict == SCN_UNEXPECTED_FAIL);
}

TEST_CASE("a test case without rules has an empty table") {
  std::unique_ptr<jit::Jit> jit = jit_program(lower_text(R"(
testcase t "no rules" {
  1 UE -> SS  OPTIONS
  2 SS -> UE  200 OK
}
)").program);
  const scn_testcase& tc = program_of(*jit)->testcases[0];
  CHECK(tc.unexpected == nullptr);
  CHECK(tc.unexpected_count == 0);
}

TEST_CASE("the IR dump lists the rules in the order tried") {
  ScratchDir dir;
  check::CheckResult checked = check_file(dir.write("main.scn", lenient_call));
  REQUIRE(checked.ok());
  const std::string text = ir::dump(ir::lower(checked.program, "main", SCN_TEST_STDLIB).program);
  INFO(text);
  const std::size_t own = text.find("unexpected request answer 500 \"Not Now\" inconc  [");
  const std::size_t options = text.find("unexpected OPTIONS answer 200 record  [stdlib/ts34229/");
  REQUIRE(own != std::string::npos);
  REQUIRE(options != std::string::npos);
  CHECK(own < options);
}

}  // namespace scn::test
