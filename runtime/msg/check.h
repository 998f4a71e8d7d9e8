// Private: syntax checks of the headers every SIP element relies on, run by parse().
#pragma once

#include <optional>

#include "msg/msg.h"

namespace scn::sip::detail {

// Checks Via, From, To, Call-ID, CSeq, Max-Forwards and Contact when present: each
// single-valued one appears at most once, each value parses, and a request's CSeq
// method equals its method. Missing headers are not checked here (RFC 4475 3.3.1
// treats them as an application-layer matter).
std::optional<Error> check_core_headers(const Message& message);

}  // namespace scn::sip::detail
