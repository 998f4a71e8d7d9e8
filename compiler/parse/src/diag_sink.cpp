#include "diag_sink.h"

#include <algorithm>
#include <set>

namespace scn::parse {

void DiagSink::report(Stage stage, std::size_t statement, diag::Diagnostic diagnostic) {
  entries_.push_back({stage, statement, entries_.size(), std::move(diagnostic)});
}

void DiagSink::error(Stage stage, std::size_t statement, ast::SourceLoc at, std::string message) {
  report(stage, statement, {std::move(at), diag::Severity::error, std::move(message)});
}

void DiagSink::warning(Stage stage, std::size_t statement, ast::SourceLoc at,
                       std::string message) {
  report(stage, statement, {std::move(at), diag::Severity::warning, std::move(message)});
}

std::vector<diag::Diagnostic> DiagSink::raw() const {
  std::vector<diag::Diagnostic> out;
  for (const Entry& e : entries_) out.push_back(e.diagnostic);
  return out;
}

std::vector<diag::Diagnostic> DiagSink::finish(std::size_t max_errors) {
  std::vector<Entry*> order;
  for (Entry& e : entries_) order.push_back(&e);
  std::stable_sort(order.begin(), order.end(), [](const Entry* a, const Entry* b) {
    return a->stage < b->stage;
  });
  std::set<std::size_t> seen;
  std::vector<diag::Diagnostic> kept;
  for (Entry* e : order) {
    bool is_error = e->diagnostic.severity == diag::Severity::error;
    if (is_error && e->statement != no_statement && !seen.insert(e->statement).second) continue;
    kept.push_back(std::move(e->diagnostic));
  }
  entries_.clear();
  diag::sort_diagnostics(kept);
  // One error per line as well: the rest of a broken line is usually collateral damage.
  std::uint32_t last_line = 0;
  std::erase_if(kept, [&last_line](const diag::Diagnostic& d) {
    if (d.severity != diag::Severity::error) return false;
    bool repeat = d.loc.line == last_line;
    last_line = d.loc.line;
    return repeat;
  });
  std::size_t errors = 0;
  for (std::size_t i = 0; i < kept.size(); ++i) {
    if (kept[i].severity != diag::Severity::error || ++errors <= max_errors) continue;
    diag::Diagnostic last{kept[i].loc, diag::Severity::error,
                          "too many errors; stopping after " + std::to_string(max_errors)};
    kept.resize(i);
    kept.push_back(std::move(last));
    break;
  }
  return kept;
}

}  // namespace scn::parse
