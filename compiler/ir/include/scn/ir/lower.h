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
// Match rows name the file and line they come from; files under `stdlib_root` are named
// relative to it ("stdlib/ts34229/a2_dialog.scn"), the others as the user gave them.
LowerResult lower(const check::CheckedProgram& program, const std::string& name,
                  const std::string& stdlib_root = {});

// One resolved path on its own (the REPL's inspection paths); nothing with the
// diagnostic when the runtime cannot read that part.
std::optional<Path> lower_path(const check::ResolvedPath& path,
                               std::vector<diag::Diagnostic>& diagnostics);

// "tests/foo/conference_factory.scn" -> "conference_factory".
std::string program_name_for(const std::string& file);

}  // namespace scn::ir
