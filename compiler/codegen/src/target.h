// The host target: for the module's data layout and for object files.
#pragma once

#include <llvm/Target/TargetMachine.h>

#include <memory>
#include <string>

namespace scn::codegen {

// A TargetMachine for the host (PIC, generic CPU), or null with `error` set.
std::unique_ptr<llvm::TargetMachine> host_machine(std::string& error);

}  // namespace scn::codegen
