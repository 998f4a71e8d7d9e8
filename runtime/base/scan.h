// Private scanning helpers shared by the message-layer parsers.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

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

// First index of c at or after pos that is outside quoted-strings and <...>;
// npos when absent (an unterminated quote also yields npos).
inline std::size_t find_unquoted(std::string_view s, char c, std::size_t pos = 0) {
  bool in_angle = false;
  for (std::size_t i = pos; i < s.size(); ++i) {
    const char ch = s[i];
    if (ch == '"') {
      const auto end = quoted_end(s, i);
      if (!end) return std::string_view::npos;
      i = *end - 1;
    } else if (in_angle) {
      if (ch == '>') in_angle = false;
    } else if (ch == c) {
      return i;
    } else if (ch == '<') {
      in_angle = true;
    }
  }
  return std::string_view::npos;
}

}  // namespace scn::sip::detail
