// The semantic checker behind `scn check`: a parsed program (its files and their
// imports) is checked against the SIP header schema and the TS 34.229-1 conventions of
// the language, producing located diagnostics and the checked program (checked.h).
#pragma once

#include <string>
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

// Checks every module of a program that parsed without syntax errors. Test cases of the
// root modules end up in the checked program.
CheckResult check_program(const modules::Program& program, const schema::Schema& schema);

// What check_files does after loading, for a caller that loaded the modules (and the
// schema) itself and keeps them: the loading diagnostics first (syntax errors end it
// there, then missing modules and import cycles), then check_program.
CheckResult check_loaded(const modules::Program& program, const schema::Schema& schema);

struct CheckOptions {
  std::string stdlib_root = modules::default_stdlib_root();  // holds sip/ and ts34229/
};

// What `scn check FILE...` does: load and parse the files and their imports; stop there
// on syntax errors (reporting only them) or on missing modules and import cycles; load
// the schema from <stdlib_root>/sip; check.
CheckResult check_files(const std::vector<std::string>& files, const CheckOptions& options = {});

}  // namespace scn::check
