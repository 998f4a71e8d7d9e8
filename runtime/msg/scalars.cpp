// Numeric header values: Content-Length, Max-Forwards, Expires, CSeq, RSeq, RAck
// (RFC 3261 20.14, 20.16, 20.19, 20.22; RFC 3262 7.1, 7.2).
#include <array>
#include <limits>

#include "base/base.h"
#include "msg/msg.h"

namespace scn::sip {

namespace {

constexpr std::uint64_t kMaxU32 = std::numeric_limits<std::uint32_t>::max();

Result<std::uint64_t> number(std::string_view text, std::uint64_t max) {
  const std::string_view v = trim(text);
  if (v.empty()) return make_error("empty value", 0);
  if (v.front() == '-') return make_error("negative value", 0);
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!is_digit(v[i])) return make_error("not a decimal number", i);
  }
  const auto n = parse_decimal(v, max);
  if (!n) return make_error("value exceeds " + std::to_string(max), 0);
  return *n;
}

// Splits "a SP b SP c" into whitespace-separated words: the first three into `out`, the
// number of all as the result (no allocation: every message's CSeq comes here).
using Words = std::array<std::string_view, 3>;
std::size_t words(std::string_view text, Words& out) {
  std::size_t count = 0;
  std::size_t pos = detail::skip_lws(text, 0);
  while (pos < text.size()) {
    std::size_t end = pos;
    while (end < text.size() && !detail::is_lws(text[end])) ++end;
    if (count < out.size()) out[count] = text.substr(pos, end - pos);
    ++count;
    pos = detail::skip_lws(text, end);
  }
  return count;
}

}  // namespace

Result<std::uint32_t> parse_uint32(std::string_view value) {
  auto n = number(value, kMaxU32);
  if (!n) return n.error();
  return static_cast<std::uint32_t>(*n);
}

Result<std::uint32_t> parse_content_length(std::string_view value) { return parse_uint32(value); }

Result<std::uint8_t> parse_max_forwards(std::string_view value) {
  auto n = number(value, 255);
  if (!n) return n.error();
  return static_cast<std::uint8_t>(*n);
}

// RFC 3261 20.19: delta-seconds; an overlarge value means "as long as possible", so it
// saturates at 2^32-1 instead of failing.
Result<std::uint32_t> parse_expires(std::string_view value) {
  auto n = number(value, kMaxU32);
  if (n) return static_cast<std::uint32_t>(*n);
  if (n.reason().rfind("value exceeds", 0) == 0) return static_cast<std::uint32_t>(kMaxU32);
  return n.error();
}

Result<std::uint32_t> parse_rseq(std::string_view value) {
  auto n = number(value, kMaxU32);
  if (!n) return n.error();
  if (*n == 0) return make_error("RSeq must be at least 1", 0);
  return static_cast<std::uint32_t>(*n);
}

Result<CSeq> parse_cseq(std::string_view value) {
  // The usual form, digits SP token, read in one pass (words() would find the same two).
  std::size_t digits = 0;
  while (digits < value.size() && is_digit(value[digits])) ++digits;
  if (digits != 0 && digits + 1 < value.size() && value[digits] == ' ' &&
      detail::token_end(value, digits + 1) == value.size()) {
    if (const auto n = parse_decimal(value.substr(0, digits), kMaxU32)) {
      return CSeq{static_cast<std::uint32_t>(*n), value.substr(digits + 1)};
    }
  }
  Words w;
  if (words(value, w) != 2) return make_error("CSeq must be a number and a method", 0);
  auto n = number(w[0], kMaxU32);
  if (!n) return make_error("sequence number: " + n.reason(), 0);
  if (!is_token(w[1])) return make_error("CSeq method is not a token", 0);
  return CSeq{static_cast<std::uint32_t>(*n), w[1]};
}

Result<RAck> parse_rack(std::string_view value) {
  Words w;
  if (words(value, w) != 3) return make_error("RAck must be response-num, CSeq-num and method", 0);
  auto rseq = parse_rseq(w[0]);
  if (!rseq) return make_error("response-num: " + rseq.reason(), 0);
  auto cseq = number(w[1], kMaxU32);
  if (!cseq) return make_error("CSeq-num: " + cseq.reason(), 0);
  if (!is_token(w[2])) return make_error("RAck method is not a token", 0);
  return RAck{*rseq, static_cast<std::uint32_t>(*cseq), w[2]};
}

}  // namespace scn::sip
