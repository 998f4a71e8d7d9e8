// Core header checks for parse() (RFC 3261 8.1.1, 20; RFC 4475 3.1.2, 3.3.8).
#include "msg/parser.h"

namespace scn::sip::detail {

namespace {

std::size_t offset_of(const Message& m, std::string_view value) {
  const std::string_view raw = m.raw();
  const auto* p = value.data();
  if (p >= raw.data() && p <= raw.data() + raw.size()) return static_cast<std::size_t>(p - raw.data());
  return 0;
}

template <class T>
std::optional<Error> fail(const Message& m, std::string_view header, std::string_view value,
                          const Result<T>& result) {
  if (result) return std::nullopt;
  return make_error(std::string(header) + ": " + result.reason(), offset_of(m, value));
}

std::optional<Error> check_cseq(const Message& m, std::string_view value) {
  auto cseq = parse_cseq(value);
  if (auto e = fail(m, "CSeq", value, cseq)) return e;
  if (m.is_request() && cseq->method != m.method()) {
    return make_error("CSeq method " + std::string(cseq->method) + " does not match the request method",
                      offset_of(m, value));
  }
  return std::nullopt;
}

std::optional<Error> check_call_id(const Message& m, std::string_view value) {
  if (value.empty() || value.find_first_of(" \t") != std::string_view::npos) {
    return make_error("Call-ID must be one word without whitespace", offset_of(m, value));
  }
  return std::nullopt;
}

std::optional<Error> check_list(const Message& m, const Header& h) {
  const auto values = split_list(h.value);
  if (h.canonical == "Via" && values.empty()) return make_error("empty Via header", offset_of(m, h.value));
  for (std::string_view v : values) {
    if (h.canonical == "Via") {
      if (auto e = fail(m, "Via", v, parse_via(v))) return e;
    } else if (auto e = fail(m, "Contact", v, parse_contact(v))) {
      return e;
    }
  }
  return std::nullopt;
}

// Checks one header; `seen` counts the single-valued ones to catch repeats.
std::optional<Error> check_header(const Message& m, const Header& h, int (&seen)[5]) {
  static constexpr std::string_view kSingle[5] = {"Call-ID", "CSeq", "From", "To", "Max-Forwards"};
  for (int i = 0; i < 5; ++i) {
    if (h.canonical == kSingle[i] && ++seen[i] > 1) {
      return make_error("repeated " + std::string(kSingle[i]) + " header", offset_of(m, h.value));
    }
  }
  const std::string_view name = h.canonical;
  if (name == "CSeq") return check_cseq(m, h.value);
  if (name == "Call-ID") return check_call_id(m, h.value);
  if (name == "From" || name == "To") return fail(m, name, h.value, parse_name_addr(h.value));
  if (name == "Max-Forwards") return fail(m, name, h.value, parse_max_forwards(h.value));
  if (name == "Via" || name == "Contact") return check_list(m, h);
  return std::nullopt;
}

}  // namespace

std::optional<Error> check_core_headers(const Message& message) {
  int seen[5] = {};
  for (const Header& h : message.headers()) {
    if (auto e = check_header(message, h, seen)) return e;
  }
  return std::nullopt;
}

}  // namespace scn::sip::detail

namespace scn::sip {

std::optional<Error> check_required_headers(const Message& message) {
  for (std::string_view name : {"To", "From", "CSeq", "Call-ID", "Via"}) {
    if (!message.has(name)) {
      Error e = make_error("missing required header " + std::string(name), 0);
      e.response_code = message.is_request() ? 400 : 0;
      return e;
    }
  }
  return std::nullopt;
}

}  // namespace scn::sip
