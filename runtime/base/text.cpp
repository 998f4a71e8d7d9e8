// ASCII helpers for the SIP grammar (RFC 3261 section 25).
#include "base/base.h"

#include <string_view>

namespace scn::sip {

namespace {
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
}  // namespace

std::string to_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = lower(c);
  return out;
}

std::optional<std::uint64_t> parse_decimal(std::string_view digits, std::uint64_t max) {
  if (digits.empty()) return std::nullopt;
  // Up to 19 digits cannot overflow 64 bits: those are summed and compared with max
  // once (a division per digit cost more than the rest of a port's parsing); longer
  // runs, rare, past their leading zeros, are checked digit by digit.
  constexpr std::size_t kSafeDigits = 19;
  std::uint64_t value = 0;
  if (digits.size() <= kSafeDigits) {
    for (char c : digits) {
      if (!is_digit(c)) return std::nullopt;
      value = value * 10 + static_cast<std::uint64_t>(c - '0');
    }
    if (value > max) return std::nullopt;
    return value;
  }
  for (char c : digits) {
    if (!is_digit(c)) return std::nullopt;
    const auto d = static_cast<std::uint64_t>(c - '0');
    if (d > max) return std::nullopt;
    if (value > (max - d) / 10) return std::nullopt;  // would exceed max
    value = value * 10 + d;
  }
  return value;
}

std::string unquote(std::string_view text) {
  if (text.size() < 2 || text.front() != '"' || text.back() != '"') return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {
    if (text[i] == '\\' && i + 2 < text.size()) ++i;  // quoted-pair
    out.push_back(text[i]);
  }
  return out;
}

std::string quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

namespace {

// The next word from `at` ("" at the end); `at` moves past it.
std::string_view next_word(std::string_view text, std::size_t& at) {
  while (at < text.size() && text[at] == ' ') ++at;
  const std::size_t start = at;
  while (at < text.size() && text[at] != ' ') ++at;
  return text.substr(start, at - start);
}

}  // namespace

std::vector<std::string_view> word_views(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t at = 0;
  for (std::string_view word = next_word(text, at); !word.empty(); word = next_word(text, at))
    out.push_back(word);
  return out;
}

std::vector<std::string> split_words(std::string_view text) {
  const std::vector<std::string_view> words = word_views(text);
  return {words.begin(), words.end()};
}

std::string_view nth_word(std::string_view text, std::size_t n) {
  std::size_t at = 0;
  std::string_view word = next_word(text, at);
  for (std::size_t i = 0; i < n && !word.empty(); ++i) word = next_word(text, at);
  return word;
}

}  // namespace scn::sip
