#include "scn/diag/diagnostic.h"

#include <algorithm>
#include <tuple>

namespace scn::diag {

const char* severity_word(Severity severity) {
  return severity == Severity::warning ? "warning" : "error";
}

bool has_errors(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

namespace {
auto key(const Diagnostic& d) {
  return std::make_tuple(std::cref(d.loc.path()), d.loc.line, d.loc.col);
}
}  // namespace

void sort_diagnostics(std::vector<Diagnostic>& diagnostics) {
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
  auto same = [](const Diagnostic& a, const Diagnostic& b) {
    return key(a) == key(b) && a.severity == b.severity && a.message == b.message;
  };
  diagnostics.erase(std::unique(diagnostics.begin(), diagnostics.end(), same),
                    diagnostics.end());
}

}  // namespace scn::diag
