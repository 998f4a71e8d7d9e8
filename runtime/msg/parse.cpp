// parse(): one SIP message from a datagram or a stream frame (RFC 3261 7, 18.3).
#include <new>

#include "msg/msg.h"
#include "msg/parser.h"

namespace scn::sip {

namespace detail {

// The only code that writes a Message's private fields.
struct MessageAccess {
  static Message build(std::shared_ptr<MessageStorage> storage, const StartLine& sl,
                       std::string_view start_line, std::vector<Header> headers,
                       std::string_view body, std::size_t trailing, bool implicit) {
    Message m;
    m.storage_ = std::move(storage);
    m.start_line_ = start_line;
    m.method_ = sl.method;
    m.request_uri_ = sl.request_uri;
    m.version_ = sl.version;
    m.reason_ = sl.reason;
    m.status_ = sl.status;
    m.headers_ = std::move(headers);
    m.body_ = body;
    m.trailing_ = trailing;
    m.implicit_length_ = implicit;
    return m;
  }
};

}  // namespace detail

namespace {

constexpr int kBadRequest = 400;
constexpr int kTooLarge = 513;

// Header fields located in the input, before anything is copied.
struct Scan {
  std::size_t start = 0;         // first octet of the start line
  detail::Line start_line;
  std::vector<detail::Field> fields;
  std::size_t body = 0;          // first body octet
  std::size_t unfolded_size = 0;
};

Result<Scan> scan_fields(std::string_view in, const Limits& limits) {
  Scan scan;
  scan.start = detail::skip_leading_crlf(in).skip;
  const auto end = detail::find_section_end(in, scan.start, limits.max_line);
  if (end.kind == detail::SectionEnd::LineTooLong) {
    return make_error("line longer than " + std::to_string(limits.max_line) + " octets", end.offset);
  }
  if (end.kind == detail::SectionEnd::Incomplete) {
    return make_error("header section not terminated by an empty line", in.size());
  }
  scan.body = end.body;
  scan.start_line = *detail::next_line(in, scan.start);
  std::size_t pos = scan.start_line.next;
  while (!detail::next_line(in, pos)->text.empty()) {
    if (in[pos] == ' ' || in[pos] == '\t') return make_error("continuation line without a header field", pos);
    if (scan.fields.size() == limits.max_headers) {
      return make_error("more than " + std::to_string(limits.max_headers) + " header fields", pos);
    }
    auto field = detail::read_field(in, pos, scan.body);
    if (!field) return make_error(field.reason(), pos);
    if (field->end - field->offset > limits.max_header_value) {
      return make_error("header field longer than " + std::to_string(limits.max_header_value) + " octets", pos);
    }
    if (field->folded) scan.unfolded_size += field->end - field->offset;
    scan.fields.push_back(*field);
    pos = field->end;
  }
  return scan;
}

struct BodyBounds {
  std::size_t end = 0;  // index after the body
  bool implicit = false;
};

Result<BodyBounds> body_bounds(std::string_view in, const Scan& scan, ParseMode mode) {
  const detail::Field* length_field = nullptr;
  for (const detail::Field& f : scan.fields) {
    if (!detail::is_content_length(f.name)) continue;
    if (length_field != nullptr) return make_error("repeated Content-Length", f.offset);
    length_field = &f;
  }
  if (length_field == nullptr) {
    if (mode == ParseMode::Stream) return make_error("missing Content-Length on a stream transport", 0);
    return BodyBounds{in.size(), true};
  }
  std::string value;
  detail::append_unfolded(in, *length_field, value);
  auto length = parse_content_length(value);
  if (!length) return make_error("Content-Length: " + length.reason(), length_field->offset);
  if (*length > in.size() - scan.body) {
    return make_error("Content-Length " + std::to_string(*length) + " exceeds the " +
                          std::to_string(in.size() - scan.body) + " body octets present",
                      length_field->offset);
  }
  return BodyBounds{scan.body + *length, false};
}

std::vector<Header> make_headers(std::string_view in, const Scan& scan, detail::MessageStorage& st) {
  std::vector<Header> headers;
  headers.reserve(scan.fields.size());
  const std::string_view bytes = st.bytes;
  for (const detail::Field& f : scan.fields) {
    const std::string_view name = bytes.substr(f.name.data() - in.data() - scan.start, f.name.size());
    std::string_view value = bytes.substr(f.first.data() - in.data() - scan.start, f.first.size());
    if (f.folded) {
      const std::size_t from = st.unfolded.size();
      detail::append_unfolded(in, f, st.unfolded);  // capacity reserved: views stay valid
      value = std::string_view(st.unfolded).substr(from);
    }
    headers.push_back(Header{name, canonical_header_name(name), value});
  }
  return headers;
}

ParseResult parse_checked(std::string_view in, ParseMode mode, const Limits& limits) {
  if (in.size() > limits.max_message) {
    Error e = make_error("message larger than " + std::to_string(limits.max_message) + " octets", limits.max_message);
    e.response_code = kTooLarge;
    return e;
  }
  auto scan = scan_fields(in, limits);
  if (!scan) return scan.error();
  auto start = detail::parse_start_line(scan->start_line.text);
  if (!start) {
    Error e = start.error();
    e.offset += scan->start;
    return e;
  }
  auto bounds = body_bounds(in, *scan, mode);
  if (!bounds) return bounds.error();

  auto storage = std::make_shared<detail::MessageStorage>();
  storage->bytes.assign(in.substr(scan->start, bounds->end - scan->start));
  storage->unfolded.reserve(scan->unfolded_size);
  const std::string_view bytes = storage->bytes;
  const std::string_view line = bytes.substr(0, scan->start_line.text.size());
  auto rebase = [&](std::string_view v) {
    return v.data() == nullptr ? v : bytes.substr(v.data() - in.data() - scan->start, v.size());
  };
  detail::StartLine sl = *start;
  sl.method = rebase(sl.method);
  sl.request_uri = rebase(sl.request_uri);
  sl.version = rebase(sl.version);
  sl.reason = rebase(sl.reason);
  std::vector<Header> headers = make_headers(in, *scan, *storage);
  const std::string_view body = bytes.substr(scan->body - scan->start);
  Message m = detail::MessageAccess::build(std::move(storage), sl, line, std::move(headers), body,
                                           in.size() - bounds->end, bounds->implicit);
  if (auto checked = detail::check_core_headers(m); !checked) return checked.error();
  return m;
}

}  // namespace

ParseResult parse(std::string_view bytes, ParseMode mode, const Limits& limits) noexcept {
  try {
    ParseResult result = parse_checked(bytes, mode, limits);
    if (!result.ok() && result.error().response_code == 0) {
      // Requests get a response code to answer with; responses are just dropped.
      const auto start = detail::skip_leading_crlf(bytes).skip;
      const bool response = bytes.size() >= start + 4 && iequals(bytes.substr(start, 4), "SIP/");
      if (!response) {
        Error e = result.error();
        e.response_code = kBadRequest;
        return e;
      }
    }
    return result;
  } catch (const std::bad_alloc&) {
    return Error{"out of memory while parsing", 0, 0};
  } catch (...) {
    return Error{"internal parser error", 0, 0};
  }
}

}  // namespace scn::sip
