// URI parsing: sip/sips (RFC 3261 19.1.1, 25.1), tel (RFC 3966), other absolute URIs
// (RFC 3986 3.1) kept opaque. Escapes are decoded exactly once, here.
#include <array>
#include <string>

#include "base/base.h"
#include "uri/uri.h"

namespace scn::sip {

namespace {

// The octets one URI component may hold unescaped: unreserved plus its extras, as a
// table, since every octet of every URI of a message is checked against one.
struct CharSet {
  std::array<bool, 256> allowed{};
  bool has(char c) const { return allowed[static_cast<unsigned char>(c)]; }
};
constexpr CharSet char_set(std::string_view extra) {
  CharSet set;
  for (int c = 0; c < 256; ++c) set.allowed[c] = is_alpha(static_cast<char>(c)) || is_digit(static_cast<char>(c));
  for (char c : std::string_view("-_.!~*'()")) set.allowed[static_cast<unsigned char>(c)] = true;
  for (char c : extra) set.allowed[static_cast<unsigned char>(c)] = true;
  return set;
}
constexpr CharSet kUserChars = char_set("&=+$,;?/%");
constexpr CharSet kPasswordChars = char_set("&=+$,%");
constexpr CharSet kParamChars = char_set("[]/:&+$%");
constexpr CharSet kHeaderChars = char_set("[]/?:+$%");
constexpr CharSet kTelChars = char_set("*#+-.()%");
// What may stand anywhere in a URI: visible ASCII but the delimiters around one.
constexpr CharSet uri_chars() {
  CharSet set;
  for (int c = 0x21; c < 0x7f; ++c) set.allowed[c] = c != '<' && c != '>' && c != '"';
  return set;
}
constexpr CharSet kUriChars = uri_chars();

// s.find_first_of(set, pos) without a memchr call per octet: URI delimiters are searched
// in every URI of every message.
std::size_t find_any(std::string_view s, std::string_view set, std::size_t pos = 0) {
  for (; pos < s.size(); ++pos) {
    for (char c : set) {
      if (s[pos] == c) return pos;
    }
  }
  return std::string_view::npos;
}

// Checks the characters of one component and decodes its escapes.
Result<std::string> component(std::string_view text, const CharSet& chars, const char* what,
                              std::size_t offset) {
  bool escaped = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!chars.has(text[i])) return make_error(std::string("invalid character in URI ") + what, offset + i);
    escaped |= text[i] == '%';
  }
  if (!escaped) return std::string(text);  // nothing to decode
  auto decoded = percent_decode(text);
  if (!decoded) return make_error(std::string("malformed %-escape in URI ") + what, offset);
  return std::move(*decoded);
}

bool valid_scheme(std::string_view scheme) {
  if (scheme.empty() || !is_alpha(scheme.front())) return false;
  for (char c : scheme) {
    if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.') return false;
  }
  return true;
}

// Parses ";name[=value]" items up to '?' or the end; returns the position reached.
Result<std::size_t> parse_uri_params(std::string_view s, std::size_t pos, std::size_t base,
                                     std::vector<UriParam>& out) {
  while (pos < s.size() && s[pos] == ';') {
    std::size_t end = find_any(s, ";?", pos + 1);
    if (end == std::string_view::npos) end = s.size();
    const std::string_view item = s.substr(pos + 1, end - pos - 1);
    const std::size_t eq = item.find('=');
    UriParam param;
    auto name = component(item.substr(0, eq), kParamChars, "parameter name", base + pos + 1);
    if (!name) return name.error();
    if (name->empty()) return make_error("empty URI parameter", base + pos);
    param.name = std::move(name).value();
    if (eq != std::string_view::npos) {
      auto value = component(item.substr(eq + 1), kParamChars, "parameter value", base + pos + 1 + eq);
      if (!value) return value.error();
      if (value->empty()) return make_error("empty URI parameter value", base + pos + 1 + eq);
      param.value = std::move(value).value();
      param.has_value = true;
    }
    out.push_back(std::move(param));
    pos = end;
  }
  return pos;
}

Result<std::size_t> parse_uri_headers(std::string_view s, std::size_t pos, std::size_t base,
                                      std::vector<UriParam>& out) {
  if (pos >= s.size() || s[pos] != '?') return pos;
  ++pos;
  while (true) {
    std::size_t end = s.find('&', pos);
    if (end == std::string_view::npos) end = s.size();
    const std::string_view item = s.substr(pos, end - pos);
    const std::size_t eq = item.find('=');
    if (eq == std::string_view::npos || eq == 0) return make_error("URI header must be name=value", base + pos);
    auto name = component(item.substr(0, eq), kHeaderChars, "header name", base + pos);
    if (!name) return name.error();
    auto value = component(item.substr(eq + 1), kHeaderChars, "header value", base + pos + eq + 1);
    if (!value) return value.error();
    out.push_back(UriParam{std::move(name).value(), std::move(value).value(), true});
    if (end == s.size()) return end;
    pos = end + 1;
  }
}

Result<bool> parse_userinfo(std::string_view info, std::size_t base, Uri& uri) {
  const std::size_t colon = info.find(':');
  auto user = component(info.substr(0, colon), kUserChars, "user part", base);
  if (!user) return user.error();
  if (user->empty()) return make_error("empty user part before '@'", base);
  uri.user = std::move(user).value();
  uri.has_user = true;
  if (colon != std::string_view::npos) {
    auto password = component(info.substr(colon + 1), kPasswordChars, "password", base + colon + 1);
    if (!password) return password.error();
    uri.password = std::move(password).value();
    uri.has_password = true;
  }
  return true;
}

Result<std::size_t> parse_host(std::string_view s, std::size_t base, Uri& uri) {
  if (!s.empty() && s.front() == '[') {
    const std::size_t close = s.find(']');
    if (close == std::string_view::npos) return make_error("unterminated IPv6 reference", base);
    const std::string_view addr = s.substr(1, close - 1);
    if (!is_ipv6_address(addr)) return make_error("invalid IPv6 address in URI host", base + 1);
    uri.host = std::string(addr);
    uri.host_kind = HostKind::IPv6;
    return close + 1;
  }
  std::size_t end = find_any(s, ":;?");
  if (end == std::string_view::npos) end = s.size();
  const std::string_view host = s.substr(0, end);
  if (is_ipv4_address(host)) {
    uri.host_kind = HostKind::IPv4;
  } else if (is_hostname(host)) {
    uri.host_kind = HostKind::Name;
  } else {
    return make_error(host.empty() ? "missing URI host" : "invalid URI host", base);
  }
  uri.host = std::string(host);
  return end;
}

Result<std::size_t> parse_port(std::string_view s, std::size_t pos, std::size_t base, Uri& uri) {
  if (pos >= s.size() || s[pos] != ':') return pos;
  std::size_t end = find_any(s, ";?", pos + 1);
  if (end == std::string_view::npos) end = s.size();
  const auto port = parse_decimal(s.substr(pos + 1, end - pos - 1), 65535);
  if (!port) return make_error("invalid URI port", base + pos + 1);
  uri.port = static_cast<std::uint16_t>(*port);
  return end;
}

Result<bool> finish(std::string_view s, std::size_t pos, std::size_t base) {
  if (pos != s.size()) return make_error("unexpected character in URI", base + pos);
  return true;
}

Result<bool> parse_sip(std::string_view s, std::size_t base, Uri& uri) {
  std::size_t host_start = 0;
  const std::size_t at = s.find('@');
  if (at != std::string_view::npos) {
    auto info = parse_userinfo(s.substr(0, at), base, uri);
    if (!info) return info;
    host_start = at + 1;
  }
  auto host_end = parse_host(s.substr(host_start), base + host_start, uri);
  if (!host_end) return host_end.error();
  auto pos = parse_port(s, host_start + *host_end, base, uri);
  if (!pos) return pos.error();
  pos = parse_uri_params(s, *pos, base, uri.params);
  if (!pos) return pos.error();
  pos = parse_uri_headers(s, *pos, base, uri.headers);
  if (!pos) return pos.error();
  return finish(s, *pos, base);
}

Result<bool> parse_tel(std::string_view s, std::size_t base, Uri& uri) {
  std::size_t end = s.find(';');
  if (end == std::string_view::npos) end = s.size();
  auto number = component(s.substr(0, end), kTelChars, "telephone number", base);
  if (!number) return number.error();
  if (number->empty()) return make_error("empty telephone number", base);
  uri.user = std::move(number).value();
  uri.has_user = true;
  auto pos = parse_uri_params(s, end, base, uri.params);
  if (!pos) return pos.error();
  return finish(s, *pos, base);
}

const UriParam* find_named(const std::vector<UriParam>& items, std::string_view name) {
  for (const UriParam& p : items) {
    if (iequals(p.name, name)) return &p;
  }
  return nullptr;
}

}  // namespace

const UriParam* Uri::param(std::string_view name) const { return find_named(params, name); }
const UriParam* Uri::header(std::string_view name) const { return find_named(headers, name); }

std::string Uri::host_reference() const {
  return host_kind == HostKind::IPv6 ? "[" + host + "]" : host;
}

Result<Uri> parse_uri(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!kUriChars.has(text[i])) {
      return make_error("URI contains whitespace, control, non-ASCII or delimiter characters", i);
    }
  }
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos) return make_error("missing URI scheme", 0);
  if (!valid_scheme(text.substr(0, colon))) return make_error("invalid URI scheme", 0);
  Uri uri;
  const std::string_view scheme = text.substr(0, colon);
  if (iequals(scheme, "sip")) uri.scheme = "sip";  // the usual ones without a lower-casing copy
  else if (iequals(scheme, "sips")) uri.scheme = "sips";
  else if (iequals(scheme, "tel")) uri.scheme = "tel";
  else uri.scheme = to_lower(scheme);
  const std::string_view rest = text.substr(colon + 1);
  if (rest.empty()) return make_error("empty URI after scheme", colon + 1);
  Result<bool> done = true;
  if (uri.scheme == "sip" || uri.scheme == "sips") {
    uri.kind = uri.scheme == "sip" ? UriScheme::Sip : UriScheme::Sips;
    done = parse_sip(rest, colon + 1, uri);
  } else if (uri.scheme == "tel") {
    uri.kind = UriScheme::Tel;
    done = parse_tel(rest, colon + 1, uri);
  } else {
    uri.kind = UriScheme::Other;
    uri.opaque = std::string(rest);
  }
  if (!done) return done.error();
  return uri;
}

}  // namespace scn::sip
