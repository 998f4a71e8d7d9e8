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

std::size_t read_param(std::string_view text, std::size_t pos, Param& param, std::optional<Error>& error) {
  const auto fail = [&](const char* reason, std::size_t at) {
    error = make_error(reason, at);
    return std::string_view::npos;
  };
  if (text[pos] != ';') return fail("expected ';' before parameter", pos);
  pos = skip_lws(text, pos + 1);
  std::size_t end = token_end(text, pos);
  if (end == pos) return fail("empty parameter", pos);
  param.name = text.substr(pos, end - pos);
  pos = skip_lws(text, end);
  if (pos >= text.size() || text[pos] != '=') return pos;
  pos = skip_lws(text, pos + 1);
  if (pos < text.size() && text[pos] == '"') {
    const auto quoted = quoted_end(text, pos);
    if (!quoted) return fail("unterminated quoted-string in parameter value", pos);
    end = *quoted;
  } else {
    end = pos;
    while (end < text.size() && is_value_char(text[end])) ++end;
    if (end == pos) return fail("empty parameter value after '='", pos);
  }
  param.value = text.substr(pos, end - pos);
  param.has_value = true;
  return skip_lws(text, end);
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
