// Attribute lines of header, paramset and parts-of blocks.
#include <algorithm>

#include "parse_values.hpp"
#include "parser.hpp"

namespace scn::schema::detail {

void FileParser::header_attribute(const Line& line) {
  Header& h = b_.data.headers[index_];
  const auto& word = line.tokens[0].text;
  if (word == "compact") header_compact(line, h);
  else if (word == "type") header_type(line, h);
  else if (word == "where") header_where(line);
  else if (word == "params") header_params(line, h);
  else if (word == "separator") header_separator(line, h);
  else if (word == "values") h.values = parse_value_set(line.tokens, 1);
  else if (word == "include") {
    if (expect_count(line, 2, 2, "include PARAMSET"))
      b_.set_uses.push_back({index_, line.tokens[1].text, at(line, 1)});
  } else if (word == "spec") {
    h.spec.clear();
    for (std::size_t i = 1; i < line.tokens.size(); ++i)
      h.spec += (i > 1 ? " " : "") + line.tokens[i].text;
  } else if (word == "param") {
    if (auto p = param(line)) h.params.push_back(std::move(*p));
  } else if (word == "part") {
    if (auto p = part(line)) h.parts.push_back(std::move(*p));
  } else if (word == "alias") {
    if (auto p = alias(line)) h.parts.push_back(std::move(*p));
  } else {
    b_.error(at(line, 0), with_suggestion("unknown header attribute '" + word + "'", word,
                                          {"compact", "type", "where", "params", "separator",
                                           "values", "include", "spec", "param", "part",
                                           "alias"}));
  }
}

void FileParser::header_compact(const Line& line, Header& h) {
  if (!expect_count(line, 2, 2, "compact LETTER")) return;
  const auto& letter = line.tokens[1].text;
  if (letter.size() != 1) {
    b_.error(at(line, 1), "a compact form is a single letter, found '" + letter + "'");
    return;
  }
  h.compact = letter;
}

void FileParser::header_type(const Line& line, Header& h) {
  if (!expect_count(line, 2, 3, "type VALUE-TYPE [single|list|multi]")) return;
  if (b_.header_has_type[index_]) {
    b_.error(at(line, 0), "header '" + h.name + "' already has a type");
    return;
  }
  b_.header_has_type[index_] = true;  // even if wrong: no second error for a missing type
  bool optional_value = false;
  const auto type = value_type(line, 1, optional_value);
  if (!type) return;
  if (optional_value) b_.error(at(line, 1), "a header value type cannot end in '?'");
  h.type = *type;
  if (line.tokens.size() < 3) return;
  const auto& card = line.tokens[2].text;
  if (card == "single") h.cardinality = Cardinality::single;
  else if (card == "list") h.cardinality = Cardinality::list;
  else if (card == "multi") h.cardinality = Cardinality::multi;
  else b_.error(at(line, 2), "expected 'single', 'list' or 'multi', found '" + card + "'");
}

void FileParser::header_params(const Line& line, Header& h) {
  if (!expect_count(line, 2, 2, "params open|closed")) return;
  const auto& policy = line.tokens[1].text;
  if (policy == "open") h.param_policy = ParamPolicy::open;
  else if (policy == "closed") h.param_policy = ParamPolicy::closed;
  else b_.error(at(line, 1), "expected 'open' or 'closed', found '" + policy + "'");
}

void FileParser::header_separator(const Line& line, Header& h) {
  if (!expect_count(line, 2, 2, "separator ,|;")) return;
  const auto& sep = line.tokens[1].text;
  if (sep != "," && sep != ";") {
    b_.error(at(line, 1), "expected ',' or ';', found '" + sep + "'");
    return;
  }
  h.separator = sep[0];
}

void FileParser::header_where(const Line& line) {
  if (!columns_) {
    b_.error(at(line, 0), "'where' before any 'columns' line in this file");
    return;
  }
  if (!expect_count(line, 2, line.tokens.size(), "where WHERE PRESENCE...")) return;
  auto where = parse_where(line.tokens[1].text);
  if (!where) {
    b_.error(at(line, 1), "bad where '" + line.tokens[1].text +
                              "'; expected R, r, rc, c, Rr or status codes like 180, 2xx, "
                              "18x, 300-699 joined by ','");
    return;
  }
  const std::size_t want = columns_->names.size();
  const std::size_t have = line.tokens.size() - 2;
  if (have != want) {
    const auto loc = have > want ? at(line, 2 + want) : at_end(line);
    b_.error(loc, "expected " + std::to_string(want) + " presence values (one per column), found " +
                      std::to_string(have));
    return;
  }
  PendingRule pending{index_, {std::move(*where), {}, at(line, 0)}, {}, columns_};
  for (std::size_t i = 2; i < line.tokens.size(); ++i) {
    const auto p = presence_from_code(line.tokens[i].text);
    if (!p) {
      b_.error(at(line, i), "bad presence '" + line.tokens[i].text +
                                "'; expected m, m*, o, c, t, * or -");
      return;
    }
    pending.values.push_back(*p);
  }
  b_.rules.push_back(std::move(pending));
}

// "param|part NAME TYPE[?] [values WORD... [...]]": the fields both kinds share.
template <class Spec>
std::optional<Spec> FileParser::typed_entry(const Line& line, const char* usage,
                                            bool& value_optional) {
  if (!expect_count(line, 3, line.tokens.size(), usage)) return std::nullopt;
  Spec p;
  p.name = line.tokens[1].text;
  p.loc = at(line, 1);
  const auto type = value_type(line, 2, value_optional);
  if (!type) return std::nullopt;
  p.type = *type;
  if (line.tokens.size() > 3) {
    if (line.tokens[3].text != "values") {
      unexpected(line, 3);
      return std::nullopt;
    }
    p.values = parse_value_set(line.tokens, 4);
  }
  return p;
}

std::optional<ParamSpec> FileParser::param(const Line& line) {
  bool value_optional = false;
  auto p = typed_entry<ParamSpec>(line, "param NAME TYPE[?] [values WORD... [...]]",
                                  value_optional);
  if (p) p->value_optional = value_optional;
  return p;
}

std::optional<PartSpec> FileParser::part(const Line& line) {
  bool value_optional = false;  // not meaningful for a part
  return typed_entry<PartSpec>(line, "part NAME TYPE [values WORD... [...]]", value_optional);
}

std::optional<PartSpec> FileParser::alias(const Line& line) {
  if (!expect_count(line, 3, 3, "alias NAME PART")) return std::nullopt;
  PartSpec p;
  p.name = line.tokens[1].text;
  p.alias_of = line.tokens[2].text;
  p.loc = at(line, 1);
  return p;
}

void FileParser::set_attribute(const Line& line) {
  if (line.tokens[0].text != "param") {
    b_.error(at(line, 0), "a paramset holds only 'param' lines, found '" +
                              line.tokens[0].text + "'");
    return;
  }
  if (auto p = param(line)) b_.param_sets[index_].params.push_back(std::move(*p));
}

void FileParser::parts_attribute(const Line& line) {
  const auto& word = line.tokens[0].text;
  std::optional<PartSpec> p;
  if (word == "part") p = part(line);
  else if (word == "alias") p = alias(line);
  else b_.error(at(line, 0), "a parts-of block holds only 'part' and 'alias' lines, found '" +
                                 word + "'");
  if (p) b_.type_parts[index_].parts.push_back(std::move(*p));
}

}  // namespace scn::schema::detail
