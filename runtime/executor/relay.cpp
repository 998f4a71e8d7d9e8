// Executor: a played party relaying between two parties under test as a stateful proxy
// (RFC 3261 section 16): a request goes on over a client transaction of its own, a
// response back on the server transaction of the request it answers; the dialogs so
// made are the two parties' and only known here to bind what comes in them.
#include "executor/executor.h"

namespace scn {

namespace {

// The message a relay built, parsed back (which checks it), or why that failed.
sip::ParseResult relayed_message(const sip::Message& forwarded, const sip::SendTemplate& rows,
                                 sip::BuildContext& context, const std::string& name) {
  auto text = sip::build_on(forwarded, rows, context);
  if (!text) return make_error("cannot relay " + name + ": " + text.reason());
  auto message = sip::parse(*text);
  if (!message) return make_error("the " + name + " relayed does not parse: " + message.reason());
  return message;
}

std::string start_line_name(const sip::Message& message) {
  if (message.is_request()) return std::string(message.method());
  return std::to_string(message.status_code()) + " " + std::string(message.reason());
}

bool same_tags(const RelayedDialog& d, std::string_view a, std::string_view b) {
  return (a == d.caller_tag && b == d.callee_tag) || (a == d.callee_tag && b == d.caller_tag);
}

}  // namespace

scn_out* Executor::new_relay(std::string_view step_id) {
  auto out = std::make_unique<scn_out>();
  out->relay = true;
  out->relay_step = step_id;
  out->dialog = step_.dialog;
  out->from = step_.from;
  out->to = step_.to;
  outs_.push_back(std::move(out));
  building_ = outs_.back().get();
  return building_;
}

proxy::Hop Executor::hop_of(party::Index played) {
  const net::Transport* transport = transport_of(played);
  return {transport->local().host(), transport->local().port(),
          transport->reliable() ? "TCP" : "UDP", ids_.branch()};
}

int Executor::send_relay(scn_out& out) {
  auto taken = taken_.find(out.relay_step);
  auto message = step_messages_.find(out.relay_step);
  if (taken == taken_.end() || message == step_messages_.end()) {
    set_error("no message received in step " + out.relay_step + " to relay");
    return SCN_STOP;
  }
  return message->second.is_request() ? relay_request(out, taken->second, message->second)
                                      : relay_response(out, taken->second, message->second);
}

// 16.6: on to the receiving party under test; an ACK (for a 2xx) without a transaction.
int Executor::relay_request(scn_out& out, const TakenMessage& taken,
                            const sip::Message& request) {
  const std::string name(request.method());
  auto forwarded = proxy::forward_request(request, hop_of(out.from));
  if (!forwarded) return set_error("cannot relay " + name + ": " + forwarded.reason()), SCN_STOP;
  sip::BuildContext context = build_context(out.from);
  auto message = relayed_message(*forwarded, out.tmpl, context, name);
  if (!message) return set_error(message.reason()), SCN_STOP;
  auto address = address_of(out.to);
  if (!address) {
    set_error("no address to relay " + name + " to " + name_of(out.to) + ": give --ue " +
              name_of(out.to) + "=HOST:PORT");
    return SCN_STOP;
  }
  const sip::Destination to{transport_of(out.from), *address};
  if (name == "ACK") {
    if (auto sent = layer_->send_stateless(*message, to); !sent)
      return set_error("cannot relay ACK: " + sent.reason()), SCN_STOP;
    acks_.push_back({invite_key(*message), sip::serialize(*message), to});
  } else {
    auto started = layer_->send_request(*message, to);
    if (!started) return set_error("cannot relay " + name + ": " + started.reason()), SCN_STOP;
    const std::string dialog = !out.dialog.empty() ? out.dialog
                               : taken.request     ? taken.request->dialog
                                                   : std::string();
    relays_[*started] =
        Relay{taken.request, taken.sender, out.to, dialog, proxy::creates_dialog(request)};
    sent_[*started] = SentRequest{*message, dialog, to, out.from, out.to};
  }
  keep_step_message(*message);
  return SCN_OK;
}

// 16.7: back on the server transaction of the request it answers, its top Via gone.
int Executor::relay_response(scn_out& out, const TakenMessage& taken,
                             const sip::Message& response) {
  const std::string name = start_line_name(response);
  auto relay = relays_.find(taken.tx);
  if (taken.tx == sip::no_tx || relay == relays_.end() || !relay->second.upstream) {
    set_error("cannot relay " + name + ": it answers no request relayed");
    return SCN_STOP;
  }
  auto forwarded = proxy::forward_response(response);
  if (!forwarded) return set_error("cannot relay " + name + ": " + forwarded.reason()), SCN_STOP;
  sip::BuildContext context = build_context(out.from);
  auto message = relayed_message(*forwarded, out.tmpl, context, name);
  if (!message) return set_error(message.reason()), SCN_STOP;
  ReceivedRequest& upstream = *relay->second.upstream;
  if (auto sent = layer_->respond(upstream.tx, *message); !sent)
    return set_error("cannot relay " + name + ": " + sent.reason()), SCN_STOP;
  if (message->status_code() >= 200) upstream.answered = true;
  keep_step_message(*message);
  return SCN_OK;
}

// A response with a To tag to a dialog-creating request relayed: the two parties under
// test now have a dialog (RFC 3261 12.1), which later requests are bound by.
void Executor::note_relayed_response(const Relay& relay, const sip::Message& response) {
  const int status = response.status_code();
  const std::string to_tag = tag_of(response, "To");
  if (!relay.creates_dialog || status <= 100 || status >= 300 || to_tag.empty()) return;
  const std::string from_tag = tag_of(response, "From");
  if (relayed_dialog(response)) return;
  for (RelayedDialog& older : relayed_dialogs_)
    if (older.name == relay.dialog) older.name.clear();  // the newest answers to the name
  relayed_dialogs_.push_back({relay.dialog, std::string(response.value_or("Call-ID")),
                              relay.caller, relay.callee, from_tag, to_tag});
}

const RelayedDialog* Executor::relayed_dialog(const sip::Message& message) const {
  const std::string_view call_id = message.value_or("Call-ID");
  const std::string from = tag_of(message, "From"), to = tag_of(message, "To");
  for (const RelayedDialog& d : relayed_dialogs_)
    if (d.call_id == call_id && same_tags(d, from, to)) return &d;
  return nullptr;
}

// A relayed dialog of party a or b by name; no name: the first of theirs.
const RelayedDialog* Executor::relayed_named(std::string_view name, party::Index a,
                                             party::Index b) const {
  for (const RelayedDialog& d : relayed_dialogs_) {
    const bool theirs = d.caller == a || d.callee == a || d.caller == b || d.callee == b;
    if (theirs && (name.empty() || d.name == name)) return &d;
  }
  return nullptr;
}

}  // namespace scn
