// Typed steps of test cases with parties: a line starting with a party name or `make` is
// a step; completion offers the party names where a step needs one.
#include <doctest/doctest.h>

#include <string>
#include <variant>
#include <vector>

#include "program.h"
#include "scn/modules/loader.h"
#include "scn/repl/command.h"
#include "scn/repl/completion.h"

using namespace scn::repl;
using Words = std::vector<std::string>;

namespace {

const Words kParties = {"UE1", "UE2", "SS", "FOCUS", "step"};

CompletionWords with_parties() {
  CompletionWords w;
  w.paths = {"Contact", "To"};
  w.steps = {"1", "2"};
  w.parties = {"FOCUS", "SS", "UE1", "UE2"};
  return w;
}

}  // namespace

TEST_CASE("a line starting with a party of the test case or make is a typed step") {
  CHECK(std::holds_alternative<AdHoc>(parse_command("UE1 -> FOCUS BYE", kParties)));
  CHECK(std::holds_alternative<AdHoc>(parse_command("FOCUS -> UE2 NOTIFY", kParties)));
  CHECK(std::holds_alternative<AdHoc>(parse_command("make UE2 hangup", kParties)));
  CHECK(std::holds_alternative<AdHoc>(parse_command("make UE hangup")));
  CHECK(std::holds_alternative<AdHoc>(parse_command("media UE1 -> FOCUS check for 2s")));
  // Without the test case's parties only UE and SS start a step.
  CHECK(std::holds_alternative<Mistake>(parse_command("UE1 -> FOCUS BYE")));
  // A party named like a command is a step only when '->' follows it.
  CHECK(std::holds_alternative<Move>(parse_command("step", kParties)));
  CHECK(std::holds_alternative<AdHoc>(parse_command("step -> SS BYE", kParties)));
}

TEST_CASE("completion offers party names and make where a typed step needs them") {
  const CompletionWords w = with_parties();
  CHECK(complete(w, "", "U") == Words{"UE1", "UE2"});
  CHECK(complete(w, "", "ma") == Words{"make"});
  CHECK(complete(w, "", "me") == Words{"media"});
  CHECK(complete(w, "make ", "") == Words{"FOCUS", "SS", "UE1", "UE2"});
  CHECK(complete(w, "UE1 -> ", "F") == Words{"FOCUS"});
  CHECK(complete(w, "12 ", "m") == Words{"make", "media"});
  CHECK(complete(w, "media ", "U") == Words{"UE1", "UE2"});
  CHECK(complete(w, "12 ", "U") == Words{"UE1", "UE2"});
  // Without declared parties: UE and SS.
  CHECK(complete(CompletionWords{}, "3 UE -> ", "") == Words{"SS", "UE"});
}

TEST_CASE("a typed step may name any party of the test case or make one act") {
  const std::string file = std::string(SCN_SOURCE_DIR) + "/tests/ast/parties.scn";
  std::vector<scn::diag::Diagnostic> diagnostics;
  std::optional<LoadedProgram> loaded =
      load_program(file, scn::modules::default_stdlib_root(), diagnostics);
  REQUIRE(loaded);
  TypedStep act = compile_typed_step(*loaded, "conference_call", {}, "make UE2 answer");
  REQUIRE(act.program);
  const scn::ir::Testcase& tc = act.program->testcases.at(0);
  REQUIRE(tc.ops.size() == 2);
  CHECK(std::holds_alternative<scn::ir::Act>(tc.ops[1].node));
  CHECK(tc.steps.back().kind == scn::ir::StepKind::action);

  TypedStep message = compile_typed_step(*loaded, "conference_call", {}, "UE2 -> SS MESSAGE");
  CHECK(message.program);

  TypedStep wrong = compile_typed_step(*loaded, "conference_call", {}, "make UE3 answer");
  CHECK_FALSE(wrong.program);
  REQUIRE(wrong.diagnostics.size() == 1);
  CHECK(wrong.diagnostics[0].loc.path() == "<input>");
  CHECK(wrong.diagnostics[0].loc.col == 6);
  CHECK(wrong.diagnostics[0].message == "unknown party 'UE3'; did you mean 'UE1'?");
}
