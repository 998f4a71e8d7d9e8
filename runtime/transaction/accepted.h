// Private to the transaction module: INVITEs the SS answered with a 2xx. The server transaction ends with the 2xx (RFC 3261
// 17.2.1), so this keeps what comes after it: the 2xx is retransmitted (T1 doubling up
// to T2) until the ACK arrives (13.3.1.4), giving up at 64*T1; and for those 64*T1 a
// retransmitted INVITE is absorbed rather than seen as a new request (as RFC 6026's
// Accepted state does).
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <optional>
#include <string>

#include "transaction/machine.h"

namespace scn::sip {

class AcceptedInvites {
public:
  explicit AcceptedInvites(TxHost& host) : host_(host) {}

  // The server transaction `tx` (key `server_key`) sent the 2xx `bytes` to `to`.
  void add(TxId tx, std::string server_key, const Message& invite, std::string bytes,
           const Destination& to);

  struct AckMatch {
    TxId tx = no_tx;
    bool first = false;  // the first ACK for that 2xx (later ones are retransmissions)
  };
  // An ACK with the Call-ID and CSeq number of a pending 2xx stops its retransmission.
  std::optional<AckMatch> match_ack(const Message& ack);
  // A retransmission of an answered INVITE: resends the 2xx unless already acknowledged.
  bool absorb_invite(const std::string& server_key);

  std::size_t size() const { return entries_.size(); }
  // 2xx responses still waiting for their ACK.
  std::size_t unacknowledged() const;

private:
  struct Entry {
    TxId tx;
    std::string key;
    std::string call_id;
    std::uint32_t cseq;
    std::string bytes;
    Destination to;
    bool acked = false;
    std::unique_ptr<Retransmitter> retransmitter;
  };
  void resend(Entry& entry);
  void expire(TxId tx);

  TxHost& host_;
  std::list<Entry> entries_;
};

}  // namespace scn::sip
