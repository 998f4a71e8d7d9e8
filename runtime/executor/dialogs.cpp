// Executor: which dialog each message belongs to, creating dialogs from the messages
// that establish them (RFC 3261 12.1), and where the SS's requests go.
#include "executor/executor.h"

namespace scn {

namespace {

bool creates_dialog(std::string_view method) {
  return method == "INVITE" || method == "SUBSCRIBE" || method == "REFER";
}

bool establishes(int status) { return status > 100 && status < 300; }

}  // namespace

std::string tag_of(const sip::Message& message, std::string_view header) {
  auto value = message.first(header);
  if (!value) return {};
  auto tag = sip::name_addr_tag(*value);
  return tag ? std::string(*tag) : std::string();
}

std::string invite_key(const sip::Message& message) {
  auto cseq = sip::parse_cseq(message.value_or("CSeq"));
  if (!cseq) return {};
  return std::string(message.value_or("Call-ID")) + " " + std::to_string(cseq->number);
}

void Executor::add_dialog(sip::Dialog dialog, const std::string& name, DialogOwner owner) {
  sip::Dialog& added = dialogs_.add(std::move(dialog));
  owner.named = !name.empty();
  dialog_owners_.push_back(owner);
  if (name.empty()) return;
  // The newest dialog of the pair answers to the name.
  for (std::size_t i = 0; i + 1 < dialogs_.size(); ++i) {
    const DialogOwner& o = dialog_owners_[i];
    const bool same_pair = o.played == owner.played && o.under_test == owner.under_test;
    if (same_pair && dialogs_.at(i).name() == name) dialogs_.at(i).set_name({});
  }
  added.set_name(name);
}

bool Executor::subscribed(std::string_view package, int party) const {
  for (std::size_t i = 0; i < dialogs_.size() && i < dialog_owners_.size(); ++i) {
    const bool holder = party < 0 || dialog_owners_[i].under_test == static_cast<party::Index>(party);
    if (holder && dialogs_.at(i).subscribed(package)) return true;
  }
  return false;
}

const DialogOwner* Executor::owner_of(const sip::Dialog* dialog) const {
  for (std::size_t i = 0; i < dialogs_.size() && i < dialog_owners_.size(); ++i)
    if (&dialogs_.at(i) == dialog) return &dialog_owners_[i];
  return nullptr;
}

// A dialog of the pair of parties a and b (either order): the one of that name, or for
// no name the pair's implicit dialog, its first created without a name (a registration
// preamble's "reg" subscription comes first and is not the call's). A name no dialog of the pair has is
// looked for among all dialogs.
sip::Dialog* Executor::dialog_named(std::string_view name, party::Index a, party::Index b) {
  const bool a_played = a < roster_.size() && !roster_.under_test(a);
  const DialogOwner pair{a_played ? a : b, a_played ? b : a};
  for (std::size_t i = 0; i < dialogs_.size() && i < dialog_owners_.size(); ++i) {
    const DialogOwner& o = dialog_owners_[i];
    if (o.played != pair.played || o.under_test != pair.under_test) continue;
    if (name.empty() ? !o.named : dialogs_.at(i).name() == name) return &dialogs_.at(i);
  }
  return name.empty() ? nullptr : dialogs_.named(name);
}

void Executor::bind_request(const InboxItem& item) {
  const sip::Message& request = item.message;
  std::string name = step_.dialog;
  if (sip::Dialog* dialog = dialogs_.find(request)) {
    name = dialog->name();
    auto outcome = dialog->on_remote_request(request);
    if (!outcome) set_fail(std::string(request.method()) + ": " + outcome.reason());
  } else if (const RelayedDialog* relayed = relayed_dialog(request)) {
    name = relayed->name;
  }
  if (request.method() == "ACK") return;  // nothing answers an ACK
  received_.push_back(
      ReceivedRequest{request, item.tx, name, {}, false, item.sender.value_or(step_.from)});
}

void Executor::bind_response(const InboxItem& item) {
  const sip::Message& response = item.message;
  if (auto relay = relays_.find(item.tx); relay != relays_.end()) {
    note_relayed_response(relay->second, response);
    return;
  }
  if (sip::Dialog* dialog = dialogs_.find(response)) {
    auto outcome = dialog->on_response(response);
    if (!outcome) set_fail(std::to_string(response.status_code()) + ": " + outcome.reason());
    return;
  }
  auto sent = sent_.find(item.tx);
  if (sent == sent_.end()) return;
  const sip::Message& request = sent->second.request;
  if (!creates_dialog(request.method()) || !establishes(response.status_code()) ||
      tag_of(response, "To").empty())
    return;
  auto dialog = sip::Dialog::create_uac(request, response);
  if (!dialog) {
    set_fail(std::to_string(response.status_code()) + ": " + dialog.reason());
    return;
  }
  add_dialog(std::move(dialog).value(), sent->second.dialog,
             {sent->second.from, sent->second.receiver});
}

void Executor::after_response_sent(ReceivedRequest& answered, const sip::Message& response,
                                   party::Index played) {
  const int status = response.status_code();
  if (status >= 200) answered.answered = true;
  const sip::Message& request = answered.request;
  // The To tag of the response as sent is the SS's tag in the dialog, whoever chose it.
  if (sip::Dialog* dialog = dialogs_.find(request.value_or("Call-ID"), tag_of(response, "To"),
                                          tag_of(request, "From"))) {
    dialog->on_local_response(response);  // a 2xx confirms, a final error ends an early one
    return;
  }
  if (!creates_dialog(request.method()) || !establishes(status)) return;
  auto dialog = sip::Dialog::create_uas(request, response);
  if (!dialog) {
    set_error("cannot create the dialog: " + dialog.reason());
    return;
  }
  add_dialog(std::move(dialog).value(), answered.dialog, {played, answered.sender});
}

void Executor::after_request_sent(const scn_out& out, const sip::Message& request, sip::TxId tx,
                                  const sip::Destination& to) {
  if (sip::Dialog* dialog = dialogs_.find(request.value_or("Call-ID"), tag_of(request, "From"),
                                          tag_of(request, "To")))
    dialog->on_local_request(request);
  if (tx != sip::no_tx) sent_[tx] = SentRequest{request, out.dialog, to, out.from, out.to};
  if (request.method() == "ACK") acks_.push_back({invite_key(request), sip::serialize(request), to});
}

ReceivedRequest* Executor::request_to_answer(std::string_view dialog, std::string_view method,
                                             party::Index sender) {
  ReceivedRequest* latest = nullptr;
  for (auto it = received_.rbegin(); it != received_.rend(); ++it) {
    if (it->dialog != dialog || it->sender != sender) continue;
    if (!method.empty() && it->request.method() != method) continue;
    if (!it->answered) return &*it;
    if (!latest) latest = &*it;
  }
  return latest;
}

// RFC 3261 12.2.1.1 and 8.1.2: a request in a dialog whose route set starts with a loose
// router goes to that router (a played UE behind a proxy under test). The played network's
// own Record-Route, echoed back by a UE, names one of its own sockets and is passed over.
std::optional<net::Address> Executor::loose_next_hop(const sip::Dialog* dialog) const {
  if (!dialog || dialog->route_set().empty()) return std::nullopt;
  auto first = sip::parse_name_addr(dialog->route_set().front());
  if (!first || !first->uri.is_sip() || !first->uri.param("lr")) return std::nullopt;
  auto address = net::Address::from_host(first->uri.host, first->uri.port.value_or(5060));
  if (!address) return std::nullopt;
  if (transport_ && transport_->local() == *address) return std::nullopt;
  for (const auto& own : own_transports_)
    if (own->local() == *address) return std::nullopt;
  return address;
}

// The first hop of a loose route set, else the dialog's remote target, else where the
// receiving party under test is.
std::optional<sip::Destination> Executor::request_destination(const sip::Dialog* dialog,
                                                              party::Index from,
                                                              party::Index to) {
  sip::Destination destination{transport_of(from), {}};
  const net::Family family = destination.transport->local().family();
  if (auto next = loose_next_hop(dialog); next && next->family() == family) {
    destination.address = *next;
    return destination;
  }
  if (dialog) {
    auto target = sip::parse_uri(dialog->remote_target());
    if (target && target->is_sip()) {
      auto address = net::Address::from_host(target->host, target->port.value_or(5060));
      if (address && address->family() == family) {
        destination.address = *address;
        return destination;
      }
    }
  }
  if (auto address = address_of(to)) {
    destination.address = *address;
    return destination;
  }
  return std::nullopt;
}

}  // namespace scn
