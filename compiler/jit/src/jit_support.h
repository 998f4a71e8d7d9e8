// What both JITs do the same way.
#pragma once

#include <llvm/ExecutionEngine/Orc/ExecutionUtils.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/Support/Error.h>

#include <string>

namespace scn::jit {

inline std::string message(llvm::Error error) { return llvm::toString(std::move(error)); }

// Lets JIT'd code in `dylib` call the runtime functions the scn executable exports.
inline llvm::Error expose_process_symbols(llvm::orc::LLJIT& lljit, llvm::orc::JITDylib& dylib) {
  auto generator = llvm::orc::DynamicLibrarySearchGenerator::GetForCurrentProcess(
      lljit.getDataLayout().getGlobalPrefix());
  if (!generator) return generator.takeError();
  dylib.addGenerator(std::move(*generator));
  return llvm::Error::success();
}

}  // namespace scn::jit
