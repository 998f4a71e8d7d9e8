// Renders a diagnostic as the compiler prints it:
//
//   FILE:LINE:COL: error: MESSAGE
//   the source line
//        ^
//
// The caret line copies the tabs of the source line so that the caret lines up.
#pragma once

#include <string>
#include <string_view>

#include "scn/diag/diagnostic.h"

namespace scn::diag {

std::string render(const Diagnostic& diagnostic);

// The 1-based line of text (without its line break), or "" when out of range.
std::string_view source_line(std::string_view text, std::uint32_t line);
// Spaces (and the line's own tabs) up to 1-based code-point column col, then '^'.
std::string caret_line(std::string_view line, std::uint32_t col);

}  // namespace scn::diag
