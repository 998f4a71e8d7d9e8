// generic-param lists: *( SEMI generic-param ), RFC 3261 section 25.1.
#include "base/base.h"


namespace scn::sip {

namespace {

// Characters allowed in an unquoted value: token chars plus what hosts and IPv6
// addresses need (Via received=2001:db8::9 is written without [] in the wild) and
// UTF-8 in extension params (octets from 0x80): one class lookup (kValueMark).
bool is_value_char(char c) {
  return detail::in_class(c, detail::kAlpha | detail::kDigit | detail::kTokenMark | detail::kValueMark);
}

// Parses the value at pos; returns the index after it or an error.
Result<std::size_t> value_end(std::string_view text, std::size_t pos) {
  if (pos < text.size() && text[pos] == '"') {
    const auto end = detail::quoted_end(text, pos);
    if (!end) return make_error("unterminated quoted-string in parameter value", pos);
    return *end;
  }
  std::size_t end = pos;
  while (end < text.size() && is_value_char(text[end])) ++end;
  if (end == pos) return make_error("empty parameter value after '='", pos);
  return end;
}

}  // namespace

const Param* Params::find(std::string_view name) const {
  for (const Param& p : items) {
    if (iequals(p.name, name)) return &p;
  }
  return nullptr;
}

std::optional<std::string_view> Params::get(std::string_view name) const {
  const Param* p = find(name);
  if (p == nullptr || !p->has_value) return std::nullopt;
  return p->value;
}

std::optional<std::string> Params::get_unquoted(std::string_view name) const {
  auto v = get(name);
  if (!v) return std::nullopt;
  return unquote(*v);
}

namespace detail {

Result<std::size_t> read_param(std::string_view text, std::size_t pos, Param& param) {
  if (text[pos] != ';') return make_error("expected ';' before parameter", pos);
  pos = skip_lws(text, pos + 1);
  std::size_t name_end = pos;
  while (name_end < text.size() && is_token_char(text[name_end])) ++name_end;
  if (name_end == pos) return make_error("empty parameter", pos);
  param = Param{text.substr(pos, name_end - pos), {}, false};
  pos = skip_lws(text, name_end);
  if (pos < text.size() && text[pos] == '=') {
    pos = skip_lws(text, pos + 1);
    auto end = value_end(text, pos);
    if (!end) return end.error();
    param.value = text.substr(pos, *end - pos);
    param.has_value = true;
    pos = skip_lws(text, *end);
  }
  return pos;
}

}  // namespace detail

Result<Params> parse_params(std::string_view text) {
  Params out;
  auto read = read_params(text, [&](const Param& p) { out.add(p); });
  if (!read) return read.error();
  return out;
}

Result<void> check_params(std::string_view text) {
  return read_params(text, [](const Param&) {});
}

std::string serialize(const Params& params) {
  std::string out;
  for (const Param& p : params.items) {
    out += ';';
    out += p.name;
    if (p.has_value) {
      out += '=';
      out += p.value;
    }
  }
  return out;
}

}  // namespace scn::sip
