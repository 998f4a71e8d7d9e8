// The semantic checker: a loaded program (files and their imports, compiler/modules) is
// checked against the SIP header schema and the TS 34.229-1 conventions of the
// language, producing located diagnostics and the checked program (checked.h). The
// compile pipeline (compiler/pipeline) loads the program and the schema first.
#pragma once

#include <vector>

#include "scn/check/checked.h"
#include "scn/diag/diagnostic.h"
#include "scn/modules/loader.h"
#include "scn/schema/schema.hpp"

namespace scn::check {

struct CheckResult {
  std::vector<diag::Diagnostic> diagnostics;  // sorted, errors and warnings
  CheckedProgram program;                     // meaningful only when ok()
  bool ok() const { return !diag::has_errors(diagnostics); }
};

struct CheckOptions {
  // The mirror of every test case: each party under test is played and each played party
  // is under test, so the executor plays the UE against a real network (docs/mirror.md).
  bool mirror = false;
};

// Checks every module of a program that parsed without syntax errors. Test cases of the
// root modules end up in the checked program.
CheckResult check_program(const modules::Program& program, const schema::Schema& schema,
                          const CheckOptions& options = {});

}  // namespace scn::check
