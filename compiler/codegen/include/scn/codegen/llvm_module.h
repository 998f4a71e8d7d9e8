// The LLVM side of codegen::Module, for the JIT. Only code that links LLVM includes it.
#pragma once

#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>

#include "scn/codegen/codegen.h"

namespace scn::codegen {

struct Module::Impl {
  std::unique_ptr<llvm::LLVMContext> context;
  std::unique_ptr<llvm::Module> module;
  // Where LLVM lays out a struct of scn_rt.h otherwise than the C compiler; Module::verify
  // reports it.
  std::string abi_mismatch;
};

// Initialises the host target once (code generation, object files and the JIT need it).
void initialize_host_target();

}  // namespace scn::codegen
