// Client non-INVITE transaction, RFC 3261 17.1.2 (figure 6).
#include "transaction/machine.h"

namespace scn::sip {

ClientNonInviteTx::ClientNonInviteTx(TxHost& host, TxId id, Message request,
                                     Destination destination)
    : ClientTransaction(host, id, TxKind::ClientNonInvite, std::move(request),
                        std::move(destination)),
      request_bytes_(serialize(this->request())),
      timer_e_f_(host.loop()),
      timer_k_(host.loop()) {}

Result<void> ClientNonInviteTx::start() {
  if (auto sent = send(request_bytes_, false); !sent) {
    state_ = ClientNonInviteState::Terminated;
    return sent;
  }
  Retransmitter::Schedule schedule;
  schedule.first = unreliable() ? timers().e() : 0;  // timer E only over UDP
  schedule.cap = timers().t2;
  schedule.give_up = timers().f();
  timer_e_f_.start(
      schedule, [this] { resend(request_bytes_); },
      [this] {
        terminate();
        host_.tu().on_timeout(id(), TimerName::F);
      });
  return {};
}

void ClientNonInviteTx::receive(const Message& response, const net::Inbound& from) {
  const int status = response.status_code();
  if (state_ == ClientNonInviteState::Completed || state_ == ClientNonInviteState::Terminated) {
    host_.tu().on_absorbed(response, from);  // retransmitted final
    return;
  }
  if (status < 200) {
    // 17.1.2.2: in Proceeding timer E fires every T2.
    if (state_ == ClientNonInviteState::Trying) timer_e_f_.hold_interval(timers().t2);
    state_ = ClientNonInviteState::Proceeding;
    host_.tu().on_response({id(), response, from});
    return;
  }
  timer_e_f_.stop();
  state_ = ClientNonInviteState::Completed;
  Millis k = timers().k(!unreliable());
  if (k == 0)
    terminate();
  else
    timer_k_.start(k, [this] { terminate(); });
  host_.tu().on_response({id(), response, from});
}

void ClientNonInviteTx::terminate() {
  if (state_ == ClientNonInviteState::Terminated) return;
  state_ = ClientNonInviteState::Terminated;
  timer_e_f_.stop();
  timer_k_.stop();
  host_.terminated(id());
}

}  // namespace scn::sip
