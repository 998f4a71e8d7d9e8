// proxy: forwarding a message as a stateful proxy does (RFC 3261 section 16), for a
// played party that relays between two parties under test. Pure logic over messages:
// the copy to forward, with the proxy's Via, Route and Record-Route handling; which
// transaction carries it is the executor's business.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/base.h"
#include "msg/msg.h"

namespace scn::proxy {

// The relaying party as the messages it forwards show it.
struct Hop {
  std::string host;         // numeric, IPv6 without []
  std::uint16_t port = 5060;
  std::string transport = "UDP";  // as written in a Via
  std::string branch;       // the branch of its Via on a forwarded request (fresh)
};

// Does this URI name the hop (its host and port; 5060 when none is written)?
bool names_hop(std::string_view uri_text, const Hop& hop);

// The hop's Record-Route value: "<sip:HOST:PORT;lr>", ";transport=tcp" over TCP.
std::string record_route_value(const Hop& hop);

// Does the request create a dialog (INVITE, SUBSCRIBE, REFER without a To tag)?
bool creates_dialog(const sip::Message& request);

// The copy of a request to forward (RFC 3261 16.4 and 16.6):
//  - a Request-URI the hop put into a Record-Route (a strict router before it) is
//    replaced by the last Route value, which is removed;
//  - the first Route value, when it names the hop, is removed (loose routing);
//  - Max-Forwards is decremented (70 when absent; never below 0);
//  - a Record-Route with the hop's address goes on top when the request creates a dialog;
//  - a first Route value without ";lr" (a strict router next) becomes the Request-URI,
//    the Request-URI going last in the Route list (16.6 step 6);
//  - the hop's Via goes on top with its fresh branch.
// An ACK for a 2xx is forwarded the same way (it is a request of the dialog).
Result<sip::Message> forward_request(const sip::Message& request, const Hop& hop);

// The copy of a response to forward (16.7 step 3): its top Via (the hop's) removed.
// An error when there is no Via left for the response to go back along.
Result<sip::Message> forward_response(const sip::Message& response);

}  // namespace scn::proxy
