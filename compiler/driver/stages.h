// The commands' way through the compile pipeline (scn/pipeline/pipeline.h): diagnostics
// printed to stderr, failures turned into exit statuses.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scn/diag/diagnostic.h"
#include "scn/ir/ir.h"
#include "scn/parse/frontend.h"

namespace scn::driver {

void print_diagnostics(const std::vector<diag::Diagnostic>& diagnostics);
// "scn: error: cannot read FILE" on stderr.
void report_unreadable(const std::string& file);

// `file` parsed on its own, or nothing when it cannot be read (reported).
std::optional<parse::ParseResult> parse_file(const std::string& file);

// The IR of `file` and its imports, or nothing with `status` set: `error_status` when
// the file does not check or lower, exit_unusable when it cannot be read.
// `mirror`: the test cases' parties swapped (check::CheckOptions).
std::optional<ir::Program> compile_to_ir(const std::string& file, int error_status, int& status,
                                         bool mirror = false);

}  // namespace scn::driver
