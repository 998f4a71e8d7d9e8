// Private to the transaction module: messages the transaction layer derives from others
// (the ACK for a non-2xx final, RFC 3261 17.1.1.3; CANCEL, 9.1, is in transaction.h), and
// the checks and keys that match messages to transactions (17.1.3, 17.2.3).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "msg/msg.h"

namespace scn::sip {

// RFC 3261 17.1.1.3: same Request-URI, Call-ID, From, CSeq number and Route as the
// INVITE, its top Via only, To from the response (with its tag), method ACK.
MessageBuilder make_non2xx_ack(const Message& invite, const Message& response);

// A reliable provisional response (RFC 3262): 101-199 with an RSeq and 100rel in Require.
bool is_reliable_provisional(const Message& response);

// "z9hG4bK" magic cookie of RFC 3261 branches.
inline constexpr std::string_view branch_cookie = "z9hG4bK";

// Whether the transaction layer can handle a message, or why not (missing or unparseable
// Via, CSeq, Call-ID, From or To; CSeq method differing from the request method).
Result<void> check_for_transaction(const Message& message);

// Matching keys. Server side (17.2.3): branch, sent-by and method, where ACK counts as
// INVITE; requests without the magic cookie fall back to a key from Request-URI, From
// tag, Call-ID, CSeq number and the top Via. Client side (17.1.3): branch and CSeq method.
// nullopt when the message has no usable top Via or CSeq.
std::optional<std::string> server_key(const Message& request);
// The server key the request would have with another method (CANCEL -> its INVITE).
std::optional<std::string> server_key_as(const Message& request, std::string_view method);
std::optional<std::string> client_key(const Message& message);

}  // namespace scn::sip
