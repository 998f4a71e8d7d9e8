#include "scn/schema/diagnostic.hpp"

#include <algorithm>

namespace scn::schema {

namespace {
const char* severity_word(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
  }
  return "error";
}
}  // namespace

std::string format(const Diagnostic& d) {
  return d.loc.file + ":" + std::to_string(d.loc.line) + ":" + std::to_string(d.loc.column) +
         ": " + severity_word(d.severity) + ": " + d.message;
}

bool has_errors(const std::vector<Diagnostic>& diagnostics) noexcept {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

}  // namespace scn::schema
