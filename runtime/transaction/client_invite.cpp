// Client INVITE transaction, RFC 3261 17.1.1 (figure 5).
#include "transaction/machine.h"

namespace scn::sip {

ClientInviteTx::ClientInviteTx(TxHost& host, TxId id, Message request, Destination destination)
    : ClientTransaction(host, id, TxKind::ClientInvite, std::move(request),
                        std::move(destination)),
      request_bytes_(serialize(this->request())),
      timer_a_b_(host.loop()),
      timer_d_(host.loop()) {}

Result<void> ClientInviteTx::start() {
  if (auto sent = send(request_bytes_, false); !sent) {
    state_ = ClientInviteState::Terminated;
    return sent;
  }
  Retransmitter::Schedule schedule;
  schedule.first = unreliable() ? timers().a() : 0;  // timer A only over UDP
  schedule.give_up = timers().b();
  timer_a_b_.start(
      schedule, [this] { resend(request_bytes_); },
      [this] {
        // Timer B: 17.1.1.2 only in Calling, since a provisional response stopped it.
        terminate();
        host_.tu().on_timeout(id(), TimerName::B);
      });
  return {};
}

void ClientInviteTx::receive(const Message& response, const net::Inbound& from) {
  const int status = response.status_code();
  switch (state_) {
    case ClientInviteState::Calling:
    case ClientInviteState::Proceeding:
      if (status < 200) {
        timer_a_b_.stop();
        state_ = ClientInviteState::Proceeding;
        host_.tu().on_response({id(), response, from});
      } else if (status < 300) {
        terminate();  // the TU acknowledges 2xx itself (13.2.2.4)
        host_.tu().on_response({id(), response, from});
      } else {
        complete(response);
        if (state_ == ClientInviteState::Terminated) return;  // the ACK could not be sent
        host_.tu().on_response({id(), response, from});
      }
      return;
    case ClientInviteState::Completed:
      // A retransmitted final: acknowledge again, do not bother the TU (17.1.1.2).
      if (status >= 300) resend(ack_bytes_);
      host_.tu().on_absorbed(response, from);
      return;
    case ClientInviteState::Terminated:
      host_.tu().on_absorbed(response, from);
      return;
  }
}

void ClientInviteTx::complete(const Message& response) {
  timer_a_b_.stop();
  state_ = ClientInviteState::Completed;
  ack_bytes_ = make_non2xx_ack(request(), response).build();
  if (auto sent = send(ack_bytes_, false); !sent) {
    transport_failed(sent.reason());
    return;
  }
  Millis d = timers().d(!unreliable());
  if (d == 0) {
    terminate();
    return;
  }
  timer_d_.start(d, [this] { terminate(); });
}

void ClientInviteTx::terminate() {
  if (state_ == ClientInviteState::Terminated) return;
  state_ = ClientInviteState::Terminated;
  timer_a_b_.stop();
  timer_d_.stop();
  host_.terminated(id());
}

}  // namespace scn::sip
