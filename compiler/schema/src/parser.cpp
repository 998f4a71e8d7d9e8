#include "parser.hpp"

#include <algorithm>
#include <charconv>

#include "parse_values.hpp"
#include "scn/support/suggest.hpp"

namespace scn::schema::detail {

namespace {

constexpr std::string_view kTopLevel[] = {
    "columns", "method", "option-tag", "event-package", "content-type", "status",
    "pseudo",  "header", "paramset",   "parts-of"};
constexpr std::string_view kHeaderAttributes[] = {
    "compact", "type", "part", "alias", "param", "params", "include",
    "where",   "values", "separator", "spec"};

std::vector<std::string_view> keywords() {
  std::vector<std::string_view> all(std::begin(kTopLevel), std::end(kTopLevel));
  all.insert(all.end(), std::begin(kHeaderAttributes), std::end(kHeaderAttributes));
  return all;
}

}  // namespace

void parse_file(Builder& builder, const std::string& file, std::string_view text) {
  const auto lines = tokenize(text, file, builder.diagnostics);
  FileParser(builder, file).parse(lines);
}

SourceLoc FileParser::at(const Line& line, std::size_t token) const {
  return {file_, line.number, line.tokens[token].column};
}

SourceLoc FileParser::at_end(const Line& line) const {
  const auto& last = line.tokens.back();
  return {file_, line.number, last.column + static_cast<int>(last.text.size())};
}

void FileParser::unexpected(const Line& line, std::size_t token) {
  b_.error(at(line, token), "unexpected '" + line.tokens[token].text + "'");
}

bool FileParser::expect_count(const Line& line, std::size_t min, std::size_t max,
                              const char* usage) {
  const auto n = line.tokens.size();
  if (n < min) {
    b_.error(at_end(line), std::string("incomplete line; expected: ") + usage);
    return false;
  }
  if (n > max) {
    unexpected(line, max);
    return false;
  }
  return true;
}

std::optional<ValueType> FileParser::value_type(const Line& line, std::size_t token,
                                                bool& value_optional) {
  std::string_view name = line.tokens[token].text;
  value_optional = !name.empty() && name.back() == '?';
  if (value_optional) name.remove_suffix(1);
  const auto type = value_type_from_string(name);
  if (!type) {
    const auto names = value_type_names();
    b_.error(at(line, token),
             with_suggestion("unknown value type '" + std::string(name) + "'", name,
                             std::vector<std::string_view>(names.begin(), names.end())));
  }
  return type;
}

void FileParser::parse(const std::vector<Line>& lines) {
  for (const auto& line : lines) {
    if (top_level(line)) continue;
    switch (block_) {
      case Block::header: header_attribute(line); break;
      case Block::paramset: set_attribute(line); break;
      case Block::parts: parts_attribute(line); break;
      case Block::none: {
        const auto& word = line.tokens[0].text;
        if (std::find(std::begin(kHeaderAttributes), std::end(kHeaderAttributes), word) !=
            std::end(kHeaderAttributes))
          b_.error(at(line, 0), "'" + word + "' outside a header, paramset or parts-of block");
        else
          b_.error(at(line, 0),
                   with_suggestion("unknown directive '" + word + "'", word, keywords()));
        break;
      }
    }
  }
}

bool FileParser::top_level(const Line& line) {
  const auto& word = line.tokens[0].text;
  if (word == "columns") columns(line);
  else if (word == "method") method(line);
  else if (word == "option-tag") option_tag(line);
  else if (word == "event-package") event_package(line);
  else if (word == "content-type") content_type(line);
  else if (word == "status") status(line);
  else if (word == "pseudo") pseudo(line);
  else if (word == "header") open_header(line);
  else if (word == "paramset") open_paramset(line);
  else if (word == "parts-of") open_parts(line);
  else return false;
  const bool opens_block = word == "header" || word == "paramset" || word == "parts-of";
  if (!opens_block) block_ = Block::none;
  return true;
}

void FileParser::columns(const Line& line) {
  if (!expect_count(line, 2, line.tokens.size(), "columns METHOD...")) return;
  columns_ = std::make_shared<Columns>();
  columns_->file = file_;
  columns_->line = line.number;
  columns_->names.assign(line.tokens.begin() + 1, line.tokens.end());
  b_.columns.push_back(columns_);
}

void FileParser::method(const Line& line) {
  if (!expect_count(line, 3, 6, "method NAME ABBREV [dialog] [target-refresh] [no-response]"))
    return;
  MethodSpec m{line.tokens[1].text, line.tokens[2].text, false, false, true, at(line, 1)};
  for (std::size_t i = 3; i < line.tokens.size(); ++i) {
    const auto& flag = line.tokens[i].text;
    if (flag == "dialog") m.creates_dialog = true;
    else if (flag == "target-refresh") m.target_refresh = true;
    else if (flag == "no-response") m.has_responses = false;
    else unexpected(line, i);
  }
  b_.data.methods.push_back(std::move(m));
}

void FileParser::option_tag(const Line& line) {
  if (!expect_count(line, 2, 2, "option-tag NAME")) return;
  b_.data.option_tags.push_back({line.tokens[1].text, at(line, 1)});
}

void FileParser::event_package(const Line& line) {
  if (!expect_count(line, 2, line.tokens.size(), "event-package NAME [CONTENT-TYPE...]"))
    return;
  EventPackage p{line.tokens[1].text, {}, at(line, 1)};
  for (std::size_t i = 2; i < line.tokens.size(); ++i)
    p.content_types.push_back(line.tokens[i].text);
  b_.data.event_packages.push_back(std::move(p));
}

void FileParser::content_type(const Line& line) {
  constexpr const char* usage = "content-type TYPE/SUBTYPE [root ELEMENT]";
  if (!expect_count(line, 2, 4, usage)) return;
  const auto& name = line.tokens[1].text;
  const auto slash = name.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == name.size()) {
    b_.error(at(line, 1), "content type '" + name + "' is not TYPE/SUBTYPE");
    return;
  }
  ContentType type{name, at(line, 1), ""};
  if (line.tokens.size() > 2) {
    if (line.tokens[2].text != "root") return unexpected(line, 2);
    if (!expect_count(line, 4, 4, usage)) return;
    type.xml_root = line.tokens[3].text;
  }
  b_.data.content_types.push_back(std::move(type));
}

void FileParser::status(const Line& line) {
  if (!expect_count(line, 3, line.tokens.size(), "status CODE REASON-PHRASE")) return;
  const auto& text = line.tokens[1].text;
  int code = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), code);
  if (ec != std::errc() || end != text.data() + text.size() || code < 100 || code > 699) {
    b_.error(at(line, 1), "status code '" + text + "' is not a number in 100..699");
    return;
  }
  std::string reason;
  for (std::size_t i = 2; i < line.tokens.size(); ++i)
    reason += (i > 2 ? " " : "") + line.tokens[i].text;
  b_.data.status_codes.push_back({code, reason, at(line, 1)});
}

void FileParser::pseudo(const Line& line) {
  if (!expect_count(line, 4, 4, "pseudo NAME TYPE requests|responses|both")) return;
  bool optional_value = false;
  const auto type = value_type(line, 2, optional_value);
  if (!type) return;
  const auto& where = line.tokens[3].text;
  if (where != "requests" && where != "responses" && where != "both") {
    b_.error(at(line, 3), "expected 'requests', 'responses' or 'both', found '" + where + "'");
    return;
  }
  b_.data.pseudo_paths.push_back({line.tokens[1].text, *type, where != "responses",
                                  where != "requests", at(line, 1)});
}

void FileParser::open_header(const Line& line) {
  block_ = Block::none;
  if (!expect_count(line, 2, 2, "header NAME")) return;
  Header h;
  h.name = line.tokens[1].text;
  h.loc = at(line, 1);
  b_.data.headers.push_back(std::move(h));
  b_.header_has_type.push_back(false);
  block_ = Block::header;
  index_ = b_.data.headers.size() - 1;
}

void FileParser::open_paramset(const Line& line) {
  block_ = Block::none;
  if (!expect_count(line, 2, 2, "paramset NAME")) return;
  b_.param_sets.push_back({line.tokens[1].text, {}, at(line, 1)});
  block_ = Block::paramset;
  index_ = b_.param_sets.size() - 1;
}

void FileParser::open_parts(const Line& line) {
  block_ = Block::none;
  if (!expect_count(line, 2, 2, "parts-of VALUE-TYPE")) return;
  bool optional_value = false;
  const auto type = value_type(line, 1, optional_value);
  if (!type) return;
  b_.type_parts.push_back({*type, {}, at(line, 1)});
  block_ = Block::parts;
  index_ = b_.type_parts.size() - 1;
}

std::string with_suggestion(std::string message, std::string_view name,
                            const std::vector<std::string_view>& candidates) {
  if (auto s = support::suggest(name, std::span<const std::string_view>(candidates)))
    message += " (did you mean '" + *s + "'?)";
  return message;
}

}  // namespace scn::schema::detail
