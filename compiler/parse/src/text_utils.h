// Byte-level helpers for source text: UTF-8 validation and code-point columns.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace scn::parse {

// Offset of the first byte that is not valid UTF-8 (RFC 3629: no overlongs, no
// surrogates, nothing above U+10FFFF), or nothing when the whole text is valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

struct LineCol {
  std::uint32_t line = 1;
  std::uint32_t col = 1;  // code points, 1-based
};
// Line and column of a byte offset, counting columns in code points.
LineCol line_col_at(std::string_view text, std::size_t offset);

// Number of code points in valid UTF-8 text.
std::size_t code_points(std::string_view text);

}  // namespace scn::parse
