// The REPL's JIT: the main module stays resolvable while typed-step modules come and go,
// each replacing the previous one. Entries are not run (that needs a runtime session):
// resolving scn_program materialises a module against the runtime linked in here.
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "scn/codegen/codegen.h"
#include "scn/jit/session_jit.h"

using namespace scn;

namespace {

// A two-step test case `name`: send an OPTIONS with a parameter in it, expect a 200.
ir::Program small_program(const std::string& name) {
  ir::Send send;
  send.method = "OPTIONS";
  const ir::Path organization{ir::Target::header, "Organization", 0, ir::Part::whole, ""};
  send.rows.push_back({organization, ir::SendOp::set, ir::Value{ir::ParamRef{"px_Organization"}},
                       std::nullopt});
  ir::Expect expect;
  expect.status = 200;
  ir::Testcase testcase{name, "a typed step", {{"UE", true, ""}, {"SS", false, ""}}, {}, {}, {}};
  testcase.steps.push_back(
      {"1", ir::Direction::ss_to_ue, "OPTIONS", "", "", 1, 0, ir::StepKind::message, {}});
  testcase.steps.push_back(
      {"2", ir::Direction::ue_to_ss, "200 OK", "", "", 0, 1, ir::StepKind::message, {}});
  testcase.ops = {ir::Op{ir::StepBegin{0}}, ir::Op{send}, ir::Op{ir::StepBegin{1}},
                  ir::Op{expect}};
  ir::Program program;
  program.name = "session_jit_test";
  program.params.push_back({"px_Organization", "scn", "sent in step 1"});
  program.testcases.push_back(std::move(testcase));
  return program;
}

codegen::Module module_for(const std::string& testcase) {
  codegen::Module module = codegen::generate(small_program(testcase));
  REQUIRE(module.verify() == "");
  return module;
}

std::unique_ptr<jit::SessionJit> session_jit() {
  std::string error;
  std::unique_ptr<jit::SessionJit> jit = jit::SessionJit::create(module_for("main"), error);
  REQUIRE_MESSAGE(jit, error);
  return jit;
}

// The name of the only test case of `program`, or why there is none.
std::string only_testcase(const scn_program* program, const std::string& error) {
  if (!program) return "no program: " + error;
  if (program->testcase_count != 1) return "test cases: " + std::to_string(program->testcase_count);
  return program->testcases[0].name;
}

std::string main_testcase(jit::SessionJit& jit) {
  std::string error;
  return only_testcase(jit.program(error), error);
}

}  // namespace

TEST_CASE("the main module resolves with its test case") {
  std::unique_ptr<jit::SessionJit> jit = session_jit();
  std::string error;
  const scn_program* program = jit->program(error);
  REQUIRE_MESSAGE(program, error);
  CHECK(program->abi_version == SCN_RT_ABI_VERSION);
  CHECK(std::string(program->name) == "session_jit_test");
  CHECK(only_testcase(program, error) == "main");
  CHECK(static_cast<bool>(program->testcases[0].entry));
  REQUIRE(program->param_count == 1);
  CHECK(std::string(program->params[0].default_value) == "scn");
}

TEST_CASE("30 typed-step modules in a row, each replacing the last, main staying") {
  std::unique_ptr<jit::SessionJit> jit = session_jit();
  for (int i = 0; i < 30; ++i) {
    const std::string name = "typed_" + std::to_string(i);
    INFO(name);
    std::string error;
    const scn_program* program = jit->add_adhoc(module_for(name), error);
    CHECK(only_testcase(program, error) == name);
    CHECK(main_testcase(*jit) == "main");
  }
  jit->remove_adhoc();
  CHECK(main_testcase(*jit) == "main");
}

TEST_CASE("remove_adhoc twice, or with nothing added, is harmless") {
  std::unique_ptr<jit::SessionJit> jit = session_jit();
  jit->remove_adhoc();
  std::string error;
  CHECK(only_testcase(jit->add_adhoc(module_for("first"), error), error) == "first");
  jit->remove_adhoc();
  jit->remove_adhoc();
  CHECK(main_testcase(*jit) == "main");
  SUBCASE("a module added after the removal works") {
    CHECK(only_testcase(jit->add_adhoc(module_for("second"), error), error) == "second");
    CHECK(main_testcase(*jit) == "main");
  }
  SUBCASE("the session ends with a typed module still added") {
    CHECK(only_testcase(jit->add_adhoc(module_for("left"), error), error) == "left");
  }
}

TEST_CASE("a typed module with the main module's symbols resolves to its own program") {
  std::unique_ptr<jit::SessionJit> jit = session_jit();
  std::string error;
  const scn_program* main = jit->program(error);
  REQUIRE_MESSAGE(main, error);
  const scn_program* typed = jit->add_adhoc(module_for("main"), error);
  REQUIRE_MESSAGE(typed, error);
  CHECK(typed != main);
  const bool same_entry = typed->testcases[0].entry == main->testcases[0].entry;
  CHECK_FALSE(same_entry);
  jit->remove_adhoc();
  CHECK(jit->program(error) == main);
}
