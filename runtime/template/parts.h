// Private: the parts of a value a path can name, with the words that name them and the
// value they live in. The one table of part names: parse_path() and to_string() map
// words to parts and back with it, resolve() and the edits of build() pick the parser
// of the value with it, so that `RAck.cseq` means one thing everywhere.
#pragma once

#include <optional>
#include <string_view>

#include "template/template.h"

namespace scn::sip::detail {

// The structured value a part is read from and written into.
enum class PartOf {
  Value,     // the value itself (Whole)
  NameAddr,  // a name-addr or addr-spec value: its URI, display name and URI parts
  Param,     // a header parameter after the value
  Token,     // a token;params value (Event, Subscription-State)
  CSeq,      // "number method"
  RAck,      // "rseq cseq-number method"
  Via,       // "SIP/2.0/transport sent-by"
};

// The part a word names, ignoring case: after "Header." (of that header) when in_uri is
// false, after "Header.addr-spec." or "Request-URI." when true. nullopt: no part has
// that name, so the word names a parameter.
std::optional<PathPart> part_named(std::string_view word, std::string_view header, bool in_uri);

// How paths write a part ("addr-spec", "seq", "rseq", "sent-by"); "" for Whole and for
// Param and UriParam, which the path names itself.
std::string_view part_name(PathPart part);

// The value the part of this path lives in: for `method`, the path's header tells
// whether it is CSeq's or RAck's.
PartOf part_of(const Path& path);

// WWW-Authenticate, Authorization, Proxy-Authenticate, Proxy-Authorization: a scheme and
// comma-separated auth-params (RFC 3261 25.1), which their param paths name.
bool is_auth_header(std::string_view header);

}  // namespace scn::sip::detail
