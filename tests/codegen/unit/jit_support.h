// Helpers of the tests that run generated code in this process: a lowered program
// generated, verified and JIT-compiled, and the scn_program it defines, each failing the
// test with the reason when it cannot be had.
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "scn/codegen/codegen.h"
#include "scn/ir/ir.h"
#include "scn/jit/jit.h"

namespace scn::test {

inline std::unique_ptr<jit::Jit> jit_program(const ir::Program& program) {
  codegen::Module module = codegen::generate(program);
  REQUIRE(module.verify() == "");
  std::string error;
  std::unique_ptr<jit::Jit> jit = jit::Jit::create(std::move(module), error);
  REQUIRE_MESSAGE(jit, error);
  return jit;
}

// A scn_str the runtime returned, as text.
inline std::string text(scn_str s) { return std::string(s.ptr, s.len); }

// The configuration of the in-process runs: the SS on an ephemeral loopback port, the UE
// at `ue`, quiet, no lingering after the verdict.
inline scn_run_config loopback_config(const std::string& ue, unsigned timeout_ms) {
  scn_run_config config;
  scn_run_config_init(&config);
  config.bind = "127.0.0.1:0";
  config.ue = ue.c_str();
  config.quiet = 1;
  config.linger_ms = 0;
  config.timeout_ms = timeout_ms;
  return config;
}

// Opens a run, failing the test with the runtime's reason when it cannot.
inline scn_rt* open_run(const scn_run_config& config, const scn_program& program) {
  char error[256] = "";
  scn_rt* rt = scn_rt_open(&config, &program, error, sizeof error);
  INFO(error);
  REQUIRE(rt);
  return rt;
}

inline const scn_program* program_of(jit::Jit& jit) {
  std::string error;
  const scn_program* program = jit.program(error);
  REQUIRE_MESSAGE(program, error);
  return program;
}

}  // namespace scn::test
