// SDP offers and answers along a test case's steps (RFC 3264 4, RFC 6337): an offer the
// UE makes must be answered by the SS in the first message that can carry the answer.
#pragma once

#include <vector>

#include "env.h"

namespace scn::check {

// Warns where the SS's message that must carry the answer to an SDP offer has no body:
//  - the first reliable response (a 18x with Require: 100rel, or the 2xx) to a UE's
//    INVITE whose body is an SDP offer;
//  - the 2xx to a UE's UPDATE with an SDP offer;
//  - the SS's ACK to an INVITE it sent without an offer, when the UE's 2xx must carry
//    an SDP body (the offer); a 2xx accepted without one needs no answer.
// Conservative: steps under a condition, in an optional window or an either/any-order
// block, and messages whose body or Content-Type the rows do not make plain are skipped.
void check_offers(const std::vector<Step>& steps, Env& env);

}  // namespace scn::check
