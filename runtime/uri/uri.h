// URIs of SIP messages (RFC 3261 section 19.1, RFC 3966 tel, RFC 3986 generic absolute
// URIs). A Uri owns its strings: percent-escapes are decoded exactly once at parse time
// (so "%00" yields a NUL byte inside the std::string, never a truncation) and re-escaped
// by serialize().
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/base.h"

namespace scn::sip {

enum class UriScheme { Sip, Sips, Tel, Other };
enum class HostKind { None, Name, IPv4, IPv6 };

// A uri-parameter (";name=value") or a header ("?name=value&...") with escapes decoded.
struct UriParam {
  std::string name;
  std::string value;
  bool has_value = false;
};

struct Uri {
  UriScheme kind = UriScheme::Other;
  std::string scheme;        // lower-cased: "sip", "sips", "tel", "http", ...

  // sip/sips: userinfo and hostport. tel: user = the telephone-subscriber number.
  std::string user;          // decoded; empty when there is no userinfo
  bool has_user = false;
  std::string password;      // decoded
  bool has_password = false;
  std::string host;          // as written, lower-case not applied; IPv6 without the []
  HostKind host_kind = HostKind::None;
  std::optional<std::uint16_t> port;

  std::vector<UriParam> params;   // sip/sips/tel ";..." parameters in order
  std::vector<UriParam> headers;  // sip/sips "?a=b&c=d"

  // Other schemes: everything after "scheme:" verbatim (no decoding).
  std::string opaque;

  bool is_sip() const { return kind == UriScheme::Sip || kind == UriScheme::Sips; }
  // Case-insensitive lookup of a uri-parameter / header.
  const UriParam* param(std::string_view name) const;
  const UriParam* header(std::string_view name) const;
  // "[v6]" for IPv6 hosts, host otherwise.
  std::string host_reference() const;
};

// Parses an absolute URI. sip/sips/tel are parsed structurally and validated (IPv6
// references must be real IPv6 addresses, ports 0-65535, escapes well formed); any
// other scheme must be a syntactically valid "scheme:" followed by non-empty, LWS-free
// text and is kept opaque. Leading/trailing LWS is an error: callers trim.
Result<Uri> parse_uri(std::string_view text);
// The verdict of parse_uri() (same reasons and offsets) without building the Uri: the
// parser checks every URI of a received message this way.
Result<void> check_uri(std::string_view text);

// RFC 3261 19.1.4 comparison for sip/sips (scheme, userinfo case-sensitive after
// decoding, host case-insensitive, port presence matters, user/ttl/method/maddr/
// transport must match when in either URI, other params only when in both, headers
// must match as a set). tel URIs compare number and params (RFC 3966 section 4);
// other schemes compare scheme case-insensitively and the opaque part exactly.
bool uri_equal(const Uri& a, const Uri& b);

// Canonical text: escapes only what the grammar requires, IPv6 in [].
std::string serialize(const Uri& uri);

// %HH decoding. Returns nullopt on a malformed escape ("%", "%4", "%G1").
std::optional<std::string> percent_decode(std::string_view text);
// Whether percent_decode would accept TEXT, without decoding it.
bool escapes_well_formed(std::string_view text);

// Escapes every byte that is not unreserved and not in `allowed`.
std::string percent_encode(std::string_view text, std::string_view allowed);

// Host classification helpers (exposed for Via sent-by / received= validation).
bool is_ipv4_address(std::string_view text);
bool is_ipv6_address(std::string_view text);  // bare, without []
bool is_hostname(std::string_view text);
// A host as the grammar reads it (URI host, Via sent-by): IPv4 for an IPv4 address, Name
// for another hostname, None for neither; IPv6 references are read apart.
HostKind host_kind(std::string_view text);
// The host written from pos to the first octet that is no hostname octet (letter, digit,
// '-', '.'), as host_kind() classes it; `end` is set to that octet's index unless the
// result is None.
HostKind read_host(std::string_view s, std::size_t pos, std::size_t& end);
// The first index at or after pos that holds no hostname octet (letter, digit, '-', '.'),
// s.size() when none: where a host written without a delimiter ends.
std::size_t host_span(std::string_view s, std::size_t pos);

}  // namespace scn::sip
