// Collects the diagnostics of one file. Each problem names the statement it belongs to;
// only the first problem of a statement is kept (by stage, then by order), so one
// mistake does not produce a cascade of errors.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "scn/ast/source_loc.h"
#include "scn/diag/diagnostic.h"

namespace scn::parse {

// Which pass found a problem; earlier passes explain the root cause better.
enum class Stage { lexer = 0, parser = 1, transformer = 2 };

class DiagSink {
public:
  static constexpr std::size_t no_statement = std::numeric_limits<std::size_t>::max();

  explicit DiagSink(std::shared_ptr<const ast::SourceFile> file) : file_(std::move(file)) {}

  ast::SourceLoc loc(std::uint32_t line, std::uint32_t col) const { return {file_, line, col}; }
  const std::shared_ptr<const ast::SourceFile>& file() const { return file_; }

  void report(Stage stage, std::size_t statement, diag::Diagnostic diagnostic);
  void error(Stage stage, std::size_t statement, ast::SourceLoc at, std::string message);
  void warning(Stage stage, std::size_t statement, ast::SourceLoc at, std::string message);
  bool empty() const { return entries_.empty(); }
  std::size_t size() const { return entries_.size(); }

  // Applies the one-per-statement rule, sorts by position, caps at max_errors.
  std::vector<diag::Diagnostic> finish(std::size_t max_errors);

  // Entries as reported (for forwarding a nested parse into its enclosing statement).
  std::vector<diag::Diagnostic> raw() const;

private:
  struct Entry {
    Stage stage;
    std::size_t statement;
    std::size_t order;
    diag::Diagnostic diagnostic;
  };
  std::shared_ptr<const ast::SourceFile> file_;
  std::vector<Entry> entries_;
};

}  // namespace scn::parse
