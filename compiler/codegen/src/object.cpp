// Object files for `scn build`: the module compiled by the host target, PIC.
#include <llvm/IR/LegacyPassManager.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/raw_ostream.h>

#include "scn/codegen/llvm_module.h"
#include "target.h"

namespace scn::codegen {

std::string write_object(Module& module, const std::string& path) {
  std::string error;
  std::unique_ptr<llvm::TargetMachine> machine = host_machine(error);
  if (!machine) return "no code generator for this machine: " + error;
  llvm::Module& m = *module.impl().module;
  m.setTargetTriple(machine->getTargetTriple().str());
  m.setDataLayout(machine->createDataLayout());
  std::error_code ec;
  llvm::raw_fd_ostream out(path, ec, llvm::sys::fs::OF_None);
  if (ec) return "cannot write " + path + ": " + ec.message();
  llvm::legacy::PassManager passes;
  if (machine->addPassesToEmitFile(passes, out, nullptr, llvm::CodeGenFileType::ObjectFile))
    return "the host target cannot write object files";
  passes.run(m);
  out.flush();
  if (out.has_error()) return "cannot write " + path + ": " + out.error().message();
  return {};
}

}  // namespace scn::codegen
