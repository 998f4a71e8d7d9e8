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

// Inline: it runs for every checked value, nearly always to say that all is well.
template <class T>
[[gnu::always_inline]] inline Result<void> fail(const Message& m, std::string_view header, std::string_view value,
                                                const Result<T>& result) {
  if (result) return {};
  return make_error(std::string(header) + ": " + result.reason(), offset_of(m, value));
}

Result<void> check_cseq(const Message& m, std::string_view value) {
  auto cseq = parse_cseq(value);
  if (auto checked = fail(m, "CSeq", value, cseq); !checked) return checked;
  if (m.is_request() && cseq->method != m.method()) {
    return make_error("CSeq method " + std::string(cseq->method) + " does not match the request method",
                      offset_of(m, value));
  }
  return {};
}

Result<void> check_call_id(const Message& m, std::string_view value) {
  if (value.empty() || has_ws(value)) {
    return make_error("Call-ID must be one word without whitespace", offset_of(m, value));
  }
  return {};
}

// Checks each element split_list() would give, without building that list.
Result<void> check_list(const Message& m, const Header& h) {
  const bool via = h.canonical == "Via";
  bool any = false;
  for (std::size_t start = 0; start <= h.value.size();) {
    std::size_t comma = find_unquoted(h.value, ',', start);
    if (comma == std::string_view::npos) comma = h.value.size();
    const std::string_view v = trim(h.value.substr(start, comma - start));
    start = comma + 1;
    if (v.empty()) continue;
    any = true;
    auto checked = via ? fail(m, "Via", v, check_via(v)) : fail(m, "Contact", v, check_contact(v));
    if (!checked) return checked;
  }
  if (via && !any) return make_error("empty Via header", offset_of(m, h.value));
  return {};
}

// The headers parse() checks. Known names arrive in the schema's spelling (Header::
// canonical), so an exact comparison finds them.
enum class Core { None, CallId, CSeq, From, To, MaxForwards, Via, Contact };
constexpr int kSingleValued = 5;  // CallId .. MaxForwards: at most one field each
constexpr std::string_view kSingleNames[kSingleValued] = {"Call-ID", "CSeq", "From", "To", "Max-Forwards"};

Core core_kind(std::string_view name) {
  switch (name.size()) {
    case 2: return name == "To" ? Core::To : Core::None;
    case 3: return name == "Via" ? Core::Via : Core::None;
    case 4: return name == "From" ? Core::From : name == "CSeq" ? Core::CSeq : Core::None;
    case 7: return name == "Call-ID" ? Core::CallId : name == "Contact" ? Core::Contact : Core::None;
    case 12: return name == "Max-Forwards" ? Core::MaxForwards : Core::None;
    default: return Core::None;
  }
}

// Checks one header; `seen` counts the single-valued ones to catch repeats.
Result<void> check_header(const Message& m, const Header& h, int (&seen)[kSingleValued]) {
  const Core kind = core_kind(h.canonical);
  if (kind == Core::None) return {};
  if (const int single = static_cast<int>(kind) - 1; single < kSingleValued && ++seen[single] > 1) {
    return make_error("repeated " + std::string(kSingleNames[single]) + " header", offset_of(m, h.value));
  }
  switch (kind) {
    case Core::CSeq: return check_cseq(m, h.value);
    case Core::CallId: return check_call_id(m, h.value);
    case Core::From:
    case Core::To: return fail(m, h.canonical, h.value, check_name_addr(h.value));
    case Core::MaxForwards: return fail(m, h.canonical, h.value, parse_max_forwards(h.value));
    case Core::Via:
    case Core::Contact: return check_list(m, h);
    case Core::None: break;
  }
  return {};
}

}  // namespace

Result<void> check_core_headers(const Message& message) {
  int seen[kSingleValued] = {};
  for (const Header& h : message.headers()) {
    if (auto checked = check_header(message, h, seen); !checked) return checked;
  }
  return {};
}

}  // namespace scn::sip::detail

namespace scn::sip {

Result<void> check_required_headers(const Message& message) {
  for (std::string_view name : {"To", "From", "CSeq", "Call-ID", "Via"}) {
    if (!message.has(name)) {
      Error e = make_error("missing required header " + std::string(name), 0);
      e.response_code = message.is_request() ? 400 : 0;
      return e;
    }
  }
  return {};
}

}  // namespace scn::sip
