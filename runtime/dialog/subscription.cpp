// Subscriptions the peer holds in a dialog: RFC 6665 SUBSCRIBE and the implicit
// subscription of an RFC 3515 REFER (id = the REFER's CSeq; none with Refer-Sub: false,
// RFC 4488).
#include "dialog/dialog.h"
#include "dialog/parts.h"
#include "msg/msg.h"

namespace scn::sip {

namespace {

Subscription* find_subscription(std::vector<Subscription>& list, std::string_view event,
                                std::string_view id) {
  for (Subscription& s : list) {
    if (iequals(s.event, event) && s.id == id) return &s;
  }
  return nullptr;
}

void upsert(std::vector<Subscription>& list, Subscription sub) {
  if (Subscription* s = find_subscription(list, sub.event, sub.id)) {
    *s = std::move(sub);
  } else {
    list.push_back(std::move(sub));
  }
}

}  // namespace

void Dialog::track_subscription(const Message& request, bool ours) {
  const std::string_view method = request.method();
  if (method == "NOTIFY") {  // Subscription-State: terminated ends it, whoever sent it
    auto state = parse_subscription_state(request.value_or("Subscription-State"));
    auto event = parse_event(request.value_or("Event"));
    if (!state || !event || !iequals(state->token, "terminated")) return;
    const std::string id(event->params.get("id").value_or(""));
    for (Subscription& s : subscriptions_)
      if (iequals(s.event, event->token) && (id.empty() || s.id == id)) s.active = false;
    return;
  }
  if (method == "REFER") {
    if (iequals(trim(request.value_or("Refer-Sub")), "false")) return;
    auto cseq = detail::read_cseq(request);
    if (!cseq) return;
    upsert(subscriptions_, {"refer", std::to_string(cseq->number), true, true, ours});
    return;
  }
  if (method != "SUBSCRIBE") return;
  auto event = parse_event(request.value_or("Event"));
  if (!event) return;
  Subscription sub;
  sub.event = to_lower(event->token);
  sub.id = std::string(event->params.get("id").value_or(""));
  auto expires = parse_expires(request.value_or("Expires", "1"));
  sub.active = !expires || *expires != 0;  // Expires: 0 ends the subscription
  sub.ours = ours;
  upsert(subscriptions_, std::move(sub));
}

const Subscription* Dialog::subscription(std::string_view event, std::string_view id) const {
  for (const Subscription& s : subscriptions_) {
    if (s.active && iequals(s.event, event) && (id.empty() || s.id == id)) return &s;
  }
  return nullptr;
}

}  // namespace scn::sip
