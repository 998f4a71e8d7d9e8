// Executor as the transaction user: what arrives is queued in the inbox, traced and
// shown as one flow line; protocol failures of the UE become verdicts at once.
#include <algorithm>
#include <cstdio>

#include "executor/executor.h"

namespace scn {

namespace {

std::string transport_name(const net::Transport* transport) {
  return transport && transport->reliable() ? "tcp" : "udp";
}

std::string what_gave_up(sip::TimerName timer) {
  switch (timer) {
    case sip::TimerName::B:
    case sip::TimerName::F: return "no response from the UE to the SS's request";
    case sip::TimerName::H: return "no ACK from the UE for the SS's final response";
    case sip::TimerName::Reliable1xx:
      return "no PRACK from the UE for the reliable provisional response";
    case sip::TimerName::Retransmit2xx: return "no ACK from the UE for the 2xx to INVITE";
    default: return "a transaction timer expired";
  }
}

}  // namespace

void Executor::print_flow(const TraceEntry& entry) {
  if (!printing_ || lingering_) return;
  std::fputs((flow_line(entry) + "\n").c_str(), stdout);  // shows the note itself
  std::fflush(stdout);
}

void Executor::record_inbound(std::string_view raw, const net::Address& from, std::string note) {
  last_ue_activity_ = loop_.now();
  const TraceEntry& entry =
      trace_.record(Direction::UeToSs, transport_name(transport_.get()), from.to_string(),
                    transport_->local().to_string(), step_.id, std::string(raw), std::move(note));
  print_flow(entry);
}

void Executor::queue(const sip::Message& message, sip::TxId tx, const net::Inbound& from) {
  record_inbound(message.raw(), from.source, {});
  last_ue_address_ = from.source;
  inbox_.push_back(InboxItem{message, tx, from.source, false, step_.id});
}

void Executor::on_request(const sip::IncomingRequest& in) {
  queue(in.request, in.tx, in.from);
}

void Executor::on_response(const sip::IncomingResponse& in) {
  if (absorb_2xx_retransmission(in)) return;
  queue(in.response, in.tx, in.from);
}

// A 2xx to the SS's INVITE comes again while the UE has not seen the ACK: send the ACK
// again if the test case sent one; either way it is a retransmission, not a new message.
bool Executor::absorb_2xx_retransmission(const sip::IncomingResponse& in) {
  const sip::Message& response = in.response;
  const int status = response.status_code();
  auto cseq = sip::parse_cseq(response.value_or("CSeq"));
  if (status < 200 || status >= 300 || !cseq || cseq->method != "INVITE") return false;
  const std::string key = invite_key(response);
  if (std::find(invite_2xx_seen_.begin(), invite_2xx_seen_.end(), key) == invite_2xx_seen_.end()) {
    invite_2xx_seen_.push_back(key);
    return false;
  }
  record_inbound(response.raw(), in.from.source, "retransmission");
  // Best effort: the UE retransmits its 2xx for as long as no ACK reaches it.
  for (const SentAck& ack : acks_) {
    if (ack.key == key) (void)layer_->send_raw(ack.bytes, ack.to);
  }
  return true;
}

void Executor::on_ack(const sip::IncomingAck& in) {
  queue(in.ack, in.tx, in.from);
}

void Executor::on_absorbed(const sip::Message& retransmission, const net::Inbound& from) {
  record_inbound(retransmission.raw(), from.source, "retransmission");
}

void Executor::on_sent(std::string_view bytes, const sip::Destination& to, bool retransmission) {
  const TraceEntry& entry =
      trace_.record(Direction::SsToUe, transport_name(to.transport),
                    transport_->local().to_string(), to.address.to_string(), step_.id,
                    std::string(bytes), retransmission ? "retransmission" : "");
  print_flow(entry);
}

void Executor::on_timeout(sip::TxId tx, sip::TimerName timer) {
  (void)tx;
  if (lingering_) return;  // after the verdict: too late to judge
  set_fail(what_gave_up(timer));
}

void Executor::on_transport_error(sip::TxId tx, const std::string& reason) {
  (void)tx;
  if (lingering_) return;
  set_fail("cannot reach the UE: " + reason);
}

void Executor::on_bad_message(const net::InboundError& error) {
  record_inbound(error.raw, error.source, "malformed");
  if (lingering_) return;
  set_fail("malformed message from the UE: " + error.reason);
}

}  // namespace scn
