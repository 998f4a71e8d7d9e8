// A problem found while loading schema files, located like the compiler's diagnostics.
#pragma once

#include <string>
#include <vector>

namespace scn::schema {

struct SourceLoc {
  std::string file;
  int line = 0;    // 1-based
  int column = 0;  // 1-based
};

enum class Severity { error, warning, note };

struct Diagnostic {
  Severity severity = Severity::error;
  SourceLoc loc;
  std::string message;
};

// "FILE:LINE:COL: error: MESSAGE", the format of `scn check`.
std::string format(const Diagnostic& d);
bool has_errors(const std::vector<Diagnostic>& diagnostics) noexcept;

}  // namespace scn::schema
