// LLVM code generation for the scenario IR. This header shows no LLVM type: the driver
// and the tests handle a generated module through it.
//
// The module holds one entry function per test case, the constant tables of scn_rt.h
// (steps, paths, send rows, match rows and templates, parameters) and the external
// constant `scn_program`; with Options::with_main also `main`, which hands argv to
// scn_rt_main (built executables).
#pragma once

#include <memory>
#include <string>

#include "scn/ir/ir.h"

namespace scn::codegen {

// The symbol of the scn_program constant in every generated module.
inline constexpr const char* program_symbol = "scn_program";

struct Options {
  bool with_main = false;
};

class Module {
 public:
  struct Impl;  // scn/codegen/llvm_module.h
  explicit Module(std::unique_ptr<Impl> impl);
  Module(Module&&) noexcept;
  Module& operator=(Module&&) noexcept;
  ~Module();

  std::string text() const;    // textual LLVM IR
  std::string verify() const;  // empty when the module verifies, else the reasons
  Impl& impl() { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

Module generate(const ir::Program& program, const Options& options = {});

// Writes the module as a position-independent object file for the host. Empty when
// written, else the reason.
std::string write_object(Module& module, const std::string& path);

}  // namespace scn::codegen
