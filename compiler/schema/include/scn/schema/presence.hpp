// Whether a header may or must appear in a given request or response, with the codes
// of RFC 3261 section 20 (Tables 2 and 3) and the extension RFCs' tables.
#pragma once

#include <optional>
#include <string_view>

namespace scn::schema {

enum class Presence {
  mandatory,       // m : MUST be present
  should,          // m*: SHOULD be sent; receivers cope without it
  optional,        // o : MAY be present
  conditional,     // c : depends on the context (e.g. Require, Route)
  stream,          // t : SHOULD be sent; MUST over stream transports (Content-Length)
  if_body,         // * : required when the message has a body (Content-Type)
  not_applicable,  // - : MUST NOT be present
  unspecified,     // no rule in the schema for this method / status
};

// "m", "m*", "o", "c", "t", "*", "-" and "?" for unspecified.
std::string_view presence_code(Presence p) noexcept;
std::optional<Presence> presence_from_code(std::string_view code) noexcept;

// True for every value that lets the header appear (all but not_applicable / unspecified).
bool allows(Presence p) noexcept;

}  // namespace scn::schema
