// Code generation: modules verify, object files are written, and the JIT resolves the
// program against the runtime linked into this test executable.
#include <fstream>

#include "scn/codegen/codegen.h"
#include "scn/jit/jit.h"
#include "jit_support.h"
#include "support.h"

namespace scn::test {

namespace {

const char* const seeds[] = {"scenarios/ts34229/conference_factory.scn",
                             "scenarios/ts34229/conference_refer.scn",
                             "tests/codegen/golden/rows.scn",
                             "tests/codegen/golden/window_when.scn",
                             "tests/codegen/smoke.scn"};

std::string source(const char* relative) { return std::string(SCN_SOURCE_DIR) + "/" + relative; }

}  // namespace

TEST_CASE("generated modules verify, with and without main") {
  for (const char* seed : seeds) {
    INFO(seed);
    ir::Program program = lower_file(source(seed));
    for (bool with_main : {false, true}) {
      codegen::Module module = codegen::generate(program, codegen::Options{with_main});
      CHECK(module.verify() == "");
      const std::string text = module.text();
      CHECK(contains(text, "@scn_program = constant %scn_program"));
      CHECK(contains(text, "declare i32 @scn_expect(ptr, ptr, i32, i32)"));
      CHECK(contains(text, "define i32 @main(") == with_main);
    }
  }
}

TEST_CASE("a template with only constant rows is static data") {
  ir::LowerResult r = lower_text(R"(
testcase t "static" {
  1 UE -> SS  OPTIONS  except { Organization = "hello"  Via.branch = starts "z9hG4bK" }
  2 SS -> UE  200 OK  except { Organization = "bye" }
}
)");
  const std::string text = codegen::generate(r.program).text();
  INFO(text);
  CHECK(contains(text, "@template.") );
  CHECK_FALSE(contains(text, "alloca %scn_match_row"));
  CHECK(contains(text, "call void @scn_out_rows("));
}

TEST_CASE("an applied code is a scn_condition call, unconditional rows stay static data") {
  ir::LowerResult r = lower_text(R"(
default "D" 200 OK {
  conditions { A1 "with a subject" }
  Organization = "always"
  when A1 { Server = "sometimes" }
}
testcase t "codes" {
  1 UE -> SS  OPTIONS
  2 SS -> UE  200 OK  use "D" [A1]
}
)");
  const std::string text = codegen::generate(r.program).text();
  INFO(text);
  CHECK(contains(text, "call i32 @scn_condition(ptr %rt, ptr @"));
  CHECK(contains(text, "call void @scn_out_rows("));  // Organization, as static data
  CHECK(contains(text, "%scn_condition_def { ptr @"));
}

TEST_CASE("the JIT resolves the conditions the test cases apply, true by default") {
  std::unique_ptr<jit::Jit> jit = jit_program(lower_file(source("scenarios/ts34229/conference_factory.scn")));
  const scn_program* program = program_of(*jit);
  REQUIRE(program->condition_count > 0);
  CHECK(std::string(program->conditions[0].name) == "A1");
  CHECK(program->conditions[0].default_value == 1);
  REQUIRE(program->conditions[0].description);
  INFO(std::string(program->conditions[0].description));
  CHECK(contains(program->conditions[0].description, "INVITE for MO Call Setup: IMS security"));
}

TEST_CASE("an object file is written for the host") {
  ScratchDir dir;
  codegen::Module module =
      codegen::generate(lower_file(source("tests/codegen/smoke.scn")), codegen::Options{true});
  const std::string object = (dir.path / "smoke.o").string();
  REQUIRE(codegen::write_object(module, object) == "");
  std::ifstream in(object, std::ios::binary);
  char magic[4] = {};
  in.read(magic, 4);
  CHECK(std::string(magic, 4) == "\x7f" "ELF");
}

TEST_CASE("the JIT resolves the program with its test cases and parameter defaults") {
  std::unique_ptr<jit::Jit> jit = jit_program(lower_file(source("scenarios/ts34229/conference_refer.scn")));
  const scn_program* program = program_of(*jit);
  CHECK(program->abi_version == SCN_RT_ABI_VERSION);
  CHECK(std::string(program->name) == "conference_refer");
  REQUIRE(program->testcase_count == 1);
  CHECK(std::string(program->testcases[0].name) == "conference_refer");
  CHECK(static_cast<bool>(program->testcases[0].entry));
  bool found = false;
  for (std::size_t i = 0; i < program->param_count; ++i) {
    if (std::string(program->params[i].name) != "invited") continue;
    found = true;
    CHECK(std::string(program->params[i].default_value) == "sip:user2_public1@home2.net");
  }
  CHECK(found);
}

}  // namespace scn::test
