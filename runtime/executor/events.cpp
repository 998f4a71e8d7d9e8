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

}  // namespace

// The first new message from a party under test while a step waits says how long it
// was waited for (on a terminal only: flow_line() shows it there), unless it came at once.
void Executor::print_flow(const TraceEntry& entry) {
  if (!printing_ || lingering_) return;
  constexpr Millis kWorthSaying = 100;
  std::optional<std::uint64_t> waited;
  if (entry.direction == Direction::UeToSs && entry.note.empty() && waiting_since_) {
    const Millis ms = loop_.now() - *waiting_since_;
    if (ms >= kWorthSaying) waited = static_cast<std::uint64_t>(ms);
    waiting_since_.reset();
  }
  print_console(flow_line(entry, console_, waited));  // shows the note itself
}

void Executor::print_console(const std::string& line) {
  if (!printing_ || lingering_) return;
  live_.clear();
  std::fputs((line + "\n").c_str(), stdout);
  std::fflush(stdout);
}

// Not in an interactive session: its step hook sees the skipped steps and lists them
// itself ("not run: steps 11, 12, 13 (...)").
void Executor::print_not_run(const StepInfo& first, const std::string& why) {
  if (hook_) return;
  const std::string line = not_run_line(first.id, first.window_end, why);
  const std::string stamp = console_.terminal ? stamp_text(trace_.elapsed_ms()) + " " : "";
  print_console(paint(console_, Tone::Dim, stamp + line));
}

void Executor::record_inbound(std::string_view raw, const net::Inbound& from, std::string note,
                              std::optional<party::Index> sender) {
  // A stray (no party's, once every party has an address) is nobody's activity: a flood
  // of them must not keep the SS lingering.
  if (sender || !where_.all_known()) last_party_activity_ = loop_.now();
  if (options_.silent) return;  // a load instance: no trace file, report or REPL reads it
  const net::Transport* at = from.transport ? from.transport : transport_.get();
  auto receiver = receiver_at(at);
  const std::string parties =
      parties_text(sender ? name_of(*sender) : from.source.to_string(),
                   receiver ? name_of(*receiver) : at->local().to_string());
  const TraceEntry& entry =
      trace_.record(Direction::UeToSs, transport_name(at), from.source.to_string(),
                    at->local().to_string(), step_.id, std::string(raw), std::move(note), parties);
  print_flow(entry);
}

// A message whose sender is no party once every party under test has an address is
// someone else's: traced, counted and left alone. A request no step waits for may be
// taken by a rule for unexpected messages instead of being queued.
void Executor::queue(const sip::Message& message, sip::TxId tx, const net::Inbound& from) {
  InboxItem item{message, tx, from.source, false, step_.id, from.transport, std::nullopt,
                 std::nullopt};
  item.origin = party::origin_of(message, from.source);
  item.sender = attribute(item);
  if (item.sender) (void)where_.learn(*item.sender, *item.origin);
  if (!item.sender && where_.all_known()) {
    ++strays_;
    record_inbound(message.raw(), from, "from no party: ignored", std::nullopt);
    return;
  }
  if (answer_unexpected(item, from)) return;
  record_inbound(message.raw(), from, {}, item.sender);
  inbox_.push_back(std::move(item));
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
  InboxItem item{response, in.tx, in.from.source, false, {}, in.from.transport, std::nullopt,
                 std::nullopt};
  record_inbound(response.raw(), in.from, "retransmission", attribute(item));
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
  InboxItem item{retransmission, sip::no_tx, from.source, false, {}, from.transport,
                 std::nullopt, std::nullopt};
  record_inbound(retransmission.raw(), from, "retransmission", attribute(item));
}

// The parties of an outgoing message: the step's while it sends, else (retransmissions)
// the played party on that transport and the party under test at that address.
void Executor::on_sent(std::string_view bytes, const sip::Destination& to, bool retransmission) {
  if (options_.silent) return;  // as record_inbound
  const net::Transport* at = to.transport ? to.transport : transport_.get();
  std::string parties;
  if (roster_.declared()) {
    auto from = sending_ ? std::optional(sending_->first) : receiver_at(at);
    auto receiver =
        sending_ ? std::optional(sending_->second) : where_.sender({to.address, {}, {}});
    parties = parties_text(from ? name_of(*from) : at->local().to_string(),
                           receiver ? name_of(*receiver) : to.address.to_string());
  }
  const TraceEntry& entry =
      trace_.record(Direction::SsToUe, transport_name(at), at->local().to_string(),
                    to.address.to_string(), step_.id, std::string(bytes),
                    retransmission ? "retransmission" : "", parties);
  print_flow(entry);
}

// Which transaction gave up, in words: the parties and the message it carried.
void Executor::on_timeout(sip::TxId tx, sip::TimerName timer) {
  if (lingering_) return;  // after the verdict: too late to judge
  std::string ue = "the UE", ss = "the SS's";
  if (auto sent = sent_.find(tx); sent != sent_.end() && roster_.declared()) {
    ue = name_of(sent->second.receiver);
    ss = name_of(sent->second.from) + "'s " + std::string(sent->second.request.method());
  }
  for (const ReceivedRequest& r : received_) {
    if (r.tx != tx || !roster_.declared()) continue;
    ue = name_of(r.sender);
    ss = "the";
  }
  const std::string request = roster_.declared() ? "" : " request";
  switch (timer) {
    case sip::TimerName::B:
    case sip::TimerName::F: return set_fail("no response from " + ue + " to " + ss + request);
    case sip::TimerName::H: return set_fail("no ACK from " + ue + " for " + ss + " final response");
    case sip::TimerName::Reliable1xx:
      return set_fail("no PRACK from " + ue + " for the reliable provisional response");
    case sip::TimerName::Retransmit2xx:
      return set_fail("no ACK from " + ue + " for the 2xx to INVITE");
    default: return set_fail("a transaction timer expired");
  }
}

void Executor::on_transport_error(sip::TxId tx, const std::string& reason) {
  if (lingering_) return;
  std::string ue = "the UE";
  if (auto sent = sent_.find(tx); sent != sent_.end() && roster_.declared())
    ue = name_of(sent->second.receiver);
  set_fail("cannot reach " + ue + ": " + reason);
}

void Executor::on_bad_message(const net::InboundError& error) {
  net::Inbound from;
  from.source = error.source;
  from.local = error.local;
  from.transport = error.transport;
  const std::optional<party::Index> sender = only_under_test()
                                                 ? sole_sender(error.source, error.transport)
                                                 : where_.sender({error.source, {}, {}});
  if (!sender && where_.all_known()) {  // someone else's: it does not disturb the run
    ++strays_;
    record_inbound(error.raw, from, "malformed, from no party: ignored", std::nullopt);
    return;
  }
  if (answer_malformed(error, from, sender)) return;
  record_inbound(error.raw, from, "malformed", sender);
  if (lingering_) return;
  set_fail("malformed message from " + sender_name(sender, error.source) + ": " + error.reason);
}

}  // namespace scn
