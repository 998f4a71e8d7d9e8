// Server INVITE transaction, RFC 3261 17.2.1 (figure 7), with the retransmission of
// reliable provisional responses until PRACK (RFC 3262 section 3).
#include "transaction/machine.h"

namespace scn::sip {

namespace {
constexpr Millis trying_delay = 200;  // 17.2.1: 100 Trying if the TU is slower than this
}

ServerInviteTx::ServerInviteTx(TxHost& host, TxId id, Message request, Destination destination)
    : ServerTransaction(host, id, TxKind::ServerInvite, std::move(request),
                        std::move(destination)),
      trying_timer_(host.loop()),
      timer_g_h_(host.loop()),
      timer_i_(host.loop()) {
  auto cseq = parse_cseq(this->request().value_or("CSeq"));
  cseq_ = cseq ? cseq->number : 0;
}

void ServerInviteTx::start() {
  switch (host_.config().trying_100) {
    case Trying100::never: return;
    case Trying100::immediately: send_100_trying(); return;
    case Trying100::after_200ms: trying_timer_.start(trying_delay, [this] { send_100_trying(); });
  }
}

void ServerInviteTx::send_100_trying() {
  if (state_ != ServerInviteState::Proceeding || !last_provisional_.empty()) return;
  auto trying = make_response(request(), 100).message();
  if (!trying) return transport_failed("cannot build the 100 Trying: " + trying.reason());
  last_provisional_ = stamped_response(*trying, destination().address);
  if (auto sent = send(last_provisional_, false); !sent) transport_failed(sent.reason());
}

void ServerInviteTx::receive(const Message& message, const net::Inbound& from) {
  const bool ack = message.method() == "ACK";
  if (ack && state_ == ServerInviteState::Completed) {
    timer_g_h_.stop();
    state_ = ServerInviteState::Confirmed;
    Millis i = timers().i(!unreliable());
    if (i == 0)
      terminate();
    else
      timer_i_.start(i, [this] { terminate(); });
    host_.tu().on_ack({id(), message, from, false});
    return;
  }
  if (!ack && state_ == ServerInviteState::Proceeding && !last_provisional_.empty())
    resend(last_provisional_);
  else if (!ack && state_ == ServerInviteState::Completed)
    resend(final_bytes_);
  host_.tu().on_absorbed(message, from);
}

Result<void> ServerInviteTx::respond(const Message& response, std::string bytes) {
  if (state_ != ServerInviteState::Proceeding)
    return make_error("the INVITE transaction is " + std::string(to_string(state_)) +
                      ", not Proceeding");
  trying_timer_.stop();
  const int status = response.status_code();
  if (auto sent = send(bytes, false); !sent) {
    terminate();
    return sent;
  }
  if (status < 200) {
    if (is_reliable_provisional(response)) start_reliable(response, bytes);
    last_provisional_ = std::move(bytes);
  } else if (status < 300) {
    terminate();  // the layer retransmits the 2xx until ACK (13.3.1.4)
  } else {
    complete(std::move(bytes));
  }
  return {};
}

void ServerInviteTx::start_reliable(const Message& response, const std::string& bytes) {
  auto rseq = parse_rseq(response.value_or("RSeq"));
  if (!rseq) return;  // unparseable RSeq: sent as is, nothing a PRACK could match
  const auto& config = host_.config();
  Retransmitter::Schedule schedule;
  bool resend_it = unreliable() || config.retransmit_2xx_and_reliable_1xx_over_tcp;
  schedule.first = resend_it ? config.timers.t1 : 0;  // doubling without a cap (RFC 3262)
  schedule.give_up = 64 * config.timers.t1;
  auto& entry = reliable_.emplace_back(
      ReliableProvisional{*rseq, bytes, std::make_unique<Retransmitter>(host_.loop())});
  const std::uint32_t number = *rseq;
  entry.retransmitter->start(
      schedule, [this, &entry] { resend(entry.bytes); },
      [this, number] {
        reliable_.remove_if([number](const auto& r) { return r.rseq == number; });
        host_.tu().on_timeout(id(), TimerName::Reliable1xx);
      });
}

bool ServerInviteTx::acknowledge(std::uint32_t rseq, std::uint32_t cseq, std::string_view method) {
  if (cseq != cseq_ || method != "INVITE") return false;
  auto before = reliable_.size();
  reliable_.remove_if([rseq](const auto& r) { return r.rseq == rseq; });
  return reliable_.size() != before;
}

void ServerInviteTx::complete(std::string bytes) {
  reliable_.clear();  // a final response ends the wait for PRACKs
  final_bytes_ = std::move(bytes);
  state_ = ServerInviteState::Completed;
  Retransmitter::Schedule schedule;
  schedule.first = unreliable() ? timers().g() : 0;  // timer G only over UDP
  schedule.cap = timers().t2;
  schedule.give_up = timers().h();
  timer_g_h_.start(
      schedule, [this] { resend(final_bytes_); },
      [this] {
        terminate();
        host_.tu().on_timeout(id(), TimerName::H);  // no ACK (17.2.1)
      });
}

void ServerInviteTx::terminate() {
  if (state_ == ServerInviteState::Terminated) return;
  state_ = ServerInviteState::Terminated;
  reliable_.clear();
  trying_timer_.stop();
  timer_g_h_.stop();
  timer_i_.stop();
  host_.terminated(id());
}

}  // namespace scn::sip
