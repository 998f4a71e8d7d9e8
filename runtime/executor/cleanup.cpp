// Executor: the cleanup after a run that did not pass. The played parties end what they
// have open with the parties under test, so that a UE is idle for the next test case:
// a final response to each request left unanswered, CANCEL for an INVITE of the SS still
// ringing, NOTIFY terminated for each subscription the SS serves (SUBSCRIBE Expires 0 for
// one a played UE holds), BYE for each confirmed
// dialog. Its messages are traced under the step "cleanup"; nothing in it changes the
// verdict, and the whole of it is bounded.
#include <algorithm>
#include <variant>

#include "executor/executor.h"

namespace scn {

namespace {

// The Event header of a subscription's NOTIFY or SUBSCRIBE: its package and id.
std::string event_value(const sip::Subscription& subscription) {
  return subscription.id.empty() ? subscription.event
                                 : subscription.event + ";id=" + subscription.id;
}

// Long enough for three tries of a request over UDP (T1 = 500 ms: sent at 0, 0.5 and
// 1.5 s) and the UE's answer to the last; short enough that a UE that does not answer
// holds up a campaign for no longer. Never longer than a step of the run waits (--timeout):
// a run told to be quick stays quick.
constexpr Millis kCleanupMs = 2000;

bool in_dialog(const sip::Message& request) { return !tag_of(request, "To").empty(); }

// The final response that ends a request left unanswered. A BYE is granted: the UE ends
// its call, which is what the cleanup wants. An INVITE gets 480 Temporarily Unavailable:
// the callee cannot take the call now, which blames neither the request (4xx) nor the
// network (5xx, which a UE may retry at once or report). Other requests inside a dialog
// get 481, since that dialog is being ended; outside one, 480 as for INVITE.
int ending_status(const sip::Message& request) {
  if (request.method() == "BYE") return 200;
  if (request.method() != "INVITE" && in_dialog(request)) return 481;
  return 480;
}

// Can the server transaction still carry a final response?
bool awaits_final(const std::optional<sip::TxState>& state) {
  if (!state) return false;
  if (auto* invite = std::get_if<sip::ServerInviteState>(&*state))
    return *invite == sip::ServerInviteState::Proceeding;
  if (auto* other = std::get_if<sip::ServerNonInviteState>(&*state))
    return *other == sip::ServerNonInviteState::Trying ||
           *other == sip::ServerNonInviteState::Proceeding;
  return false;
}

std::optional<sip::ClientInviteState> client_invite_state(const std::optional<sip::TxState>& state) {
  if (!state) return std::nullopt;
  if (auto* invite = std::get_if<sip::ClientInviteState>(&*state)) return *invite;
  return std::nullopt;
}

std::string status_text(const sip::Message& response) {
  return std::to_string(response.status_code()) + " " + std::string(response.reason());
}

}  // namespace

// One thing the cleanup ended and what came of it.
struct Executor::CleanupTask {
  enum class Kind {
    Answer,   // a final response to a UE's INVITE: waits for its ACK (tx: the server's)
    Request,  // a request of the SS: waits for its final response (tx: the client's)
    Cancel,   // CANCEL of an INVITE of the SS (tx: the INVITE's, cancel: the CANCEL's)
  };
  Kind kind = Kind::Request;
  std::string what;             // "BYE to UE (dialog 4f2a@h)"
  sip::TxId tx = sip::no_tx;
  sip::TxId cancel = sip::no_tx;  // no_tx until sent: not before a provisional response
  std::string answer;           // the final response to tx, "ACK" for an Answer
  std::string cancel_answer;    // the final response to the CANCEL
  const SentRequest* invite = nullptr;  // Cancel: the INVITE

  bool done() const {
    if (kind == Kind::Cancel && cancel != sip::no_tx && cancel_answer.empty()) return false;
    return !answer.empty();
  }
  // "BYE to UE (dialog x): 200 OK", "CANCEL: 200 OK, INVITE: 487 Request Terminated".
  std::string note(const std::string& bound) const;
};

std::string Executor::CleanupTask::note(const std::string& bound) const {
  switch (kind) {
    case Kind::Answer:
      return what + ": " + (answer.empty() ? "no ACK within " + bound : answer);
    case Kind::Request:
      return what + ": " + (answer.empty() ? "no answer within " + bound : answer);
    case Kind::Cancel:
      if (cancel == sip::no_tx && answer.empty())
        return what + ": no provisional response within " + bound + ", not cancelled";
      if (cancel == sip::no_tx) return what + ": " + answer + " before a CANCEL";
      return what + ": CANCEL: " +
             (cancel_answer.empty() ? "no answer within " + bound : cancel_answer) +
             ", INVITE: " + (answer.empty() ? "no final response within " + bound : answer);
  }
  return what;
}

void Executor::clean_up() {
  if (!stopped() || !layer_ || !transport_) return;
  const VerdictKeeper kept = verdict_;  // nothing the parties do from here on counts
  const StepInfo saved_step = step_;
  step_.id = "cleanup";
  std::vector<CleanupTask> tasks;
  answer_left_requests(tasks);
  cancel_invites(tasks);
  end_subscriptions(tasks);
  end_dialogs(tasks);
  const Millis bound = std::min<Millis>(kCleanupMs, options_.timeout_ms);
  const Millis deadline = loop_.now() + bound;
  auto all_done = [&tasks] {
    for (const CleanupTask& task : tasks)
      if (!task.done()) return false;
    return true;
  };
  while (!tasks.empty() && !all_done() && loop_.now() < deadline) {
    loop_.run_once(50);
    follow_cleanup(tasks);
  }
  for (const CleanupTask& task : tasks) {
    cleanup_notes_.push_back(task.note(seconds_text(static_cast<unsigned>(bound))));
    print_console(paint(console_, Tone::Dim, "cleanup: " + cleanup_notes_.back()));
  }
  inbox_.clear();
  step_ = saved_step;
  verdict_ = kept;
}

// The played party that received a request: the one of its dialog, else the one at the
// transport it came to, else the first played party.
party::Index Executor::played_for(const sip::Message& request, const net::Transport* at) {
  if (const sip::Dialog* dialog = dialogs_.find(request))
    if (const DialogOwner* owner = owner_of(dialog)) return owner->played;
  if (auto receiver = receiver_at(at)) return *receiver;
  const auto played = roster_.of_kind(party::Kind::Played);
  return played.empty() ? 1 : played.front();
}

// Requests the steps took without answering, then those no step took.
void Executor::answer_left_requests(std::vector<CleanupTask>& tasks) {
  for (ReceivedRequest& left : received_) {
    if (left.answered || !awaits_final(layer_->state(left.tx))) continue;
    left.answered = true;
    answer_left(left.request, left.tx, left.sender, left.local_tag, nullptr, tasks);
  }
  take_cleanup_inbox(tasks);
}

void Executor::answer_left(const sip::Message& request, sip::TxId tx, party::Index sender,
                           std::string local_tag, const net::Transport* at,
                           std::vector<CleanupTask>& tasks) {
  if (!awaits_final(layer_->state(tx))) return;
  const int status = ending_status(request);
  if (local_tag.empty()) local_tag = tag_of(request, "To");
  if (local_tag.empty()) local_tag = ids_.tag();
  sip::BuildContext context = build_context(played_for(request, at));
  context.request = &request;
  context.local_tag = local_tag;
  sip::Dialog* dialog =
      dialogs_.find(request.value_or("Call-ID"), local_tag, tag_of(request, "From"));
  context.dialog = dialog;
  CleanupTask task{CleanupTask::Kind::Answer, {}, tx, sip::no_tx, {}, {}, nullptr};
  task.what = std::to_string(status) + " " + std::string(sip::default_reason(status)) +
              " to " + name_of(sender) + "'s " + std::string(request.method());
  auto text = sip::build(sip::SendTemplate::response(status), context);
  auto response = text ? sip::parse(*text) : sip::ParseResult(text.error());
  if (!response || !layer_->respond(tx, *response)) {
    task.answer = "could not be sent";
  } else if (request.method() != "INVITE") {
    task.answer = "sent";  // no ACK follows
  }
  if (response && dialog) {
    dialog->on_local_response(*response);  // a final error ends an early dialog
    if (request.method() == "BYE") dialog->terminate();
  }
  tasks.push_back(std::move(task));
}

// The UE's messages since the last look: answers to the cleanup's requests are noted,
// its requests answered (its BYE granted), the rest only traced.
void Executor::take_cleanup_inbox(std::vector<CleanupTask>& tasks) {
  std::vector<InboxItem> items;
  items.swap(inbox_);
  for (InboxItem& item : items) {
    const sip::Message& message = item.message;
    if (message.is_request()) {
      if (message.method() == "ACK") continue;
      answer_left(message, item.tx, item.sender.value_or(only_under_test().value_or(0)), {},
                  item.transport, tasks);
      continue;
    }
    if (message.status_code() < 200) continue;
    for (CleanupTask& task : tasks) {
      if (task.kind == CleanupTask::Kind::Answer) continue;
      if (task.cancel != sip::no_tx && item.tx == task.cancel) task.cancel_answer = status_text(message);
      if (item.tx == task.tx && task.answer.empty()) task.answer = status_text(message);
    }
    // A 2xx to an INVITE of the SS, whether it crossed the CANCEL or no step took it:
    // the UE is in the call all the same (after the loop: it adds tasks).
    auto sent = sent_.find(item.tx);
    if (message.status_code() < 300 && sent != sent_.end() &&
        sent->second.request.method() == "INVITE" && !relays_.contains(item.tx))
      end_answered_invite(sent->second, message, tasks);
  }
}

// Each INVITE of the SS still without a final response (a relayed one is its caller's).
void Executor::cancel_invites(std::vector<CleanupTask>& tasks) {
  for (const auto& [tx, sent] : sent_) {
    if (sent.request.method() != "INVITE" || relays_.contains(tx)) continue;
    auto state = client_invite_state(layer_->state(tx));
    if (state != sip::ClientInviteState::Calling && state != sip::ClientInviteState::Proceeding)
      continue;
    CleanupTask task{CleanupTask::Kind::Cancel, {}, tx, sip::no_tx, {}, {}, &sent};
    task.what = "INVITE to " + name_of(sent.receiver);
    tasks.push_back(std::move(task));
  }
  follow_cleanup(tasks);
}

// RFC 3261 9.1: a CANCEL only once the INVITE had a provisional response.
void Executor::follow_cleanup(std::vector<CleanupTask>& tasks) {
  take_cleanup_inbox(tasks);
  for (CleanupTask& task : tasks) {
    if (task.kind == CleanupTask::Kind::Answer && task.answer.empty()) {
      auto state = layer_->state(task.tx);
      const auto* invite = state ? std::get_if<sip::ServerInviteState>(&*state) : nullptr;
      if (!invite || *invite != sip::ServerInviteState::Completed) task.answer = "ACK";
    }
    if (task.kind != CleanupTask::Kind::Cancel || task.cancel != sip::no_tx || !task.answer.empty())
      continue;
    if (client_invite_state(layer_->state(task.tx)) != sip::ClientInviteState::Proceeding)
      continue;
    auto cancel = sip::make_cancel(task.invite->request).message();
    sending_ = std::pair{task.invite->from, task.invite->receiver};
    auto started = cancel ? layer_->send_request(*cancel, task.invite->to)
                          : Result<sip::TxId>(cancel.error());
    sending_.reset();
    task.cancel = started ? *started : sip::no_tx;
    if (!started) task.answer = "CANCEL could not be sent: " + started.reason();
  }
}

// A 2xx that crossed the CANCEL (RFC 3261 9.1: the call is then up): ACK it, then BYE.
void Executor::end_answered_invite(const SentRequest& invite, const sip::Message& ok,
                                   std::vector<CleanupTask>& tasks) {
  sip::Dialog* dialog = dialogs_.find(ok);
  if (!dialog) {
    auto created = sip::Dialog::create_uac(invite.request, ok);
    if (!created) return;
    add_dialog(std::move(created).value(), invite.dialog, {invite.from, invite.receiver});
    dialog = &dialogs_.at(dialogs_.size() - 1);
  } else {
    (void)dialog->on_response(ok);
  }
  const DialogOwner owner{invite.from, invite.receiver};
  (void)cleanup_request(*dialog, owner, sip::SendTemplate::request("ACK"));
  end_dialog(*dialog, owner, tasks);
}

// NOTIFY with Subscription-State terminated;reason=noresource (RFC 6665 4.2.2) for each
// subscription a party under test holds with a played party: no body, but the final
// state of the REFER's request for the REFER package, whose NOTIFY must carry one (RFC
// 3515 2.4.5).
void Executor::end_subscriptions(std::vector<CleanupTask>& tasks) {
  for (std::size_t i = 0; i < dialogs_.size() && i < dialog_owners_.size(); ++i) {
    sip::Dialog& dialog = dialogs_.at(i);
    const DialogOwner owner = dialog_owners_[i];
    if (dialog.state() == sip::DialogState::Terminated || roster_.under_test(owner.played))
      continue;
    const std::vector<sip::Subscription> subscriptions = dialog.subscriptions();
    for (const sip::Subscription& subscription : subscriptions) {
      if (!subscription.active) continue;
      if (subscription.ours) {
        unsubscribe(dialog, owner, subscription, tasks);
        continue;
      }
      sip::SendTemplate notify = sip::SendTemplate::request("NOTIFY");
      notify.set("Event", event_value(subscription));
      notify.set("Subscription-State", "terminated;reason=noresource");
      if (subscription.event == "refer") notify.with_body("SIP/2.0 487 Request Terminated\r\n");
      add_request_task(dialog, owner, std::move(notify),
                       "NOTIFY terminated (" + subscription.event + ")", tasks);
    }
  }
}

// A played subscriber (the mirror's UE) ends its subscription with a SUBSCRIBE of Expires 0
// (RFC 6665 4.1.2.3); the implicit one of a REFER it sent is the notifier's to end (RFC
// 3515 2.4.5), which its BYE or the notifier's final NOTIFY does.
void Executor::unsubscribe(sip::Dialog& dialog, const DialogOwner& owner,
                           const sip::Subscription& subscription,
                           std::vector<CleanupTask>& tasks) {
  if (subscription.implicit) return;
  sip::SendTemplate subscribe = sip::SendTemplate::request("SUBSCRIBE");
  subscribe.set("Event", event_value(subscription));
  subscribe.set("Expires", "0");
  add_request_task(dialog, owner, std::move(subscribe),
                   "SUBSCRIBE Expires 0 (" + subscription.event + ")", tasks);
}

// BYE for each confirmed INVITE dialog of a played party with a party under test.
void Executor::end_dialogs(std::vector<CleanupTask>& tasks) {
  for (std::size_t i = 0; i < dialogs_.size() && i < dialog_owners_.size(); ++i) {
    sip::Dialog& dialog = dialogs_.at(i);
    if (roster_.under_test(dialog_owners_[i].played)) continue;
    end_dialog(dialog, dialog_owners_[i], tasks);
  }
}

void Executor::end_dialog(sip::Dialog& dialog, const DialogOwner& owner,
                          std::vector<CleanupTask>& tasks) {
  if (dialog.state() != sip::DialogState::Confirmed || dialog.method() != "INVITE") return;
  end_media(owner.played, owner.under_test, dialog.name());
  add_request_task(dialog, owner, sip::SendTemplate::request("BYE"), "BYE", tasks);
  dialog.terminate();
}

void Executor::add_request_task(sip::Dialog& dialog, const DialogOwner& owner,
                                sip::SendTemplate tmpl, const std::string& what,
                                std::vector<CleanupTask>& tasks) {
  CleanupTask task{CleanupTask::Kind::Request, {}, sip::no_tx, sip::no_tx, {}, {}, nullptr};
  task.what = what + " to " + name_of(owner.under_test) + " (dialog " + dialog.call_id() + ")";
  auto sent = cleanup_request(dialog, owner, std::move(tmpl));
  if (sent)
    task.tx = *sent;
  else
    task.answer = "could not be sent: " + sent.reason();
  tasks.push_back(std::move(task));
}

// A request of the played party in the dialog; its client transaction (none for ACK).
Result<sip::TxId> Executor::cleanup_request(sip::Dialog& dialog, const DialogOwner& owner,
                                            sip::SendTemplate tmpl) {
  sip::BuildContext context = build_context(owner.played);
  context.dialog = &dialog;
  auto text = sip::build(tmpl, context);
  if (!text) return text.error();
  auto message = sip::parse(*text);
  if (!message) return make_error("built " + tmpl.method + " does not parse: " + message.reason());
  auto to = request_destination(&dialog, owner.played, owner.under_test);
  if (!to) return make_error("no address for " + name_of(owner.under_test));
  sending_ = std::pair{owner.played, owner.under_test};
  Result<sip::TxId> sent = sip::no_tx;
  if (message->method() == "ACK") {
    if (auto acked = layer_->send_stateless(*message, *to); !acked) sent = acked.error();
  } else {
    sent = layer_->send_request(*message, *to);
  }
  sending_.reset();
  if (sent) dialog.on_local_request(*message);
  return sent;
}

}  // namespace scn
