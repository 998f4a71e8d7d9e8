// The closed set of value types a header value, a part of it or a param can have.
// The schema files name them; the checker and the runtime give them meaning.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace scn::schema {

enum class ValueType {
  // addresses
  name_addr,      // [display-name] <URI> or a bare URI, with header params (From, To, Route)
  contact,        // name-addr, or "*" (REGISTER removing all bindings)
  angle_uri,      // <absoluteURI> with params, no display name (Call-Info, Alert-Info)
  uri,            // SIP, SIPS, tel, urn or any absolute URI
  host,           // hostname, IPv4 or [IPv6]
  port,           // 0..65535
  hostport,       // host [":" port]
  // words
  token,          // RFC 3261 token
  method,         // a SIP method name
  option_tag,     // Require / Supported option tag
  event_type,     // event package [. template]
  media_type,     // type/subtype with params (Content-Type)
  media_range,    // type/subtype where either may be "*" (Accept)
  content_coding, // gzip, identity, ...
  language_tag,   // en, en-gb, ...
  call_id,        // word ["@" word]
  boolean,        // true / false
  star,           // the literal "*" followed by params (Accept-Contact, Feature-Caps)
  param_list,     // a value made only of params (P-Charging-Vector)
  // numbers
  integer,        // non-negative decimal
  uint32,         // 1 .. 2^32-1 (RSeq, CSeq numbers)
  delta_seconds,  // non-negative seconds
  qvalue,         // 0 .. 1 with up to three decimals
  status_code,    // 100 .. 699
  // free text
  text,           // TEXT-UTF8 to the end of the line
  quoted_string,  // "..."
  gen_value,      // token / host / quoted-string (RFC 3261 generic-param value)
  flag,           // a valueless param: present or absent
  feature_value,  // RFC 3840 feature tag value: valueless, or a quoted list of values
  // structured header values
  via,            // sent-protocol sent-by
  sent_protocol,  // SIP/2.0/UDP
  cseq,           // number method
  rack,           // rseq cseq-number method
  warning,        // code agent "text"
  auth,           // scheme with comma-separated auth params (challenges, credentials)
  date,           // RFC 1123 date
  body,           // a message body (pseudo-path)
};

std::string_view to_string(ValueType type) noexcept;
std::optional<ValueType> value_type_from_string(std::string_view name) noexcept;
std::span<const std::string_view> value_type_names() noexcept;

// integer, uint32, delta-seconds and status-code hold whole numbers.
bool is_integer_type(ValueType type) noexcept;
// name-addr, contact, angle-uri and uri hold a URI.
bool is_address_type(ValueType type) noexcept;

}  // namespace scn::schema
