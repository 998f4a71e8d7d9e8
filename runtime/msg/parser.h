// Private: line-level scanning of a SIP header section, shared by parse() and frame().
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace scn::sip::detail {

// One physical line without its terminator (CRLF, or a bare LF tolerated as one).
struct Line {
  std::string_view text;
  std::size_t next = 0;  // index after the terminator
};

// The line starting at pos, or nullopt when no LF follows (incomplete input).
inline std::optional<Line> next_line(std::string_view s, std::size_t pos) {
  const std::size_t lf = s.find('\n', pos);
  if (lf == std::string_view::npos) return std::nullopt;
  std::size_t end = lf;
  if (end > pos && s[end - 1] == '\r') --end;
  return Line{s.substr(pos, end - pos), lf + 1};
}

// Leading CRLF / LF octets (keep-alives, RFC 3261 7.5 and RFC 5626 3.5.1).
struct Leading {
  std::size_t skip = 0;
  bool ping = false;  // a CRLFCRLF was among them
};
inline Leading skip_leading_crlf(std::string_view s) {
  Leading out;
  while (true) {
    if (s.substr(out.skip, 2) == "\r\n") {
      out.skip += 2;
    } else if (s.substr(out.skip, 1) == "\n") {
      out.skip += 1;
    } else {
      break;
    }
  }
  out.ping = s.substr(0, out.skip).find("\r\n\r\n") != std::string_view::npos;
  return out;
}

// "Content-Length" or its compact form "l", any case.
bool is_content_length(std::string_view name);

// Where the header section starting at pos ends.
struct SectionEnd {
  enum Kind { Found, Incomplete, LineTooLong } kind = Incomplete;
  std::size_t body = 0;    // Found: index of the first body octet
  std::size_t offset = 0;  // LineTooLong: start of the offending line
};
SectionEnd find_section_end(std::string_view s, std::size_t pos, std::size_t max_line);

// A logical header field: "name: value" possibly spread over folded lines.
struct Field {
  std::string_view name;     // trimmed
  std::string_view first;    // value part of the first line, trimmed
  bool folded = false;
  std::size_t offset = 0;    // start of the field
  std::size_t end = 0;       // index after the field's last line terminator
};
// Reads the field starting at pos (a non-empty, non-continuation line) within the
// header section [.., section_end). Sets error to a reason when malformed.
std::optional<Field> read_field(std::string_view s, std::size_t pos, std::size_t section_end,
                                std::string& error);

// Unfolded value of a field: trimmed pieces joined by one SP.
void append_unfolded(std::string_view s, const Field& field, std::string& out);

}  // namespace scn::sip::detail
