// The compile pipeline shared by emit ir|llvm, run and build: check a file (with its
// imports), then lower it to the scenario IR. Diagnostics go to stderr.
#pragma once

#include <optional>
#include <string>

#include "scn/ir/ir.h"

namespace scn::driver {

// The IR, or nothing with `status` set: `error_status` when the file does not check or
// lower, exit_unusable when it cannot be read.
std::optional<ir::Program> compile_to_ir(const std::string& file, int error_status, int& status);

}  // namespace scn::driver
