// Collects the checker's diagnostics. Messages are written for a test engineer: they
// name the step, header or value concerned and, where possible, say what to write.
#pragma once

#include <string>
#include <vector>

#include "scn/ast/source_loc.h"
#include "scn/diag/diagnostic.h"

namespace scn::check {

class Reporter {
 public:
  explicit Reporter(std::vector<diag::Diagnostic>& out) : out_(out) {}

  void error(const ast::SourceLoc& loc, std::string message) {
    out_.push_back({loc, diag::Severity::error, std::move(message)});
  }
  void warning(const ast::SourceLoc& loc, std::string message) {
    out_.push_back({loc, diag::Severity::warning, std::move(message)});
  }

 private:
  std::vector<diag::Diagnostic>& out_;
};

// "; did you mean 'X'?" or "" when there is nothing close.
std::string did_you_mean(const std::string& name, const std::vector<std::string>& candidates,
                         const char* quote = "'");

}  // namespace scn::check
