// relay N: a played party forwards, as a stateful proxy, the message it received in step
// N. A request goes on to another party under test; a response goes back to the party
// that sent the request the relayed request came from.
#include "flow.h"

namespace scn::check {

namespace {

std::string message_text(const Step& s) {
  if (s.is_request) return s.method;
  return std::to_string(s.status);
}

}  // namespace

std::optional<std::size_t> Flow::relay_source(const ast::Step& step, const Step& out) {
  const ast::RelayClause& relay = *step.relay;
  const std::string label = relay.label();
  auto target = step_ref(relay.procedure, relay.step, relay.loc);
  if (!target) return std::nullopt;
  const Step& source = steps_[target->index];
  const std::string here = "step " + current_label();
  // The mirror swaps the roles: the relaying party is then the one under test (a proxy
  // between two played UEs), and it is judged by what it forwards.
  if (parties_[out.from].under_test != env_.mirror) {
    flow_error(relay.loc, "only a played party relays: " + here + " is sent by " +
                              party_name(out.from) + ", a party under test" +
                              (env_.mirror ? " in the test case as written" : ""), "");
    return std::nullopt;
  }
  if (source.to != out.from) {
    flow_error(relay.loc, here + " relays step " + label + ", which " + party_name(out.from) +
                              " did not receive (step " + label + " goes from " +
                              party_name(source.from) + " to " + party_name(source.to) + ")", "");
    return std::nullopt;
  }
  if (source.is_request != out.is_request ||
      (out.is_request ? source.method != out.method : source.status != out.status)) {
    flow_error(relay.loc, here + " is " + message_text(out) + ", but step " + label +
                              " that it relays is " + message_text(source), "");
    return std::nullopt;
  }
  if (out.is_request && out.to == source.from) {
    flow_error(relay.loc, here + " relays the request of step " + label + " back to " +
                              party_name(out.to) + ", which sent it: a request is relayed to "
                              "another party under test", "");
    return std::nullopt;
  }
  if (!out.is_request) check_relayed_response(source, out, relay.loc);
  return target->index;
}

// The response of step M answers a request the played party relayed; it goes back to
// the party that sent the request that one relays.
void Flow::check_relayed_response(const Step& source, const Step& out, const ast::SourceLoc& loc) {
  if (!source.answers) return;  // already reported: it answers nothing
  const Step& request = steps_[*source.answers];
  if (!request.relays) {
    flow_error(loc, "step " + current_label() + " relays a response to step " + request.label +
                        ", which relays no request: a response is relayed back along a "
                        "relayed request", "");
    return;
  }
  const Step& origin = steps_[*request.relays];
  if (out.to != origin.from)
    flow_error(loc, "step " + current_label() + " relays the response to " +
                        party_name(out.to) + "; it goes back to " + party_name(origin.from) +
                        ", which sent the request of step " + origin.label, "");
}

}  // namespace scn::check
