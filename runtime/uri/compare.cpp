// URI equivalence, RFC 3261 19.1.4 (sip/sips) and RFC 3966 4 (tel). Components are
// compared after escape decoding, so "%61lice" equals "alice".
#include <arpa/inet.h>

#include <array>
#include <cstring>

#include "base/base.h"
#include "uri/uri.h"

namespace scn::sip {

namespace {

// IPv6 hosts compare as addresses ("2001:db8::1" == "2001:DB8:0::1").
bool same_host(const Uri& a, const Uri& b) {
  if (a.host_kind != b.host_kind) return false;
  if (a.host_kind != HostKind::IPv6) return iequals(a.host, b.host);
  std::array<unsigned char, 16> x{}, y{};
  if (inet_pton(AF_INET6, a.host.c_str(), x.data()) != 1) return false;
  if (inet_pton(AF_INET6, b.host.c_str(), y.data()) != 1) return false;
  return x == y;
}

bool same_value(const UriParam& a, const UriParam& b) {
  return a.has_value == b.has_value && iequals(a.value, b.value);
}

// Params that must match when present in either URI.
bool is_strict_param(std::string_view name) {
  for (std::string_view n : {"user", "ttl", "method", "maddr", "transport"}) {
    if (iequals(n, name)) return true;
  }
  return false;
}

bool has_name(const std::vector<UriParam>& items, std::string_view name) {
  for (const UriParam& q : items) {
    if (iequals(q.name, name)) return true;
  }
  return false;
}

// Some item of that name carries the same value (repeated names stay reflexive).
bool has_item(const std::vector<UriParam>& items, const UriParam& p) {
  for (const UriParam& q : items) {
    if (iequals(q.name, p.name) && same_value(p, q)) return true;
  }
  return false;
}

bool params_cover(const std::vector<UriParam>& a, const std::vector<UriParam>& b) {
  for (const UriParam& p : a) {
    if (has_name(b, p.name) ? !has_item(b, p) : is_strict_param(p.name)) return false;
  }
  return true;
}

bool params_match(const Uri& a, const Uri& b) {
  return params_cover(a.params, b.params) && params_cover(b.params, a.params);
}

// Headers are never ignored: both URIs carry the same set.
bool headers_match(const Uri& a, const Uri& b) {
  if (a.headers.size() != b.headers.size()) return false;
  for (const UriParam& h : a.headers) {
    if (!has_item(b.headers, h)) return false;
  }
  for (const UriParam& h : b.headers) {
    if (!has_item(a.headers, h)) return false;
  }
  return true;
}

// RFC 3966 4: numbers compare ignoring visual separators, params as a set.
std::string tel_digits(const std::string& number) {
  std::string out;
  for (char c : number) {
    if (c != '-' && c != '.' && c != '(' && c != ')') out.push_back(c);
  }
  return to_lower(out);
}

bool tel_equal(const Uri& a, const Uri& b) {
  if (tel_digits(a.user) != tel_digits(b.user) || a.params.size() != b.params.size()) return false;
  for (const UriParam& p : a.params) {
    if (!has_item(b.params, p)) return false;
  }
  for (const UriParam& p : b.params) {
    if (!has_item(a.params, p)) return false;
  }
  return true;
}

}  // namespace

bool uri_equal(const Uri& a, const Uri& b) {
  if (a.kind != b.kind) return false;
  if (a.kind == UriScheme::Tel) return tel_equal(a, b);
  if (a.kind == UriScheme::Other) return a.scheme == b.scheme && a.opaque == b.opaque;
  return a.has_user == b.has_user && a.user == b.user && a.has_password == b.has_password &&
         a.password == b.password && same_host(a, b) && a.port == b.port && params_match(a, b) &&
         headers_match(a, b);
}

}  // namespace scn::sip
