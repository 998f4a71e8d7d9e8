// Problems found in a source file, located at their culprit.
#pragma once

#include <string>
#include <vector>

#include "scn/ast/source_loc.h"

namespace scn::diag {

enum class Severity { error, warning };

struct Diagnostic {
  ast::SourceLoc loc;
  Severity severity = Severity::error;
  std::string message;
};

const char* severity_word(Severity severity);
bool has_errors(const std::vector<Diagnostic>& diagnostics);
// Orders by file, line and column (stable for equal positions), drops exact duplicates.
void sort_diagnostics(std::vector<Diagnostic>& diagnostics);

}  // namespace scn::diag
