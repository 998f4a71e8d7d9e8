// Dialog creation (RFC 3261 12.1) and the state changes later messages cause (12.2).
#include "dialog/dialog.h"

#include <algorithm>

#include "dialog/parts.h"
#include "msg/msg.h"

namespace scn::sip {

namespace {

bool is_target_refresh(std::string_view method) {
  return method == "INVITE" || method == "UPDATE" || method == "SUBSCRIBE" || method == "NOTIFY";
}

bool is_sips(std::string_view request_uri) {
  return request_uri.size() >= 5 && iequals(request_uri.substr(0, 5), "sips:");
}

// Status codes that may create a dialog: 1xx with a To tag (not 100) and 2xx.
Result<void> check_dialog_response(const Message& request, const Message& response) {
  if (!request.is_request()) return make_error("dialog creation needs the request");
  if (!response.is_response()) return make_error("dialog creation needs a response");
  const int status = response.status_code();
  if (status <= 100 || status >= 300) {
    return make_error("a " + std::to_string(status) + " response creates no dialog");
  }
  return {};
}

DialogState state_for(int status) {
  return status >= 200 ? DialogState::Confirmed : DialogState::Early;
}

}  // namespace

std::string_view to_string(DialogState state) {
  switch (state) {
    case DialogState::Early: return "early";
    case DialogState::Confirmed: return "confirmed";
    case DialogState::Terminated: return "terminated";
  }
  return "?";
}

Result<Dialog> Dialog::create_uas(const Message& request, const Message& response) {
  if (auto checked = check_dialog_response(request, response); !checked) return checked.error();
  const auto call_id = request.first("Call-ID");
  if (!call_id) return make_error("the request has no Call-ID");
  auto remote = detail::read_party(request, "From");
  if (!remote) return remote.error();
  auto local = detail::read_party(response, "To");
  if (!local) return local.error();
  if (local->tag.empty()) return make_error("our response has no To tag");
  auto target = detail::read_contact_uri(request);
  if (!target) return make_error("the request gives no remote target: " + target.reason());
  auto cseq = detail::read_cseq(request);
  if (!cseq) return cseq.error();

  Dialog d;
  d.role_ = DialogRole::Uas;
  d.call_id_ = std::string(*call_id);
  d.local_uri_ = local->uri;
  d.local_tag_ = local->tag;
  d.remote_uri_ = remote->uri;
  d.remote_tag_ = remote->tag;
  d.remote_target_ = *target;
  d.route_set_ = detail::read_record_route(request);  // as-is for the UAS (12.1.1)
  d.remote_cseq_ = cseq->number;
  d.secure_ = is_sips(request.request_uri());
  d.state_ = state_for(response.status_code());
  d.method_ = std::string(request.method());
  if (response.status_code() >= 200) d.track_subscription(request, false);
  return d;
}

Result<Dialog> Dialog::create_uac(const Message& request, const Message& response) {
  if (auto checked = check_dialog_response(request, response); !checked) return checked.error();
  const auto call_id = request.first("Call-ID");
  if (!call_id) return make_error("the request has no Call-ID");
  auto local = detail::read_party(request, "From");
  if (!local) return local.error();
  if (local->tag.empty()) return make_error("our request has no From tag");
  auto remote = detail::read_party(response, "To");
  if (!remote) return remote.error();
  if (remote->tag.empty()) return make_error("the response has no To tag");
  auto target = detail::read_contact_uri(response);
  if (!target) return make_error("the response gives no remote target: " + target.reason());
  auto cseq = detail::read_cseq(request);
  if (!cseq) return cseq.error();

  Dialog d;
  d.role_ = DialogRole::Uac;
  d.call_id_ = std::string(*call_id);
  d.local_uri_ = local->uri;
  d.local_tag_ = local->tag;
  d.remote_uri_ = remote->uri;
  d.remote_tag_ = remote->tag;
  d.remote_target_ = *target;
  d.route_set_ = detail::read_record_route(response);
  std::reverse(d.route_set_.begin(), d.route_set_.end());  // reversed for the UAC (12.1.2)
  d.local_cseq_ = cseq->number;
  if (request.method() == "INVITE") d.invite_cseq_ = cseq->number;
  d.secure_ = is_sips(request.request_uri());
  d.state_ = state_for(response.status_code());
  d.method_ = std::string(request.method());
  // The creating SUBSCRIBE (or REFER) of a played UE: it holds that subscription.
  if (response.status_code() >= 200) d.track_subscription(request, true);
  return d;
}

DialogOutcome Dialog::update_target(const Message& message) {
  if (!message.has("Contact")) return DialogUpdate{};
  auto target = detail::read_contact_uri(message);
  if (!target) return make_error("target refresh without a usable Contact: " + target.reason());
  if (*target == remote_target_) return DialogUpdate{};
  remote_target_ = *target;
  return DialogUpdate{true};
}

DialogOutcome Dialog::on_response(const Message& response) {
  auto cseq = detail::read_cseq(response);
  if (!cseq) return cseq.error();
  const int status = response.status_code();
  const bool to_creating = cseq->method == method_;
  if (status == 481 || status == 408) {
    state_ = DialogState::Terminated;  // 12.2.1.2
    return DialogUpdate{};
  }
  if (status >= 300) {
    if (to_creating && state_ == DialogState::Early) state_ = DialogState::Terminated;
    return DialogUpdate{};
  }
  if (status >= 200 && state_ == DialogState::Early && to_creating) {
    state_ = DialogState::Confirmed;
    if (role_ == DialogRole::Uac) {  // 13.2.2.4: the 2xx fixes the route set
      route_set_ = detail::read_record_route(response);
      std::reverse(route_set_.begin(), route_set_.end());
    }
  }
  if (remote_tag_.empty()) {
    auto to = detail::read_party(response, "To");
    if (to) remote_tag_ = to->tag;
  }
  if (status > 100 && is_target_refresh(cseq->method)) return update_target(response);
  return DialogUpdate{};
}

void Dialog::on_local_response(const Message& response) {
  auto cseq = detail::read_cseq(response);
  if (!cseq || cseq->method != method_ || state_ != DialogState::Early) return;
  const int status = response.status_code();
  if (status >= 300) state_ = DialogState::Terminated;
  else if (status >= 200) state_ = DialogState::Confirmed;
}

DialogOutcome Dialog::on_remote_request(const Message& request) {
  auto cseq = detail::read_cseq(request);
  if (!cseq) return cseq.error();
  const std::string_view method = request.method();
  // ACK and CANCEL carry the CSeq number of their INVITE, which later requests (PRACK,
  // UPDATE) have passed: 12.2.2 leaves them out of the ordering and the remote CSeq.
  if (method == "ACK" || method == "CANCEL") return DialogUpdate{};
  if (remote_cseq_ && cseq->number < *remote_cseq_) {
    return make_error("out of order: CSeq " + std::to_string(cseq->number) + " " + cseq->method +
                      " is lower than the last CSeq " + std::to_string(*remote_cseq_) +
                      " of the dialog (RFC 3261 12.2.2)");
  }
  remote_cseq_ = cseq->number;
  DialogOutcome outcome = DialogUpdate{};
  if (is_target_refresh(method)) outcome = update_target(request);
  if (method == "BYE") state_ = DialogState::Terminated;
  track_subscription(request, false);
  return outcome;
}

void Dialog::on_local_request(const Message& request) {
  auto cseq = detail::read_cseq(request);
  if (!cseq) return;
  if (request.method() != "ACK" && request.method() != "CANCEL") {
    local_cseq_ = std::max(local_cseq_, cseq->number);
  }
  if (request.method() == "INVITE") invite_cseq_ = cseq->number;
  // Either end may subscribe: the SS as notifier, or a played UE (the mirror) as subscriber.
  track_subscription(request, true);
}

std::uint32_t Dialog::next_local_cseq(std::string_view method) {
  if (method == "ACK" || method == "CANCEL") return invite_cseq_ != 0 ? invite_cseq_ : local_cseq_;
  ++local_cseq_;
  if (method == "INVITE") invite_cseq_ = local_cseq_;
  return local_cseq_;
}

}  // namespace scn::sip
