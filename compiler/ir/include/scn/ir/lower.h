// Lowering of the checked program (scn/check/checked.h) to the scenario IR.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scn/check/checked.h"
#include "scn/diag/diagnostic.h"
#include "scn/ir/ir.h"

namespace scn::ir {

struct LowerResult {
  Program program;
  std::vector<diag::Diagnostic> diagnostics;  // what the runtime cannot do yet
  bool ok() const { return !diag::has_errors(diagnostics); }
};

// `name` becomes scn_program.name (the scenario's file name, without folder or extension).
LowerResult lower(const check::CheckedProgram& program, const std::string& name);

// One resolved path on its own (the REPL's inspection paths); nothing with the
// diagnostic when the runtime cannot read that part.
std::optional<Path> lower_path(const check::ResolvedPath& path,
                               std::vector<diag::Diagnostic>& diagnostics);

// "tests/foo/conference_factory.scn" -> "conference_factory".
std::string program_name_for(const std::string& file);

}  // namespace scn::ir
