// Stream framing (RFC 3261 18.3): a message ends Content-Length octets after the blank
// line; Content-Length is mandatory on streams.
#include <new>

#include "msg/msg.h"
#include "msg/parser.h"

namespace scn::sip {

namespace {

FrameResult failed(FrameResult r, std::string reason) {
  r.status = FrameStatus::Error;
  r.reason = std::move(reason);
  return r;
}

// Content-Length of the header section [start, body) or a reason why there is none.
Result<std::uint32_t> content_length(std::string_view s, std::size_t start, std::size_t body) {
  const auto first = detail::next_line(s, start);
  std::size_t pos = first->next;
  std::optional<std::uint32_t> length;
  while (!detail::empty_line_at(s, pos)) {
    const auto field = detail::read_field(s, pos, body);
    if (!field) return make_error(field.reason(), pos);
    if (detail::is_content_length(field->name)) {
      if (length) return make_error("repeated Content-Length", pos);
      std::string value;
      detail::append_unfolded(s, *field, value);
      auto n = parse_content_length(value);
      if (!n) return make_error("Content-Length: " + n.reason(), pos);
      length = *n;
    }
    pos = field->end;
  }
  if (!length) return make_error("missing Content-Length on a stream transport", start);
  return *length;
}

FrameResult frame_checked(std::string_view s, const Limits& limits) {
  FrameResult r;
  const auto lead = detail::skip_leading_crlf(s);
  r.skip = lead.skip;
  r.ping = lead.ping;
  const auto end = detail::find_section_end(s, lead.skip, limits.max_line);
  if (end.kind == detail::SectionEnd::LineTooLong) {
    return failed(r, "line longer than " + std::to_string(limits.max_line) + " octets");
  }
  if (end.kind == detail::SectionEnd::Incomplete) {
    if (s.size() - lead.skip > limits.max_message) return failed(r, "header section larger than the message limit");
    return r;
  }
  auto length = content_length(s, lead.skip, end.body);
  if (!length) return failed(r, length.reason());
  const std::uint64_t total = static_cast<std::uint64_t>(end.body - lead.skip) + *length;
  if (total > limits.max_message) {
    return failed(r, "message of " + std::to_string(total) + " octets exceeds the limit of " +
                         std::to_string(limits.max_message));
  }
  if (s.size() - lead.skip < total) return r;
  r.status = FrameStatus::Complete;
  r.length = static_cast<std::size_t>(total);
  return r;
}

}  // namespace

FrameResult frame(std::string_view stream, const Limits& limits) noexcept {
  try {
    return frame_checked(stream, limits);
  } catch (...) {
    FrameResult r;
    r.status = FrameStatus::Error;
    return r;  // reason left empty: building a string may be what failed
  }
}

}  // namespace scn::sip
