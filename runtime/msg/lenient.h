// Reading what a response needs from bytes that did not parse as a message
// (lenient.cpp), so that a malformed request can still be answered with 400.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scn::sip {

// What a response to a request needs (RFC 3261 8.2.6.2), read leniently: the start
// line's method, every Via value as written, the first From, To, Call-ID and CSeq (long
// or compact names, folded lines joined). nullopt when the bytes are no request or one
// of these is missing or holds a control character (NUL, a bare CR, ...): such a request
// cannot be answered.
struct RequestEssentials {
  std::string method;
  std::vector<std::string> via;
  std::string from, to, call_id, cseq;
};
std::optional<RequestEssentials> read_request_essentials(std::string_view raw);
// The response to such a request: its fields copied, To tagged with to_tag unless it has
// a tag, no body.
std::string essential_response(const RequestEssentials& request, int status,
                               std::string_view reason, std::string_view to_tag);
// Text as a reason phrase may carry it: control characters (CR, LF, NUL, ...) become
// single spaces, at most 120 octets.
std::string reason_phrase(std::string_view text);
// The reason phrase of a 400 for a parse error, naming the syntax problem (RFC 3261
// 21.4.1): "Malformed CSeq", "Missing Call-ID", "Repeated To", else "Bad Request (...)"
// with the error.
std::string malformed_reason_phrase(std::string_view error);

}  // namespace scn::sip
