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
  auto parsed = sip::parse_name_addr(*value);
  if (!parsed) return {};
  auto tag = parsed->tag();
  return tag ? std::string(*tag) : std::string();
}

std::string invite_key(const sip::Message& message) {
  auto cseq = sip::parse_cseq(message.value_or("CSeq"));
  if (!cseq) return {};
  return std::string(message.value_or("Call-ID")) + " " + std::to_string(cseq->number);
}

sip::Dialog* Executor::dialog_named(std::string_view name) { return dialogs_.named(name); }

void Executor::bind_request(const InboxItem& item) {
  const sip::Message& request = item.message;
  std::string name = step_.dialog;
  if (sip::Dialog* dialog = dialogs_.find(request)) {
    name = dialog->name();
    auto outcome = dialog->on_remote_request(request);
    if (!outcome) set_fail(std::string(request.method()) + ": " + outcome.reason());
  }
  if (request.method() == "ACK") return;  // nothing answers an ACK
  received_.push_back(ReceivedRequest{request, item.tx, name, {}, false});
}

void Executor::bind_response(const InboxItem& item) {
  const sip::Message& response = item.message;
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
  dialogs_.add(std::move(dialog).value(), sent->second.dialog);
}

void Executor::after_response_sent(ReceivedRequest& answered, const sip::Message& response) {
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
  dialogs_.add(std::move(dialog).value(), answered.dialog);
}

void Executor::after_request_sent(const scn_out& out, const sip::Message& request, sip::TxId tx,
                                  const sip::Destination& to) {
  if (sip::Dialog* dialog = dialogs_.find(request.value_or("Call-ID"), tag_of(request, "From"),
                                          tag_of(request, "To")))
    dialog->on_local_request(request);
  if (tx != sip::no_tx) sent_[tx] = SentRequest{request, out.dialog, to};
  if (request.method() == "ACK") acks_.push_back({invite_key(request), sip::serialize(request), to});
}

ReceivedRequest* Executor::request_to_answer(std::string_view dialog, std::string_view method) {
  ReceivedRequest* latest = nullptr;
  for (auto it = received_.rbegin(); it != received_.rend(); ++it) {
    if (it->dialog != dialog) continue;
    if (!method.empty() && it->request.method() != method) continue;
    if (!it->answered) return &*it;
    if (!latest) latest = &*it;
  }
  return latest;
}

std::optional<sip::Destination> Executor::request_destination(const sip::Dialog* dialog) {
  sip::Destination to{transport_.get(), {}};
  if (dialog) {
    auto target = sip::parse_uri(dialog->remote_target());
    if (target && target->is_sip()) {
      auto address = net::Address::from_host(target->host, target->port.value_or(5060));
      if (address && address->family() == transport_->local().family()) {
        to.address = *address;
        return to;
      }
    }
  }
  if (!options_.ue.empty()) {
    if (auto address = net::Address::parse(options_.ue)) {
      to.address = *address;
      return to;
    }
  }
  if (last_ue_address_) {
    to.address = *last_ue_address_;
    return to;
  }
  return std::nullopt;
}

}  // namespace scn
