// Core header checks for parse() (RFC 3261 8.1.1, 20; RFC 4475 3.1.2, 3.3.8).
#include "msg_check.h"

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

std::optional<Error> check_single(const Message& m) {
  for (std::string_view name : {"Call-ID", "CSeq", "From", "To", "Max-Forwards"}) {
    if (m.count(name) > 1) return make_error("repeated " + std::string(name) + " header", 0);
  }
  return std::nullopt;
}

std::optional<Error> check_cseq(const Message& m) {
  const Header* h = m.find("CSeq");
  if (h == nullptr) return std::nullopt;
  auto cseq = parse_cseq(h->value);
  if (auto e = fail(m, "CSeq", h->value, cseq)) return e;
  if (m.is_request() && cseq->method != m.method()) {
    return make_error("CSeq method " + std::string(cseq->method) + " does not match the request method",
                      offset_of(m, h->value));
  }
  return std::nullopt;
}

std::optional<Error> check_call_id(const Message& m) {
  const Header* h = m.find("Call-ID");
  if (h == nullptr) return std::nullopt;
  if (h->value.empty() || h->value.find_first_of(" \t") != std::string_view::npos) {
    return make_error("Call-ID must be one word without whitespace", offset_of(m, h->value));
  }
  return std::nullopt;
}

std::optional<Error> check_addresses(const Message& m) {
  for (std::string_view name : {"From", "To"}) {
    const Header* h = m.find(name);
    if (h == nullptr) continue;
    if (auto e = fail(m, name, h->value, parse_name_addr(h->value))) return e;
  }
  for (std::string_view v : m.values("Contact")) {
    if (auto e = fail(m, "Contact", v, parse_contact(v))) return e;
  }
  return std::nullopt;
}

std::optional<Error> check_via_and_hops(const Message& m) {
  for (const Header* h : m.find_all("Via")) {
    if (split_list(h->value).empty()) return make_error("empty Via header", offset_of(m, h->value));
  }
  for (std::string_view v : m.values("Via")) {
    if (auto e = fail(m, "Via", v, parse_via(v))) return e;
  }
  if (const Header* h = m.find("Max-Forwards")) {
    if (auto e = fail(m, "Max-Forwards", h->value, parse_max_forwards(h->value))) return e;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Error> check_core_headers(const Message& message) {
  if (auto e = check_single(message)) return e;
  if (auto e = check_cseq(message)) return e;
  if (auto e = check_call_id(message)) return e;
  if (auto e = check_addresses(message)) return e;
  return check_via_and_hops(message);
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
