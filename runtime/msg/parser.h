// Private to the msg module: the pieces parse() and frame() are made of.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "base/base.h"
#include "msg/msg.h"

// Private: line-level scanning of a SIP header section, shared by parse() and frame().
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

// One physical line found in a single pass over its octets: where its text ends, its
// first ':' and whether a CR stands anywhere but right before the LF (a bare CR). The
// header section is scanned line by line with it (SSE2, 16 octets at a time, where the
// target has it).
struct LineScan {
  bool complete = false;                      // an LF ends the line; else the rest is the line
  std::size_t text_end = 0;                   // complete: end of the text (at the CR LF or LF)
  std::size_t next = 0;                       // complete: index after the LF
  std::size_t colon = std::string_view::npos; // first ':' of the text
  bool bare_cr = false;                       // a CR inside the text
};
}  // namespace scn::sip::detail

#include "msg/scan_line.h"

namespace scn::sip::detail {

// Whether the line at pos (inside a header section, so LF-terminated) is empty.
inline bool empty_line_at(std::string_view s, std::size_t pos) {
  return s[pos] == '\n' || (s[pos] == '\r' && pos + 1 < s.size() && s[pos + 1] == '\n');
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

// Whether text holds a SP or HTAB (find_first_of(" \t") 16 octets at a time).
inline bool has_ws(std::string_view text) { return find_any_of(text, 0, ' ', '\t', '\t') != std::string_view::npos; }

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
// header section [.., section_end), or why it is malformed (the Error has no offset).
Result<Field> read_field(std::string_view s, std::size_t pos, std::size_t section_end);

// Unfolded value of a field: trimmed pieces joined by one SP.
void append_unfolded(std::string_view s, const Field& field, std::string& out);

}  // namespace scn::sip::detail

// Private: start-line parsing for parse().
namespace scn::sip::detail {

struct StartLine {
  std::string_view method, request_uri, version, reason;
  int status = 0;  // 0 for a request
};

// Views point into `line`. Errors carry offsets relative to the line start.
Result<StartLine> parse_start_line(std::string_view line);

}  // namespace scn::sip::detail

// Private: syntax checks of the headers every SIP element relies on, run by parse().
namespace scn::sip::detail {

// Checks Via, From, To, Call-ID, CSeq, Max-Forwards and Contact when present: each
// single-valued one appears at most once, each value parses, and a request's CSeq
// method equals its method. Missing headers are not checked here (RFC 4475 3.3.1
// treats them as an application-layer matter).
Result<void> check_core_headers(const Message& message);

}  // namespace scn::sip::detail
