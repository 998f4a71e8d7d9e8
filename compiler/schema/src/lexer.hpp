// Splits schema text into lines of whitespace-separated tokens with their columns.
// "#" starts a comment unless inside a "quoted string".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "scn/schema/diagnostic.hpp"

namespace scn::schema::detail {

struct Token {
  std::string text;  // without the quotes when quoted
  int column = 0;    // 1-based byte column of the first character
  bool quoted = false;
};

struct Line {
  int number = 0;  // 1-based
  std::vector<Token> tokens;
};

// Lines without tokens (blank or comment-only) are left out.
std::vector<Line> tokenize(std::string_view text, const std::string& file,
                           std::vector<Diagnostic>& diagnostics);

}  // namespace scn::schema::detail
