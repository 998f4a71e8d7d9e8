// What lowering records about where things come from: each match row's origin (the file
// and line of the row that demanded the value, and what selected it), the end of an
// optional window on its first step, and wait steps.
#include <fstream>
#include <sstream>

#include "support.h"

namespace scn::test {

namespace {

const ir::Expect& expect_of_step(const ir::Testcase& tc, const std::string& id) {
  for (std::size_t i = 0; i + 1 < tc.ops.size(); ++i) {
    const auto* begin = std::get_if<ir::StepBegin>(&tc.ops[i].node);
    if (begin && tc.steps.at(begin->step).id == id)
      if (const auto* expect = std::get_if<ir::Expect>(&tc.ops[i + 1].node)) return *expect;
  }
  FAIL("no expect for step " << id);
  throw;
}

const ir::MatchRow& row_at(const ir::Expect& expect, const std::string& header) {
  for (const ir::MatchRow& row : expect.rows)
    if (row.path.header == header) return row;
  FAIL("no row for " << header);
  throw;
}

bool ends_with(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

// The 1-based line of the first line of a stdlib file holding `text`.
int stdlib_line(const std::string& file, const std::string& text) {
  std::ifstream in(std::string(SCN_TEST_STDLIB) + "/" + file);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n)
    if (line.find(text) != std::string::npos) return n;
  FAIL("no '" << text << "' in " << file);
  return 0;
}

}  // namespace

TEST_CASE("a match row's origin names the row's file and line and what selected it") {
  ir::LowerResult r = lower_text(R"(
default "D" MESSAGE {
  conditions { A1 "applied" }
  Organization = "one"
  when A1 { Subject = "two" }
}
testcase t "origins" {
  1 UE -> SS  MESSAGE  use "D" [A1] except {
      Priority = "urgent" }
  2 SS -> UE  200 OK
}
)");
  REQUIRE(r.ok());
  const ir::Expect& expect = expect_of_step(r.program.testcases.at(0), "1");
  CHECK(ends_with(row_at(expect, "Organization").origin, "main.scn:4 (default \"D\")"));
  CHECK(ends_with(row_at(expect, "Subject").origin, "main.scn:5 (default \"D\", when A1)"));
  CHECK(ends_with(row_at(expect, "Priority").origin, "main.scn:9 (exception of step 1)"));
}

TEST_CASE("rows of the standard library are named from the stdlib root, not the machine's") {
  ScratchDir dir;
  check::CheckResult checked = check_file(dir.write("main.scn", R"(
import ts34229.annex_a
testcase t "a call's first steps" {
  steps 1-4 of A.15.1
}
)"));
  REQUIRE(checked.ok());
  ir::LowerResult r = ir::lower(checked.program, "main", SCN_TEST_STDLIB);
  REQUIRE(r.ok());
  const ir::Expect& prack = expect_of_step(r.program.testcases.at(0), "4");
  const std::string dialog = "stdlib/ts34229/a2_dialog.scn:";
  CHECK(row_at(prack, "Max-Forwards").origin ==
        dialog + std::to_string(stdlib_line("ts34229/a2_dialog.scn", "Max-Forwards = present")) +
            " (default \"PRACK\")");
  CHECK(row_at(prack, "Route").origin ==
        dialog + std::to_string(stdlib_line("ts34229/a2_dialog.scn", "{ Route = dialog().route_set }")) +
            " (default \"PRACK\", when A1 or A2)");
  // RAck rows come from the procedure's exception (one line holds rseq and cseq).
  const int rack = stdlib_line("ts34229/procedures.scn", "RAck.rseq = step(3).RSeq");
  bool seen = false;
  for (const ir::MatchRow& row : prack.rows) {
    if (row.path.header != "RAck" || row.path.part != ir::Part::rack_rseq) continue;
    seen = true;
    CHECK(row.origin == "stdlib/ts34229/procedures.scn:" + std::to_string(rack) +
                            " (exception of step 4)");
  }
  CHECK(seen);
}

TEST_CASE("the first step of an optional window names the window's last step") {
  ir::LowerResult r = lower_text(R"(
testcase t "window" {
  1 UE -> SS  INVITE
  2 SS -> UE  200 OK
  3 UE -> SS  ACK
  optional within 2s {
    4 UE -> SS  SUBSCRIBE
    5 SS -> UE  200 OK  except { Expires = 600 }
    6 wait 1s
  }
  7 UE -> SS  BYE
  8 SS -> UE  200 OK
}
)");
  REQUIRE(r.ok());
  const auto& steps = r.program.testcases.at(0).steps;
  REQUIRE(steps.size() == 8);
  CHECK(steps.at(3).window_end == "6");
  for (std::size_t i : {0u, 1u, 2u, 4u, 5u, 6u, 7u}) CHECK(steps.at(i).window_end.empty());
}

TEST_CASE("a wait step lowers to a wait of its milliseconds after its begin") {
  ir::LowerResult r = lower_text(R"(
testcase t "wait" {
  1 UE -> SS  MESSAGE
  2 SS -> UE  200 OK
  3 wait 2s "let the UE settle"
  4 wait 250ms
}
)");
  REQUIRE(r.ok());
  const ir::Testcase& tc = r.program.testcases.at(0);
  CHECK(tc.steps.at(2).kind == ir::StepKind::wait);
  CHECK(tc.steps.at(2).message == "wait 2s");
  CHECK(tc.steps.at(2).from == ir::upper_tester);
  CHECK(tc.steps.at(3).message == "wait 250ms");
  REQUIRE(tc.ops.size() == 8);
  CHECK(std::get<ir::StepBegin>(tc.ops.at(4).node).step == 2);
  CHECK(std::get<ir::Wait>(tc.ops.at(5).node).ms == 2000);
  CHECK(std::get<ir::Wait>(tc.ops.at(7).node).ms == 250);
  const std::string dump = ir::dump(r.program);
  INFO(dump);
  CHECK(contains(dump, "step 3  wait 2s  \"let the UE settle\"\n    wait 2000 ms\n"));
}

}  // namespace scn::test
