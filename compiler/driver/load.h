// Reading and parsing a file for a command, with diagnostics printed to stderr.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scn/diag/diagnostic.h"
#include "scn/parse/frontend.h"

namespace scn::driver {

void print_diagnostics(const std::vector<diag::Diagnostic>& diagnostics);

// The parsed file, or nothing when it cannot be read (already reported).
std::optional<parse::ParseResult> load(const std::string& file);

}  // namespace scn::driver
