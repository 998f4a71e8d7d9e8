#include "pipeline.h"

#include <iostream>

#include "commands.h"
#include "load.h"
#include "scn/check/check.h"
#include "scn/ir/lower.h"
#include "scn/parse/frontend.h"

namespace scn::driver {

std::optional<ir::Program> compile_to_ir(const std::string& file, int error_status, int& status) {
  if (!parse::read_file(file)) {
    std::cerr << "scn: error: cannot read " << file << "\n";
    status = exit_unusable;
    return std::nullopt;
  }
  check::CheckResult checked = check::check_files({file});
  print_diagnostics(checked.diagnostics);
  if (!checked.ok()) {
    status = error_status;
    return std::nullopt;
  }
  ir::LowerResult lowered = ir::lower(checked.program, ir::program_name_for(file));
  print_diagnostics(lowered.diagnostics);
  if (!lowered.ok()) {
    status = error_status;
    return std::nullopt;
  }
  status = exit_ok;
  return std::move(lowered.program);
}

}  // namespace scn::driver
