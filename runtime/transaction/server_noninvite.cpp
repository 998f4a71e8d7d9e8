// Server non-INVITE transaction, RFC 3261 17.2.2 (figure 8).
#include "transaction/machine.h"

namespace scn::sip {

ServerNonInviteTx::ServerNonInviteTx(TxHost& host, TxId id, Message request,
                                     Destination destination)
    : ServerTransaction(host, id, TxKind::ServerNonInvite, std::move(request),
                        std::move(destination)),
      timer_j_(host.loop()) {}

void ServerNonInviteTx::receive(const Message& request, const net::Inbound& from) {
  // Trying: discard. Proceeding, Completed: answer with the last response again.
  if (state_ == ServerNonInviteState::Proceeding || state_ == ServerNonInviteState::Completed)
    resend(last_response_);
  host_.tu().on_absorbed(request, from);
}

Result<void> ServerNonInviteTx::respond(const Message& response, std::string bytes) {
  if (state_ == ServerNonInviteState::Completed || state_ == ServerNonInviteState::Terminated)
    return make_error("the " + std::string(request().method()) + " transaction is " +
                      std::string(to_string(state_)) + " and takes no more responses");
  if (auto sent = send(bytes, false); !sent) {
    terminate();
    return sent;
  }
  last_response_ = std::move(bytes);
  if (response.status_code() < 200) {
    state_ = ServerNonInviteState::Proceeding;
    return {};
  }
  state_ = ServerNonInviteState::Completed;
  Millis j = timers().j(!unreliable());
  if (j == 0)
    terminate();
  else
    timer_j_.start(j, [this] { terminate(); });
  return {};
}

void ServerNonInviteTx::terminate() {
  if (state_ == ServerNonInviteState::Terminated) return;
  state_ = ServerNonInviteState::Terminated;
  timer_j_.stop();
  host_.terminated(id());
}

}  // namespace scn::sip
