// Digest challenges and credentials (RFC 7616 3.3 and 3.4, RFC 3261 25.1):
//   "Digest" LWS auth-param *( "," auth-param ),  auth-param = token "=" ( token / quoted-string )
// The items are comma-separated, so base's ";name=value" parser does not fit; its quoting
// and scanning helpers do.
#include "auth/auth.h"

namespace scn::auth {

namespace {

using sip::detail::skip_lws;
using sip::detail::token_end;

}  // namespace

const AuthParam* DigestHeader::find(std::string_view name) const {
  for (const AuthParam& p : params) {
    if (sip::iequals(p.name, name)) return &p;
  }
  return nullptr;
}

std::optional<std::string> DigestHeader::get(std::string_view name) const {
  const AuthParam* p = find(name);
  if (p == nullptr) return std::nullopt;
  return p->value;
}

Result<DigestHeader> parse_digest(std::string_view value) {
  std::size_t pos = skip_lws(value, 0);
  const std::size_t scheme_end = token_end(value, pos);
  const std::string_view scheme = value.substr(pos, scheme_end - pos);
  if (scheme.empty()) return make_error("no authentication scheme", pos);
  if (!sip::iequals(scheme, "Digest"))
    return make_error("scheme " + std::string(scheme) + ", not Digest", pos);
  pos = scheme_end;
  if (pos < value.size() && !sip::detail::is_lws(value[pos]))
    return make_error("expected white space after Digest", pos);

  DigestHeader out;
  while (true) {
    pos = skip_lws(value, pos);
    if (pos == value.size()) break;
    if (value[pos] == ',') {  // an empty list element
      ++pos;
      continue;
    }
    const std::size_t name_end = token_end(value, pos);
    if (name_end == pos) return make_error("expected a parameter name", pos);
    AuthParam param;
    param.name = std::string(value.substr(pos, name_end - pos));
    if (out.find(param.name) != nullptr)
      return make_error("parameter " + param.name + " appears twice", pos);
    pos = skip_lws(value, name_end);
    if (pos == value.size() || value[pos] != '=')
      return make_error("parameter " + param.name + " has no '=' and value", pos);
    pos = skip_lws(value, pos + 1);
    if (pos < value.size() && value[pos] == '"') {
      const auto end = sip::detail::quoted_end(value, pos);
      if (!end) return make_error("unterminated quoted-string in parameter " + param.name, pos);
      param.value = sip::unquote(value.substr(pos, *end - pos));
      param.quoted = true;
      pos = *end;
    } else {
      const std::size_t end = token_end(value, pos);
      if (end == pos)
        return make_error("parameter " + param.name + ": value is neither a token nor a quoted-string",
                          pos);
      param.value = std::string(value.substr(pos, end - pos));
      pos = end;
    }
    out.params.push_back(std::move(param));
    pos = skip_lws(value, pos);
    if (pos == value.size()) break;
    if (value[pos] != ',')
      return make_error("expected ',' after parameter " + out.params.back().name, pos);
    ++pos;
  }
  if (out.params.empty()) return make_error("Digest without parameters", value.size());
  return out;
}

}  // namespace scn::auth
