#include "lexer.hpp"

namespace scn::schema::detail {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// Reads one quoted token starting at text[i] == '"'; returns the index after it.
std::size_t read_quoted(std::string_view text, std::size_t i, Token& token, bool& closed) {
  ++i;
  closed = false;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '\\' && i + 1 < text.size()) {
      token.text += text[i + 1];
      i += 2;
      continue;
    }
    ++i;
    if (c == '"') {
      closed = true;
      break;
    }
    token.text += c;
  }
  return i;
}

Line tokenize_line(std::string_view text, int number, const std::string& file,
                   std::vector<Diagnostic>& diagnostics) {
  Line line{number, {}};
  std::size_t i = 0;
  while (i < text.size()) {
    if (is_space(text[i])) {
      ++i;
      continue;
    }
    if (text[i] == '#') break;
    Token token;
    token.column = static_cast<int>(i) + 1;
    if (text[i] == '"') {
      token.quoted = true;
      bool closed = false;
      i = read_quoted(text, i, token, closed);
      if (!closed)
        diagnostics.push_back({Severity::error, {file, number, token.column},
                               "unterminated quoted string"});
    } else {
      while (i < text.size() && !is_space(text[i]) && text[i] != '#') token.text += text[i++];
    }
    line.tokens.push_back(std::move(token));
  }
  return line;
}

}  // namespace

std::vector<Line> tokenize(std::string_view text, const std::string& file,
                           std::vector<Diagnostic>& diagnostics) {
  std::vector<Line> lines;
  int number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    ++number;
    Line line = tokenize_line(text.substr(start, end - start), number, file, diagnostics);
    if (!line.tokens.empty()) lines.push_back(std::move(line));
    if (end == text.size()) break;
    start = end + 1;
  }
  return lines;
}

}  // namespace scn::schema::detail
