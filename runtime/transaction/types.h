// Vocabulary of the transaction layer (RFC 3261 section 17): state enums, ids, where a
// message goes, configuration, and the transaction-user interface the layers above
// (dialogs, the test executor) implement.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "msg/msg.h"
#include "transport/address.h"
#include "transaction/timers.h"
#include "transport/transport.h"

namespace scn::sip {

using TxId = std::uint64_t;
inline constexpr TxId no_tx = 0;

enum class TxKind { ClientInvite, ClientNonInvite, ServerInvite, ServerNonInvite };

enum class ClientInviteState { Calling, Proceeding, Completed, Terminated };
enum class ClientNonInviteState { Trying, Proceeding, Completed, Terminated };
enum class ServerInviteState { Proceeding, Completed, Confirmed, Terminated };
enum class ServerNonInviteState { Trying, Proceeding, Completed, Terminated };

using TxState =
    std::variant<ClientInviteState, ClientNonInviteState, ServerInviteState, ServerNonInviteState>;

std::string_view to_string(TxKind kind);
std::string_view to_string(ClientInviteState state);
std::string_view to_string(ClientNonInviteState state);
std::string_view to_string(ServerInviteState state);
std::string_view to_string(ServerNonInviteState state);
std::string_view to_string(const TxState& state);

// A transport and the remote address on it.
struct Destination {
  net::Transport* transport = nullptr;
  net::Address address;
  bool reliable() const { return transport && transport->reliable(); }
};

// When a server INVITE transaction sends 100 Trying by itself (RFC 3261 17.2.1).
enum class Trying100 { never, immediately, after_200ms };

struct TransactionConfig {
  TimerConfig timers;
  // Off by default: the test scenario says what the SS sends, 100 Trying included.
  Trying100 trying_100 = Trying100::never;
  // RFC 3261 13.3.1.4 (2xx to INVITE) and RFC 3262 section 3 (reliable 1xx) retransmit
  // from the TU whatever the transport, since a hop further on may be unreliable.
  bool retransmit_2xx_and_reliable_1xx_over_tcp = true;
  // RFC 3261 18.2.2 for responses over UDP: source address when the top Via has rport,
  // else the source IP with the sent-by port. Off: always the source address and port.
  bool route_responses_by_via = true;
};

// A new request with its new server transaction.
struct IncomingRequest {
  TxId tx = no_tx;
  const Message& request;
  const net::Inbound& from;
  TxId cancels = no_tx;        // CANCEL: the INVITE server transaction it matches
  bool prack_matched = false;  // PRACK: it stopped a pending reliable provisional response
};

// A response for a client transaction (tx), or one no transaction wanted (tx == no_tx:
// a 2xx retransmission, or a response to nothing we sent).
struct IncomingResponse {
  TxId tx = no_tx;
  const Message& response;
  const net::Inbound& from;
};

// An ACK the TU should see: for a non-2xx final (tx is the INVITE server transaction,
// for_2xx false) or for a 2xx (tx is the INVITE server transaction that sent it if its
// retransmission was pending, else no_tx).
struct IncomingAck {
  TxId tx = no_tx;
  const Message& ack;
  const net::Inbound& from;
  bool for_2xx = true;
};

class TransactionUser {
public:
  virtual ~TransactionUser() = default;
  virtual void on_request(const IncomingRequest& in) = 0;
  virtual void on_response(const IncomingResponse& in) = 0;
  virtual void on_ack(const IncomingAck& in) = 0;
  // Timer B, F, H, or the retransmission of a reliable 1xx / 2xx gave up without answer.
  virtual void on_timeout(TxId tx, TimerName timer) = 0;
  // A message of the transaction could not be sent (RFC 3261 17.1.4 / 17.2.4).
  virtual void on_transport_error(TxId tx, const std::string& reason) = 0;
  // Bytes that did not parse, or a message the layer cannot match (no usable Via, CSeq...).
  virtual void on_bad_message(const net::InboundError& error) = 0;
  // Optional observers, for traces.
  virtual void on_absorbed(const Message& retransmission, const net::Inbound& from) {
    (void)retransmission, (void)from;
  }
  virtual void on_sent(std::string_view bytes, const Destination& to, bool retransmission) {
    (void)bytes, (void)to, (void)retransmission;
  }
  virtual void on_terminated(TxId tx) { (void)tx; }
};

}  // namespace scn::sip
