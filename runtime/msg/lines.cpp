// Line scanning of SIP header sections (RFC 3261 7.3.1: folding, header-name ":" value).
#include "msg/parser.h"

#include "base/base.h"

namespace scn::sip::detail {

bool is_content_length(std::string_view name) {
  return (name.size() == 1 && (name[0] == 'l' || name[0] == 'L')) || iequals(name, "Content-Length");
}

SectionEnd find_section_end(std::string_view s, std::size_t pos, std::size_t max_line) {
  while (true) {
    const auto line = next_line(s, pos);
    if (!line) {
      if (s.size() - pos > max_line) return SectionEnd{SectionEnd::LineTooLong, 0, pos};
      return SectionEnd{};
    }
    if (line->text.size() > max_line) return SectionEnd{SectionEnd::LineTooLong, 0, pos};
    if (line->text.empty()) return SectionEnd{SectionEnd::Found, line->next, 0};
    pos = line->next;
  }
}

Result<Field> read_field(std::string_view s, std::size_t pos, std::size_t section_end) {
  const LineScan line = scan_line(s, pos);
  if (!line.complete || line.text_end == pos) return make_error("expected a header field");
  if (line.colon == std::string_view::npos) return make_error("header line without ':'");
  Field field;
  field.offset = pos;
  field.name = trim(s.substr(pos, line.colon - pos));
  if (!is_token(field.name)) return make_error("invalid header name");
  field.first = trim(s.substr(line.colon + 1, line.text_end - line.colon - 1));
  field.end = line.next;
  // A CR that does not end a line cannot be told apart from a broken terminator.
  bool bare_cr = line.bare_cr;
  while (field.end < section_end && (s[field.end] == ' ' || s[field.end] == '\t')) {
    const LineScan more = scan_line(s, field.end);
    if (!more.complete) break;
    field.folded = true;
    bare_cr = bare_cr || more.bare_cr;
    field.end = more.next;
  }
  if (bare_cr) return make_error("bare CR in header field");
  return field;
}

void append_unfolded(std::string_view s, const Field& field, std::string& out) {
  bool any = !field.first.empty();
  out += field.first;
  std::size_t pos = next_line(s, field.offset)->next;
  while (pos < field.end) {
    const auto line = next_line(s, pos);
    const std::string_view piece = trim(line->text);
    if (!piece.empty()) {
      if (any) out += ' ';
      out += piece;
      any = true;
    }
    pos = line->next;
  }
}

}  // namespace scn::sip::detail
