#include "scn/diag/render.h"

#include <cstdint>

namespace scn::diag {

std::string_view source_line(std::string_view text, std::uint32_t line) {
  if (line == 0) return {};
  std::size_t start = 0;
  for (std::uint32_t n = 1; n < line; ++n) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) return {};
    start = nl + 1;
  }
  std::size_t end = text.find('\n', start);
  std::string_view result = text.substr(start, end == std::string_view::npos ? end : end - start);
  if (!result.empty() && result.back() == '\r') result.remove_suffix(1);
  return result;
}

namespace {
// UTF-8 continuation bytes do not start a code point.
bool starts_code_point(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }
}  // namespace

std::string caret_line(std::string_view line, std::uint32_t col) {
  std::string caret;
  std::uint32_t current = 1;
  for (char c : line) {
    if (!starts_code_point(c)) continue;
    if (current >= col) break;
    caret += c == '\t' ? '\t' : ' ';
    ++current;
  }
  // A column past the end of the line (end of file, missing token) still gets spaces.
  for (; current < col; ++current) caret += ' ';
  caret += '^';
  return caret;
}

std::string render(const Diagnostic& d) {
  std::string out = d.loc.path() + ":" + std::to_string(d.loc.line) + ":" +
                    std::to_string(d.loc.col) + ": " + severity_word(d.severity) + ": " +
                    d.message + "\n";
  if (!d.loc.file || d.loc.line == 0) return out;
  std::string_view line = source_line(d.loc.file->text, d.loc.line);
  out.append(line);
  out += '\n';
  out += caret_line(line, d.loc.col);
  out += '\n';
  return out;
}

}  // namespace scn::diag
