#include "transaction/accepted.h"

namespace scn::sip {

void AcceptedInvites::add(TxId tx, std::string server_key, const Message& invite,
                          std::string bytes, const Destination& to) {
  auto cseq = parse_cseq(invite.value_or("CSeq"));
  auto& entry = entries_.emplace_back(Entry{tx, std::move(server_key),
                                            std::string(invite.value_or("Call-ID")),
                                            cseq ? cseq->number : 0, std::move(bytes), to, false,
                                            std::make_unique<Retransmitter>(host_.loop())});
  const auto& config = host_.config();
  Retransmitter::Schedule schedule;
  bool resend_it = !to.reliable() || config.retransmit_2xx_and_reliable_1xx_over_tcp;
  schedule.first = resend_it ? config.timers.t1 : 0;
  schedule.cap = config.timers.t2;
  schedule.give_up = 64 * config.timers.t1;
  entry.retransmitter->start(
      schedule, [this, &entry] { resend(entry); }, [this, tx] { expire(tx); });
}

void AcceptedInvites::resend(Entry& entry) {
  auto sent = host_.transmit(entry.to, entry.bytes, true);
  if (sent) return;
  entry.retransmitter->stop_resending();
  host_.tu().on_transport_error(entry.tx, sent.reason());
}

void AcceptedInvites::expire(TxId tx) {
  bool acked = true;
  entries_.remove_if([&](const Entry& e) {
    if (e.tx != tx) return false;
    acked = e.acked;
    return true;
  });
  if (!acked) host_.tu().on_timeout(tx, TimerName::Retransmit2xx);
}

std::optional<AcceptedInvites::AckMatch> AcceptedInvites::match_ack(const Message& ack) {
  auto cseq = parse_cseq(ack.value_or("CSeq"));
  if (!cseq) return std::nullopt;
  auto call_id = ack.value_or("Call-ID");
  for (auto& entry : entries_) {
    if (entry.call_id != call_id || entry.cseq != cseq->number) continue;
    AckMatch match{entry.tx, !entry.acked};
    entry.acked = true;
    entry.retransmitter->stop_resending();
    std::string().swap(entry.bytes);  // never sent again: absorb_invite resends unacked only
    return match;
  }
  return std::nullopt;
}

bool AcceptedInvites::absorb_invite(const std::string& server_key) {
  for (auto& entry : entries_) {
    if (entry.key != server_key) continue;
    // Best effort: the scheduled retransmissions report a transport that fails.
    if (!entry.acked) (void)host_.transmit(entry.to, entry.bytes, true);
    return true;
  }
  return false;
}

std::size_t AcceptedInvites::unacknowledged() const {
  std::size_t n = 0;
  for (const auto& entry : entries_) n += entry.acked ? 0 : 1;
  return n;
}

}  // namespace scn::sip
