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

inline const scn_program* program_of(jit::Jit& jit) {
  std::string error;
  const scn_program* program = jit.program(error);
  REQUIRE_MESSAGE(program, error);
  return program;
}

}  // namespace scn::test
