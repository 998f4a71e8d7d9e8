#include "parse_values.hpp"

#include <cctype>
#include <charconv>

namespace scn::schema::detail {

namespace {

constexpr int kLowest = 100;
constexpr int kHighest = 699;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::optional<int> parse_code(std::string_view s) {
  if (s.size() != 3 || !is_digit(s[0]) || !is_digit(s[1]) || !is_digit(s[2]))
    return std::nullopt;
  int value = 0;
  std::from_chars(s.data(), s.data() + s.size(), value);
  if (value < kLowest || value > kHighest) return std::nullopt;
  return value;
}

// One status item: "180", "2xx", "18x" or "300-699".
std::optional<std::pair<int, int>> parse_status_item(std::string_view s) {
  if (const auto dash = s.find('-'); dash != std::string_view::npos) {
    const auto lo = parse_code(s.substr(0, dash));
    const auto hi = parse_code(s.substr(dash + 1));
    if (!lo || !hi || *lo > *hi) return std::nullopt;
    return std::pair{*lo, *hi};
  }
  if (s.size() == 3 && is_digit(s[0]) && s[1] == 'x' && s[2] == 'x') {
    const int lo = (s[0] - '0') * 100;
    if (lo < kLowest || lo > kHighest) return std::nullopt;
    return std::pair{lo, lo + 99};
  }
  if (s.size() == 3 && is_digit(s[0]) && is_digit(s[1]) && s[2] == 'x') {
    const int lo = (s[0] - '0') * 100 + (s[1] - '0') * 10;
    if (lo < kLowest || lo > kHighest) return std::nullopt;
    return std::pair{lo, lo + 9};
  }
  const auto code = parse_code(s);
  if (!code) return std::nullopt;
  return std::pair{*code, *code};
}

}  // namespace

std::optional<Where> parse_where(std::string_view text) {
  Where where;
  where.text = std::string(text);
  const std::pair all{kLowest, kHighest};
  if (text == "R") {
    where.requests = true;
  } else if (text == "r" || text == "rc") {
    where.statuses.push_back(all);
  } else if (text == "c" || text == "Rr") {
    where.requests = true;
    where.statuses.push_back(all);
  } else {
    std::size_t start = 0;
    while (start <= text.size()) {
      auto end = text.find(',', start);
      if (end == std::string_view::npos) end = text.size();
      const auto item = parse_status_item(text.substr(start, end - start));
      if (!item) return std::nullopt;
      where.statuses.push_back(*item);
      start = end + 1;
    }
  }
  return where;
}

ValueSet parse_value_set(const std::vector<Token>& tokens, std::size_t first) {
  ValueSet set;
  for (std::size_t i = first; i < tokens.size(); ++i) {
    if (tokens[i].text == "..." && !tokens[i].quoted && i + 1 == tokens.size()) {
      set.open = true;
      break;
    }
    set.words.push_back(tokens[i].text);
  }
  return set;
}

}  // namespace scn::schema::detail
