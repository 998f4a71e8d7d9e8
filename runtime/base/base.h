// base: what every module of the runtime builds on. Result<T>, a value or an Error with
// a reason, and the text primitives of the SIP grammar (RFC 3261 section 25): character
// classes, quoting, generic ";name=value" parameters, and the scanning helpers the
// parsers share.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/simd.h"

// Results: how every module reports a failure (runtime/README.md, "Errors"). A fallible
// operation returns a Result: its value, or an Error with a human-readable reason (and,
// from a parser, where the input went wrong). Nothing below the C ABI throws to say that
// something failed.
namespace scn {

// Why an operation failed and, for parsers, where (offset into the text that was given).
struct Error {
  std::string reason;
  std::size_t offset = 0;
  // For a request that failed to parse: the response a UAS should send (400, 505 for
  // an unsupported version, 513 for an oversized message); 0 when the input was a
  // response (discard it) or the error is not about a whole message.
  int response_code = 0;
};

// Either a T or an Error. T must be default-constructible: on error value() returns
// an empty T instead of crashing, so a caller that forgets to check stays memory-safe.
// [[nodiscard]]: a failure is never dropped without saying so ((void) and why).
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}                     // NOLINT: implicit by design
  Result(Error error) : error_(std::move(error)), failed_(true) {}  // NOLINT: implicit by design

  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }

  const T& value() const& { return value_; }
  T& value() & { return value_; }
  T&& value() && { return std::move(value_); }
  const T& operator*() const& { return value_; }
  const T* operator->() const { return &value_; }

  const Error& error() const { return error_; }
  // The reason, or "" when ok().
  const std::string& reason() const { return error_.reason; }

 private:
  T value_{};
  Error error_{};
  bool failed_ = false;
};

// Done, or an Error: for operations without a value. `return {};` says done.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), failed_(true) {}  // NOLINT: implicit by design

  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }

  const Error& error() const { return error_; }
  // The reason, or "" when ok().
  const std::string& reason() const { return error_.reason; }

 private:
  Error error_{};
  bool failed_ = false;
};

inline Error make_error(std::string reason, std::size_t offset = 0) {
  return Error{std::move(reason), offset, 0};
}

// Appends in network byte order (big-endian): RTP packets, the captured IP packets.
inline void put16(std::vector<std::uint8_t>& out, std::uint16_t v) {
  out.push_back(static_cast<std::uint8_t>(v >> 8));
  out.push_back(static_cast<std::uint8_t>(v));
}
inline void put32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  put16(out, static_cast<std::uint16_t>(v >> 16));
  put16(out, static_cast<std::uint16_t>(v));
}

}  // namespace scn

// Small text helpers for SIP grammar work (RFC 3261 section 25 character classes).
// All ASCII-only and locale-independent.
namespace scn::sip {

// ASCII case-insensitive equality; inline since header names and params are compared
// with it for every received field.
inline bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const char x = a[i], y = b[i];
    if (x != y && ((x | 0x20) != (y | 0x20) || static_cast<unsigned char>((x | 0x20) - 'a') > 'z' - 'a')) return false;
  }
  return true;
}
std::string to_lower(std::string_view text);

// Trims SP, HTAB, CR and LF on both sides.
inline std::string_view trim(std::string_view text) {
  // One comparison passes the octets above SP, which nearly every text starts and ends with.
  auto is_space = [](char c) {
    return static_cast<unsigned char>(c) <= ' ' && (c == ' ' || c == '\t' || c == '\r' || c == '\n');
  };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}
// The words of a text separated by runs of spaces ("qos local none" -> 3 words).
std::vector<std::string> split_words(std::string_view text);
// The same words as views into `text`.
std::vector<std::string_view> word_views(std::string_view text);
// Word n (from 0) of split_words(text), without building the list; "" when it has fewer.
std::string_view nth_word(std::string_view text, std::size_t n);

// The character classes are one table lookup each: parsers call them once per octet.
namespace detail {
// kValueMark: what an unquoted param value holds besides token octets (base/params.cpp).
enum CharClass : unsigned char { kAlpha = 1, kDigit = 2, kHexLetter = 4, kTokenMark = 8, kWs = 16, kValueMark = 32 };
constexpr std::array<unsigned char, 256> make_char_classes() {
  std::array<unsigned char, 256> table{};
  for (int c = 'a'; c <= 'z'; ++c) table[c] = table[c - 'a' + 'A'] = kAlpha;
  for (int c = 'a'; c <= 'f'; ++c) table[c] = table[c - 'a' + 'A'] = kAlpha | kHexLetter;
  for (int c = '0'; c <= '9'; ++c) table[c] = kDigit;
  for (char c : std::string_view("-.!%*_+`'~")) table[static_cast<unsigned char>(c)] = kTokenMark;
  table[' '] = table['\t'] = kWs;
  for (char c : std::string_view(":[]")) table[static_cast<unsigned char>(c)] = kValueMark;
  for (int c = 0x80; c < 0x100; ++c) table[c] = kValueMark;
  return table;
}
inline constexpr std::array<unsigned char, 256> kCharClasses = make_char_classes();
constexpr bool in_class(char c, unsigned mask) { return (kCharClasses[static_cast<unsigned char>(c)] & mask) != 0; }
}  // namespace detail

constexpr bool is_alpha(char c) { return detail::in_class(c, detail::kAlpha); }
constexpr bool is_digit(char c) { return detail::in_class(c, detail::kDigit); }
constexpr bool is_hex(char c) { return detail::in_class(c, detail::kDigit | detail::kHexLetter); }
constexpr bool is_ws(char c) { return detail::in_class(c, detail::kWs); }  // SP or HTAB
// RFC 3261 token
constexpr bool is_token_char(char c) { return detail::in_class(c, detail::kAlpha | detail::kDigit | detail::kTokenMark); }
// Non-empty, all token chars.
inline bool is_token(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!is_token_char(c)) return false;
  }
  return true;
}

// Strict decimal parsing: only digits (leading zeros allowed), no sign, no spaces,
// nullopt when empty, non-numeric or above max.
std::optional<std::uint64_t> parse_decimal(std::string_view digits, std::uint64_t max);

// Contents of a quoted-string with quoted-pairs resolved. Input is the quoted form
// including the surrounding DQUOTEs; text that is not quoted is returned unchanged.
std::string unquote(std::string_view text);

// Adds DQUOTEs and escapes '"' and '\\' for use as a quoted-string.
std::string quote(std::string_view text);

}  // namespace scn::sip

// Generic ";name=value" parameter lists (RFC 3261 generic-param) as used after header
// values (To/From tag, Via branch, Contact expires, Event id, ...). Zero-copy: names and
// values are views into the text that was parsed, so that text must outlive them.
namespace scn::sip {

struct Param {
  std::string_view name;
  std::string_view value;   // as written: a quoted-string keeps its DQUOTEs
  bool has_value = false;   // false for a valueless param such as ";lr"
};

class Params {
 public:
  std::vector<Param> items;

  // Case-insensitive lookup of the first param with that name.
  const Param* find(std::string_view name) const;
  bool has(std::string_view name) const { return find(name) != nullptr; }
  // Value as written (quotes kept); nullopt when absent or valueless.
  std::optional<std::string_view> get(std::string_view name) const;
  // Value with quoted-string unquoted; nullopt when absent or valueless.
  std::optional<std::string> get_unquoted(std::string_view name) const;
  std::size_t size() const { return items.size(); }
  bool empty() const { return items.empty(); }
  // Appends; the first one makes room for four, as most lists hold a few and regrowing
  // twice cost two allocations of every Via parsed.
  void add(const Param& param) {
    if (items.empty()) items.reserve(4);
    items.push_back(param);
  }
};

// Parses "; name [= value]" repeated, starting at text (which may start with ';' or be
// empty). LWS around ';' and '=' is allowed. Empty params (";;") are an error. Values
// are tokens, quoted-strings, or host-ish text (IPv6 references in [], which is how
// Via received= and maddr= appear).
Result<Params> parse_params(std::string_view text);
// parse_params()'s verdict without building the list.
Result<void> check_params(std::string_view text);

// Serialises as ";name=value;name2" (no leading LWS).
std::string serialize(const Params& params);

}  // namespace scn::sip

// Scanning helpers the parsers share (messages, URIs in headers, template values).
namespace scn::sip::detail {

inline bool is_lws(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

inline std::size_t skip_lws(std::string_view s, std::size_t pos) {
  while (pos < s.size() && is_lws(s[pos])) ++pos;
  return pos;
}

// s[pos] is '"'. Returns the index just past the closing quote, or nullopt when the
// quoted-string is not terminated. A backslash escapes the next octet (quoted-pair).
inline std::optional<std::size_t> quoted_end(std::string_view s, std::size_t pos) {
  for (std::size_t i = pos + 1; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '"') {
      return i + 1;
    }
  }
  return std::nullopt;
}

// The first of the octets a, b, c at or after pos, npos when none: the parsers' search
// for separators in every header value. With SSE2 (every x86-64) 16 octets at a time.
inline std::size_t find_any_of(std::string_view s, std::size_t pos, char a, char b, char c) {
#if defined(__SSE2__)
  const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b), vc = _mm_set1_epi8(c);
  for (; pos < s.size(); pos += 16) {
    const std::size_t n = s.size() - pos < 16 ? s.size() - pos : 16;
    const __m128i block = load_partial(s.data() + pos, n);
    const __m128i hits = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(block, va), _mm_cmpeq_epi8(block, vb)),
                                      _mm_cmpeq_epi8(block, vc));
    if (const unsigned mask = mask_of(hits) & lanes(n); mask != 0) {
      return pos + static_cast<std::size_t>(__builtin_ctz(mask));
    }
  }
#else
  for (; pos < s.size(); ++pos) {
    if (s[pos] == a || s[pos] == b || s[pos] == c) return pos;
  }
#endif
  return std::string_view::npos;
}

// s.find(c, pos) without a call: most texts searched are a few dozen octets.
inline std::size_t find_char(std::string_view s, char c, std::size_t pos = 0) { return find_any_of(s, pos, c, c, c); }

// First index of c at or after pos that is outside quoted-strings and <...>;
// npos when absent (an unterminated quote also yields npos).
inline std::size_t find_unquoted(std::string_view s, char c, std::size_t pos = 0) {
  bool in_angle = false;
  // Jumps from one octet that matters to the next: '"' always, '>' inside <...>, c and
  // '<' outside.
  for (std::size_t i = pos;; ++i) {
    i = in_angle ? find_any_of(s, i, '"', '>', '>') : find_any_of(s, i, '"', c, '<');
    if (i == std::string_view::npos) return i;
    const char ch = s[i];
    if (ch == '"') {
      const auto end = quoted_end(s, i);
      if (!end) return std::string_view::npos;
      i = *end - 1;
    } else if (in_angle) {
      in_angle = false;  // '>'
    } else if (ch == c) {
      return i;
    } else {
      in_angle = true;  // '<'
    }
  }
}

// One "; name [= value]" at pos (a ';'), LWS after it skipped: the position after it,
// or npos with `error` set. Not a Result: it runs for every param of every received
// header, and a Result of its own per param cost as much as reading a short one.
std::size_t read_param(std::string_view text, std::size_t pos, Param& param, std::optional<Error>& error);

}  // namespace scn::sip::detail

namespace scn::sip {

// The generic-param grammar of parse_params(), handing each param to `keep`, for parsers
// that keep some or none (their verdicts then agree with parse_params()).
template <class Keep>
Result<void> read_params(std::string_view text, Keep&& keep) {
  std::optional<Error> error;
  for (std::size_t pos = detail::skip_lws(text, 0); pos < text.size();) {
    Param param;
    const std::size_t next = detail::read_param(text, pos, param, error);
    if (next == std::string_view::npos) return std::move(*error);
    keep(param);
    pos = next;
  }
  return {};
}

namespace detail {

// The end of the run of token octets from pos.
inline std::size_t token_end(std::string_view s, std::size_t pos) {
  while (pos < s.size() && is_token_char(s[pos])) ++pos;
  return pos;
}

// The usual form of header params, *(";" token ["=" token]) without LWS or quoted
// values, from pos to the end of s, each handed to `take`: false where s holds anything
// else (read_params() then judges it). What it accepts, read_params() accepts alike.
template <class Take>
bool read_plain_params(std::string_view s, std::size_t pos, Take&& take) {
  while (pos < s.size()) {
    if (s[pos] != ';') return false;
    const std::size_t name = pos + 1;
    pos = token_end(s, name);
    if (pos == name) return false;
    Param p{s.substr(name, pos - name), {}, false};
    if (pos < s.size() && s[pos] == '=') {
      const std::size_t value = pos + 1;
      pos = token_end(s, value);
      if (pos == value) return false;
      p.value = s.substr(value, pos - value);
      p.has_value = true;
    }
    take(p);
  }
  return true;
}

}  // namespace detail

}  // namespace scn::sip
