// Typed steps: checked at the end of the loaded test case (after the steps typed before
// them), lowered to a program that runs only them, with their mistakes located in
// `<input>` at line 1.
#include <doctest/doctest.h>

#include <string>
#include <variant>
#include <vector>

#include "program.h"
#include "scn/modules/loader.h"

using namespace scn;
using namespace scn::repl;

namespace {

const char* const kTestcase = "conference_factory";
const char* const kNotify = R"(SS -> UE NOTIFY use "MT NOTIFY for conference event package" [A5])";

std::string rendered(const std::vector<diag::Diagnostic>& diagnostics) {
  std::string text;
  for (const diag::Diagnostic& d : diagnostics)
    text += d.loc.path() + ":" + std::to_string(d.loc.line) + ":" + std::to_string(d.loc.col) +
            ": " + d.message + "\n";
  return text;
}

LoadedProgram load_seed() {
  const std::string file = std::string(SCN_SOURCE_DIR) + "/scenarios/ts34229/" + kTestcase + ".scn";
  std::vector<diag::Diagnostic> diagnostics;
  std::optional<LoadedProgram> loaded =
      load_program(file, modules::default_stdlib_root(), diagnostics);
  INFO(rendered(diagnostics));
  REQUIRE(loaded);
  return std::move(*loaded);
}

// Compiles `typed`; fails the test when it does not give a program.
TypedStep typed_step(const LoadedProgram& loaded, const std::vector<std::string>& earlier,
                     const std::string& typed) {
  TypedStep step = compile_typed_step(loaded, kTestcase, earlier, typed);
  INFO(typed);
  INFO(rendered(step.diagnostics));
  REQUIRE(step.program);
  REQUIRE(step.program->testcases.size() == 1);
  REQUIRE_FALSE(step.program->testcases[0].steps.empty());
  return step;
}

// Every StepBegin of `ops`, nested ones included.
void step_begins(const std::vector<ir::Op>& ops, std::vector<std::size_t>& out) {
  for (const ir::Op& op : ops) {
    if (const auto* begin = std::get_if<ir::StepBegin>(&op.node)) out.push_back(begin->step);
    if (const auto* when = std::get_if<ir::If>(&op.node)) step_begins(when->ops, out);
    if (const auto* window = std::get_if<ir::Window>(&op.node)) step_begins(window->ops, out);
  }
}

// The ops run only the last step: they start with its StepBegin and begin no other.
void check_only_last_step(const ir::Testcase& testcase) {
  const std::size_t last = testcase.steps.size() - 1;
  REQUIRE_FALSE(testcase.ops.empty());
  const auto* first = std::get_if<ir::StepBegin>(&testcase.ops.front().node);
  REQUIRE(first);
  CHECK(first->step == last);
  std::vector<std::size_t> begins;
  step_begins(testcase.ops, begins);
  CHECK(begins == std::vector<std::size_t>{last});
}

const diag::Diagnostic* at_input(const std::vector<diag::Diagnostic>& diagnostics,
                                 std::uint32_t col) {
  for (const diag::Diagnostic& d : diagnostics)
    if (d.loc.path() == "<input>" && d.loc.line == 1 && d.loc.col == col) return &d;
  return nullptr;
}

}  // namespace

TEST_CASE("a typed NOTIFY becomes step 9001, the only one its program runs") {
  const LoadedProgram loaded = load_seed();
  const TypedStep step = typed_step(loaded, {}, kNotify);
  CHECK(step.step_text == std::string("9001 ") + kNotify);
  const ir::Testcase& testcase = step.program->testcases[0];
  CHECK(testcase.name == kTestcase);
  CHECK(testcase.steps.back().id == "9001");
  CHECK(testcase.steps.back().direction == ir::Direction::ss_to_ue);
  CHECK(testcase.steps.back().message == "NOTIFY");
  check_only_last_step(testcase);
  const auto* send = std::get_if<ir::Send>(&testcase.ops[1].node);
  REQUIRE(send);
  CHECK(send->method == "NOTIFY");
}

TEST_CASE("the next typed step is 9002, and a typed 200 OK answers a typed NOTIFY") {
  const LoadedProgram loaded = load_seed();
  const TypedStep notify = typed_step(loaded, {}, kNotify);
  const TypedStep ok = typed_step(loaded, {notify.step_text}, "UE -> SS 200 OK");
  CHECK(ok.step_text == "9002 UE -> SS 200 OK");
  const ir::Testcase& testcase = ok.program->testcases[0];
  CHECK(testcase.steps.back().id == "9002");
  CHECK(testcase.steps[testcase.steps.size() - 2].id == "9001");
  check_only_last_step(testcase);
  const auto* expect = std::get_if<ir::Expect>(&testcase.ops[1].node);
  REQUIRE(expect);
  CHECK(expect->status == 200);
  // Alone, nothing waits for its answer.
  CHECK_FALSE(compile_typed_step(loaded, kTestcase, {}, "UE -> SS 200 OK").program);
}

TEST_CASE("a typed step starting with a number keeps that number") {
  const LoadedProgram loaded = load_seed();
  const std::string typed = std::string("42 ") + kNotify;
  const TypedStep step = typed_step(loaded, {}, typed);
  CHECK(step.step_text == typed);
  CHECK(step.program->testcases[0].steps.back().id == "42");
  check_only_last_step(step.program->testcases[0]);
}

TEST_CASE("a typo in a header is located in the typed text") {
  const LoadedProgram loaded = load_seed();
  const std::string typed = std::string(kNotify) + R"( except { Evnt = "x" })";
  const TypedStep step = compile_typed_step(loaded, kTestcase, {}, typed);
  INFO(rendered(step.diagnostics));
  CHECK_FALSE(step.program);
  const auto col = static_cast<std::uint32_t>(typed.find("Evnt") + 1);
  const diag::Diagnostic* d = at_input(step.diagnostics, col);
  REQUIRE(d);
  CHECK(d->severity == diag::Severity::error);
  CHECK(d->message.find("Evnt") != std::string::npos);
}

TEST_CASE("an incomplete typed step ends at the end of the line") {
  const LoadedProgram loaded = load_seed();
  const std::string typed = "SS ->";
  const TypedStep step = compile_typed_step(loaded, kTestcase, {}, typed);
  INFO(rendered(step.diagnostics));
  CHECK_FALSE(step.program);
  const diag::Diagnostic* d =
      at_input(step.diagnostics, static_cast<std::uint32_t>(typed.size() + 1));
  REQUIRE(d);
  CHECK(d->message.find("found the end of the line") != std::string::npos);
  CHECK(d->message.find("'}'") == std::string::npos);
}

TEST_CASE("a typed step for an unknown test case gives no program") {
  const LoadedProgram loaded = load_seed();
  const TypedStep step = compile_typed_step(loaded, "no_such_testcase", {}, kNotify);
  CHECK_FALSE(step.program);
}

TEST_CASE("a file that cannot be read gives no program") {
  std::vector<diag::Diagnostic> diagnostics;
  CHECK_FALSE(load_program(std::string(SCN_SOURCE_DIR) + "/scenarios/no_such_file.scn",
                           modules::default_stdlib_root(), diagnostics));
}
