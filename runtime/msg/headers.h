// Structured parsers for SIP header field values (RFC 3261 section 20 and extensions).
// Each takes one header value (for list headers: one element of Message::values())
// and returns the parsed value or an Error with a reason. Results are zero-copy views
// into the given text (except the embedded Uri, which owns its decoded strings), so the
// text (normally a Message) must outlive them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/params.h"
#include "base/base.h"
#include "uri/uri.h"

namespace scn::sip {

// name-addr ("Display" <uri>;params) or addr-spec (uri;params) as in To, From, Contact,
// Route, Record-Route, Refer-To, P-Asserted-Identity, ... In addr-spec form the
// ";params" belong to the header, not the URI (RFC 3261 20.10).
struct NameAddr {
  std::string_view display_name;  // as written, quotes kept; empty when absent
  bool angle_brackets = false;    // name-addr form
  std::string_view uri_text;      // between < >, or the addr-spec text
  Uri uri;
  Params params;                  // header params (tag, expires, q, ...)

  // Display name with quotes and quoted-pairs resolved.
  std::string display() const;
  std::optional<std::string_view> tag() const { return params.get("tag"); }
};
Result<NameAddr> parse_name_addr(std::string_view value);
// Contact "*" is accepted by this one only (returns is_star).
struct ContactValue {
  bool is_star = false;
  NameAddr addr;
};
Result<ContactValue> parse_contact(std::string_view value);

// One Via value: "SIP/2.0/UDP host:port;branch=...;received=...;rport".
struct Via {
  std::string_view protocol;   // "SIP"
  std::string_view version;    // "2.0"
  std::string_view transport;  // "UDP", "TCP", "TLS", "SCTP", "WS", any token
  std::string_view host;       // IPv6 without the []
  HostKind host_kind = HostKind::None;
  std::optional<std::uint16_t> port;
  Params params;

  std::optional<std::string_view> branch() const { return params.get("branch"); }
  std::optional<std::string_view> received() const { return params.get("received"); }
  bool has_rport() const { return params.has("rport"); }
  std::optional<std::uint16_t> rport() const;  // value of rport=NNNN if present
  std::string sent_by() const;                  // "host[:port]" with IPv6 in []
};
Result<Via> parse_via(std::string_view value);

struct CSeq {
  std::uint32_t number = 0;
  std::string_view method;
};
Result<CSeq> parse_cseq(std::string_view value);

// RAck (RFC 3262): "rseq cseq method".
struct RAck {
  std::uint32_t rseq = 0;
  std::uint32_t cseq = 0;
  std::string_view method;
};
Result<RAck> parse_rack(std::string_view value);

// Scalars: digits only, range checked.
Result<std::uint32_t> parse_content_length(std::string_view value);  // <= 2^32-1
Result<std::uint8_t> parse_max_forwards(std::string_view value);     // 0..255
Result<std::uint32_t> parse_expires(std::string_view value);         // delta-seconds
Result<std::uint32_t> parse_rseq(std::string_view value);            // 1..2^32-1
Result<std::uint32_t> parse_uint32(std::string_view value);

// token + params: Event (RFC 6665, token may contain '.'), Subscription-State,
// Content-Disposition, Session-Expires ("delta;refresher=uac"), Retry-After, ...
struct TokenParams {
  std::string_view token;
  Params params;
};
Result<TokenParams> parse_token_params(std::string_view value);
Result<TokenParams> parse_event(std::string_view value);
Result<TokenParams> parse_subscription_state(std::string_view value);

// Comma-separated token lists: Require, Supported, Proxy-Require, Unsupported, Allow.
// Takes a whole header value (or the values joined); empty list is allowed.
Result<std::vector<std::string_view>> parse_token_list(std::string_view value);
inline Result<std::vector<std::string_view>> parse_option_tags(std::string_view value) {
  return parse_token_list(value);
}

// Content-Type / Accept element: "type/subtype;params".
struct MediaType {
  std::string_view type;
  std::string_view subtype;
  Params params;
};
Result<MediaType> parse_media_type(std::string_view value);

}  // namespace scn::sip
