#include "literals.h"

#include <charconv>

#include "text_utils.h"

namespace scn::parse {

UnescapedString unescape_string(std::string_view raw) {
  UnescapedString out;
  std::string_view body = raw.substr(raw.empty() ? 0 : 1);
  if (raw.size() >= 2 && body.back() == '"') {
    // The closing quote is the last character unless it is escaped.
    std::size_t backslashes = 0;
    for (std::size_t i = body.size() - 1; i > 0 && body[i - 1] == '\\'; --i) ++backslashes;
    if (backslashes % 2 == 0) body.remove_suffix(1);
  }
  for (std::size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c != '\\' || i + 1 >= body.size()) {
      out.value += c;
      continue;
    }
    char next = body[++i];
    switch (next) {
      case '"': out.value += '"'; break;
      case '\\': out.value += '\\'; break;
      case 'n': out.value += '\n'; break;
      case 't': out.value += '\t'; break;
      case 'r': out.value += '\r'; break;
      default:
        if (!out.bad_escape) out.bad_escape = 1 + code_points(body.substr(0, i - 1));
        out.value += next;
    }
  }
  return out;
}

std::optional<std::int64_t> parse_int(std::string_view digits) {
  std::int64_t value = 0;
  if (digits.empty()) return std::nullopt;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc() || end != digits.data() + digits.size() || value < 0) {
    return std::nullopt;
  }
  return value;
}

SplitDuration split_duration(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  return {text.substr(0, i), text.substr(i)};
}

std::optional<ast::TimeUnit> time_unit(std::string_view unit) {
  if (unit == "ms") return ast::TimeUnit::ms;
  if (unit == "s") return ast::TimeUnit::s;
  if (unit == "min") return ast::TimeUnit::min;
  return std::nullopt;
}

std::vector<UriPiece> split_uri(std::string_view raw) {
  std::vector<UriPiece> pieces;
  std::string_view body = raw.substr(raw.empty() ? 0 : 1);
  if (!body.empty() && body.back() == '>') body.remove_suffix(1);
  std::size_t offset = 1;  // code points consumed so far, counting the '<'
  std::size_t i = 0;
  while (i < body.size()) {
    std::size_t open = body.find('{', i);
    if (open == std::string_view::npos) open = body.size();
    if (open > i) {
      std::string_view text = body.substr(i, open - i);
      pieces.push_back({false, std::string(text), offset});
      offset += code_points(text);
    }
    if (open == body.size()) break;
    std::size_t close = body.find('}', open + 1);
    if (close == std::string_view::npos) close = body.size();
    std::string_view inner = body.substr(open + 1, close - open - 1);
    pieces.push_back({true, std::string(inner), offset + 1});
    offset += code_points(inner) + 2;
    i = close + 1;
  }
  return pieces;
}

std::string regex_body(std::string_view raw) {
  std::string_view body = raw.substr(raw.empty() ? 0 : 1);
  if (body.size() >= 1 && body.back() == '/') body.remove_suffix(1);
  std::string out;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\\' && i + 1 < body.size() && body[i + 1] == '/') continue;
    out += body[i];
  }
  return out;
}

}  // namespace scn::parse
