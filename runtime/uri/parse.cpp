// URI parsing: sip/sips (RFC 3261 19.1.1, 25.1), tel (RFC 3966), other absolute URIs
// (RFC 3986 3.1) kept opaque. Escapes are decoded exactly once, here.
//
// One grammar, two sinks: UriBuilder fills a Uri (decoding escapes), UriCheck keeps
// nothing, for the parser's checks of every URI of a received message, which need the
// verdict and not the parts. Both see the same components, so check_uri() and
// parse_uri() cannot disagree.
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
constexpr CharSet digit_chars() {
  CharSet set;
  for (int c = '0'; c <= '9'; ++c) set.allowed[c] = true;
  return set;
}
constexpr CharSet kDigits = digit_chars();
// What may stand anywhere in a URI: visible ASCII but the delimiters around one.
constexpr CharSet uri_chars() {
  CharSet set;
  for (int c = 0x21; c < 0x7f; ++c) set.allowed[c] = c != '<' && c != '>' && c != '"';
  return set;
}
constexpr CharSet kUriChars = uri_chars();

// Checks the characters and escapes of one component (the sink decodes them).
Result<void> component(std::string_view text, const CharSet& chars, const char* what, std::size_t offset) {
  bool escaped = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!chars.has(text[i])) return make_error(std::string("invalid character in URI ") + what, offset + i);
    escaped |= text[i] == '%';
  }
  if (escaped && !escapes_well_formed(text)) {
    return make_error(std::string("malformed %-escape in URI ") + what, offset);
  }
  return {};
}

// A component already checked by component(): its escapes decode.
std::string decoded(std::string_view text) {
  if (text.find('%') == std::string_view::npos) return std::string(text);
  return percent_decode(text).value_or(std::string());
}

// Fills a Uri from the components the grammar accepts.
struct UriBuilder {
  Uri& uri;
  void scheme(std::string_view written, UriScheme kind) {
    uri.kind = kind;
    switch (kind) {
      case UriScheme::Sip: uri.scheme = "sip"; break;  // the usual ones without a lower-casing copy
      case UriScheme::Sips: uri.scheme = "sips"; break;
      case UriScheme::Tel: uri.scheme = "tel"; break;
      case UriScheme::Other: uri.scheme = to_lower(written); break;
    }
  }
  void user(std::string_view text) {
    uri.user = decoded(text);
    uri.has_user = true;
  }
  void password(std::string_view text) {
    uri.password = decoded(text);
    uri.has_password = true;
  }
  void host(std::string_view text, HostKind kind) {
    uri.host = std::string(text);
    uri.host_kind = kind;
  }
  void port(std::uint16_t port) { uri.port = port; }
  void param(std::string_view name, std::string_view value, bool has_value) {
    uri.params.push_back(UriParam{decoded(name), has_value ? decoded(value) : std::string(), has_value});
  }
  void header(std::string_view name, std::string_view value) {
    uri.headers.push_back(UriParam{decoded(name), decoded(value), true});
  }
  void opaque(std::string_view text) { uri.opaque = std::string(text); }
};

// Keeps nothing: check_uri() wants the verdict only.
struct UriCheck {
  void scheme(std::string_view, UriScheme) {}
  void user(std::string_view) {}
  void password(std::string_view) {}
  void host(std::string_view, HostKind) {}
  void port(std::uint16_t) {}
  void param(std::string_view, std::string_view, bool) {}
  void header(std::string_view, std::string_view) {}
  void opaque(std::string_view) {}
};

bool valid_scheme(std::string_view scheme) {
  if (scheme.empty() || !is_alpha(scheme.front())) return false;
  for (char c : scheme) {
    if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.') return false;
  }
  return true;
}

// Parses ";name[=value]" items up to '?' or the end; returns the position reached.
template <class Sink>
Result<std::size_t> parse_uri_params(std::string_view s, std::size_t pos, std::size_t base, Sink& sink) {
  while (pos < s.size() && s[pos] == ';') {
    std::size_t end = detail::find_any_of(s, pos + 1, ';', '?', '?');
    if (end == std::string_view::npos) end = s.size();
    const std::string_view item = s.substr(pos + 1, end - pos - 1);
    const std::size_t eq = item.find('=');
    const std::string_view name = item.substr(0, eq);
    if (auto ok = component(name, kParamChars, "parameter name", base + pos + 1); !ok) return ok.error();
    if (name.empty()) return make_error("empty URI parameter", base + pos);
    std::string_view value;
    if (eq != std::string_view::npos) {
      value = item.substr(eq + 1);
      const std::size_t at = base + pos + 1 + eq;
      if (auto ok = component(value, kParamChars, "parameter value", at); !ok) return ok.error();
      if (value.empty()) return make_error("empty URI parameter value", at);
    }
    sink.param(name, value, eq != std::string_view::npos);
    pos = end;
  }
  return pos;
}

template <class Sink>
Result<std::size_t> parse_uri_headers(std::string_view s, std::size_t pos, std::size_t base, Sink& sink) {
  if (pos >= s.size() || s[pos] != '?') return pos;
  ++pos;
  while (true) {
    std::size_t end = s.find('&', pos);
    if (end == std::string_view::npos) end = s.size();
    const std::string_view item = s.substr(pos, end - pos);
    const std::size_t eq = item.find('=');
    if (eq == std::string_view::npos || eq == 0) return make_error("URI header must be name=value", base + pos);
    const std::string_view name = item.substr(0, eq), value = item.substr(eq + 1);
    if (auto ok = component(name, kHeaderChars, "header name", base + pos); !ok) return ok.error();
    if (auto ok = component(value, kHeaderChars, "header value", base + pos + eq + 1); !ok) return ok.error();
    sink.header(name, value);
    if (end == s.size()) return end;
    pos = end + 1;
  }
}

template <class Sink>
Result<void> parse_userinfo(std::string_view info, std::size_t base, Sink& sink) {
  const std::size_t colon = info.find(':');
  const std::string_view user = info.substr(0, colon);
  if (auto ok = component(user, kUserChars, "user part", base); !ok) return ok;
  if (user.empty()) return make_error("empty user part before '@'", base);
  sink.user(user);
  if (colon != std::string_view::npos) {
    const std::string_view password = info.substr(colon + 1);
    if (auto ok = component(password, kPasswordChars, "password", base + colon + 1); !ok) return ok;
    sink.password(password);
  }
  return {};
}

template <class Sink>
Result<std::size_t> parse_host(std::string_view s, std::size_t base, Sink& sink) {
  if (!s.empty() && s.front() == '[') {
    const std::size_t close = s.find(']');
    if (close == std::string_view::npos) return make_error("unterminated IPv6 reference", base);
    const std::string_view addr = s.substr(1, close - 1);
    if (!is_ipv6_address(addr)) return make_error("invalid IPv6 address in URI host", base + 1);
    sink.host(addr, HostKind::IPv6);
    return close + 1;
  }
  std::size_t end = detail::find_any_of(s, 0, ':', ';', '?');
  if (end == std::string_view::npos) end = s.size();
  const std::string_view host = s.substr(0, end);
  const HostKind kind = host_kind(host);
  if (kind == HostKind::None) return make_error(host.empty() ? "missing URI host" : "invalid URI host", base);
  sink.host(host, kind);
  return end;
}

template <class Sink>
Result<std::size_t> parse_port(std::string_view s, std::size_t pos, std::size_t base, Sink& sink) {
  if (pos >= s.size() || s[pos] != ':') return pos;
  std::size_t end = detail::find_any_of(s, pos + 1, ';', '?', '?');
  if (end == std::string_view::npos) end = s.size();
  const auto port = parse_decimal(s.substr(pos + 1, end - pos - 1), 65535);
  if (!port) return make_error("invalid URI port", base + pos + 1);
  sink.port(static_cast<std::uint16_t>(*port));
  return end;
}

Result<void> finish(std::string_view s, std::size_t pos, std::size_t base) {
  if (pos != s.size()) return make_error("unexpected character in URI", base + pos);
  return {};
}

template <class Sink>
Result<void> parse_sip(std::string_view s, std::size_t base, Sink& sink) {
  std::size_t host_start = 0;
  const std::size_t at = detail::find_char(s, '@');
  if (at != std::string_view::npos) {
    if (auto info = parse_userinfo(s.substr(0, at), base, sink); !info) return info;
    host_start = at + 1;
  }
  auto host_end = parse_host(s.substr(host_start), base + host_start, sink);
  if (!host_end) return host_end.error();
  auto pos = parse_port(s, host_start + *host_end, base, sink);
  if (!pos) return pos.error();
  pos = parse_uri_params(s, *pos, base, sink);
  if (!pos) return pos.error();
  pos = parse_uri_headers(s, *pos, base, sink);
  if (!pos) return pos.error();
  return finish(s, *pos, base);
}

template <class Sink>
Result<void> parse_tel(std::string_view s, std::size_t base, Sink& sink) {
  std::size_t end = s.find(';');
  if (end == std::string_view::npos) end = s.size();
  const std::string_view number = s.substr(0, end);
  if (auto ok = component(number, kTelChars, "telephone number", base); !ok) return ok;
  if (number.empty()) return make_error("empty telephone number", base);
  sink.user(number);
  auto pos = parse_uri_params(s, end, base, sink);
  if (!pos) return pos.error();
  return finish(s, *pos, base);
}

template <class Sink>
Result<void> parse_any(std::string_view text, Sink& sink) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!kUriChars.has(text[i])) {
      return make_error("URI contains whitespace, control, non-ASCII or delimiter characters", i);
    }
  }
  const std::size_t colon = detail::find_char(text, ':');
  if (colon == std::string_view::npos) return make_error("missing URI scheme", 0);
  const std::string_view scheme = text.substr(0, colon);
  if (!valid_scheme(scheme)) return make_error("invalid URI scheme", 0);
  const std::string_view rest = text.substr(colon + 1);
  const UriScheme kind = iequals(scheme, "sip")    ? UriScheme::Sip
                         : iequals(scheme, "sips") ? UriScheme::Sips
                         : iequals(scheme, "tel")  ? UriScheme::Tel
                                                   : UriScheme::Other;
  sink.scheme(scheme, kind);
  if (rest.empty()) return make_error("empty URI after scheme", colon + 1);
  if (kind == UriScheme::Sip || kind == UriScheme::Sips) return parse_sip(rest, colon + 1, sink);
  if (kind == UriScheme::Tel) return parse_tel(rest, colon + 1, sink);
  sink.opaque(rest);
  return {};
}

// The end of the run of `chars` from pos.
std::size_t span(std::string_view s, std::size_t pos, const CharSet& chars) {
  while (pos < s.size() && chars.has(s[pos])) ++pos;
  return pos;
}

// The usual shape of a URI in a message, sip[s]:user@host:port;name=value, checked in one
// pass; true only where parse_any() accepts it too, each part being a narrower form of
// the grammar's (no password, no IPv6 reference, no headers; escapes checked over the
// whole text, which is the same as per part: no delimiter is a hex digit). Anything else
// goes to the grammar, which also says why it fails.
bool plainly_valid_sip(std::string_view text) {
  const std::size_t colon = text.size() > 4 && text[3] == ':' ? 3 : text.size() > 5 && text[4] == ':' ? 4 : 0;
  const std::string_view scheme = text.substr(0, colon);
  if (colon == 0 || !(iequals(scheme, "sip") || iequals(scheme, "sips"))) return false;
  const std::string_view s = text.substr(colon + 1);
  std::size_t pos = 0;
  if (const std::size_t at = detail::find_char(s, '@'); at != std::string_view::npos) {
    if (at == 0 || span(s, 0, kUserChars) < at) return false;
    pos = at + 1;
  }
  // Where the grammar's host ends (at ':', ';', '?' or the end) only if no other octet
  // stops the hostname octets first; else the host is no hostname.
  std::size_t end = 0;
  if (read_host(s, pos, end) == HostKind::None) return false;
  if (end < s.size() && s[end] != ':' && s[end] != ';' && s[end] != '?') return false;
  pos = end;
  if (pos < s.size() && s[pos] == ':') {
    const std::size_t digits = span(s, pos + 1, kDigits);
    if (!parse_decimal(s.substr(pos + 1, digits - pos - 1), 65535)) return false;
    pos = digits;
  }
  while (pos < s.size() && s[pos] == ';') {
    const std::size_t name_end = span(s, pos + 1, kParamChars);
    if (name_end == pos + 1) return false;
    pos = name_end;
    if (pos < s.size() && s[pos] == '=') {
      const std::size_t value_end = span(s, pos + 1, kParamChars);
      if (value_end == pos + 1) return false;
      pos = value_end;
    }
  }
  return pos == s.size() && escapes_well_formed(s);
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
  Uri uri;
  UriBuilder builder{uri};
  if (auto done = parse_any(text, builder); !done) return done.error();
  return uri;
}

Result<void> check_uri(std::string_view text) {
  if (plainly_valid_sip(text)) return {};
  UriCheck check;
  return parse_any(text, check);
}

}  // namespace scn::sip
