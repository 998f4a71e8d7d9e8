// The front end: source text in, AST and diagnostics out. No ANTLR type appears here.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "scn/ast/module.h"
#include "scn/diag/diagnostic.h"

namespace scn::parse {

// Bounds that keep hostile input from exhausting the stack or the clock.
struct Limits {
  std::size_t max_bytes = 1u << 20;  // larger files are refused
  std::size_t max_depth = 64;        // nested brackets, braces and 'not' chains
  std::size_t max_errors = 50;       // per file; the rest are summarised
};

struct ParseResult {
  ast::Module module;  // as much as could be built, even with errors
  std::vector<diag::Diagnostic> diagnostics;  // sorted by position
  bool ok() const { return !diag::has_errors(diagnostics); }
};

// path is used in locations only; text is the whole file.
ParseResult parse_source(std::string path, std::string text, const Limits& limits = {});

// The file's bytes, or nothing when it cannot be read.
std::optional<std::string> read_file(const std::string& path);

}  // namespace scn::parse
