#include "text_utils.h"

namespace scn::parse {

namespace {

unsigned char byte_at(std::string_view text, std::size_t i) {
  return static_cast<unsigned char>(text[i]);
}

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Length of the valid sequence starting at i, or 0.
std::size_t sequence_length(std::string_view text, std::size_t i) {
  unsigned char c = byte_at(text, i);
  if (c < 0x80) return 1;
  std::size_t len = 0;
  std::uint32_t min = 0, cp = 0;
  if ((c & 0xE0) == 0xC0) { len = 2; min = 0x80; cp = c & 0x1F; }
  else if ((c & 0xF0) == 0xE0) { len = 3; min = 0x800; cp = c & 0x0F; }
  else if ((c & 0xF8) == 0xF0) { len = 4; min = 0x10000; cp = c & 0x07; }
  else return 0;
  if (i + len > text.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    unsigned char cc = byte_at(text, i + k);
    if (!is_continuation(cc)) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

}  // namespace

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len = sequence_length(text, i);
    if (len == 0) return i;
    i += len;
  }
  return std::nullopt;
}

LineCol line_col_at(std::string_view text, std::size_t offset) {
  LineCol at;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    unsigned char c = byte_at(text, i);
    if (c == '\n') {
      ++at.line;
      at.col = 1;
    } else if (!is_continuation(c)) {
      ++at.col;
    }
  }
  return at;
}

std::size_t code_points(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += is_continuation(static_cast<unsigned char>(c)) ? 0 : 1;
  return n;
}

}  // namespace scn::parse
