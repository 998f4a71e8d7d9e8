// transaction: the RFC 3261 section 17 transactions with their timers, the reliable
// provisional responses of RFC 3262, and the layer that owns them and hands the rest to
// its transaction user (dialogs and the executor live above it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "base/random.h"
#include "msg/msg.h"
#include "transport/transport.h"

// RFC 3261 timer values (section 17 and table 4), derived from configurable T1, T2 and T4.
namespace scn::sip {

// The named timers of RFC 3261 section 17, plus the retransmission of reliable provisional
// responses (RFC 3262) and of a UAS's 2xx to INVITE (RFC 3261 13.3.1.4).
enum class TimerName { A, B, D, E, F, G, H, I, J, K, Reliable1xx, Retransmit2xx };

std::string_view to_string(TimerName name);

struct TimerConfig {
  Millis t1 = 500;   // RTT estimate
  Millis t2 = 4000;  // maximum retransmit interval for non-INVITE requests and INVITE responses
  Millis t4 = 5000;  // maximum time a message stays in the network

  Millis a() const { return t1; }  // first INVITE retransmission; doubles without a cap
  Millis b() const { return 64 * t1; }
  Millis d(bool reliable) const { return reliable ? 0 : (32000 > b() ? 32000 : b()); }
  Millis e() const { return t1; }  // first non-INVITE retransmission; doubles up to T2
  Millis f() const { return 64 * t1; }
  Millis g() const { return t1; }  // first final-response retransmission; doubles up to T2
  Millis h() const { return 64 * t1; }
  Millis i(bool reliable) const { return reliable ? 0 : t4; }
  Millis j(bool reliable) const { return reliable ? 0 : 64 * t1; }
  Millis k(bool reliable) const { return reliable ? 0 : t4; }

  // The next interval of a doubling retransmission timer, capped at `cap` when positive.
  static Millis doubled(Millis interval, Millis cap) {
    Millis next = interval * 2;
    return cap > 0 && next > cap ? cap : next;
  }
};

}  // namespace scn::sip

// Vocabulary of the transaction layer (RFC 3261 section 17): state enums, ids, where a
// message goes, configuration, and the transaction-user interface the layers above
// (dialogs, the test executor) implement.
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

// A retransmission schedule with a deadline: resend after `first`, then at doubling
// intervals (capped when a cap is given) until stopped, and give up at the deadline.
// It drives timers A/B, E/F and G/H of the transactions, the reliable provisional
// responses of RFC 3262 and the 2xx retransmission of RFC 3261 13.3.1.4.
namespace scn::sip {

class Retransmitter {
public:
  explicit Retransmitter(Loop& loop) : resend_timer_(loop), give_up_timer_(loop) {}
  Retransmitter(const Retransmitter&) = delete;
  Retransmitter& operator=(const Retransmitter&) = delete;

  struct Schedule {
    Millis first = 0;     // first interval; 0: no retransmission, only the deadline
    Millis cap = 0;       // largest interval; 0: keeps doubling
    Millis give_up = 0;   // deadline from start; 0: none
  };

  // Starts over. The callbacks may stop() or destroy the owner of this object only
  // as their last action.
  void start(const Schedule& schedule, std::function<void()> resend,
             std::function<void()> give_up);
  // Stops resending but keeps the deadline running.
  void stop_resending() { resend_timer_.stop(); }
  // From the next retransmission on, resend every `interval` (timer E in Proceeding).
  void hold_interval(Millis interval);
  void stop();
  bool resending() const { return resend_timer_.running(); }
  bool active() const { return resend_timer_.running() || give_up_timer_.running(); }
  std::size_t retransmissions() const { return count_; }

private:
  void arm();

  Timer resend_timer_;
  Timer give_up_timer_;
  Millis interval_ = 0;
  Millis cap_ = 0;
  std::size_t count_ = 0;
  std::function<void()> resend_;
  std::function<void()> give_up_;
};

}  // namespace scn::sip

// What a transaction needs from its layer (the layer is the one implementation; the
// state machines themselves are private to this module).
namespace scn::sip {

class TxHost {
public:
  virtual ~TxHost() = default;
  virtual Loop& loop() = 0;
  virtual const TransactionConfig& config() const = 0;
  virtual TransactionUser& tu() = 0;
  virtual Result<void> transmit(const Destination& to, std::string_view bytes,
                                bool retransmission) = 0;
  // The transaction reached Terminated; the layer frees it later, outside its callbacks.
  virtual void terminated(TxId id) = 0;
};

// RFC 3261 9.1: CANCEL for a request the caller sent: same Request-URI, Call-ID, From,
// To, CSeq number and Route, the request's top Via only.
MessageBuilder make_cancel(const Message& request);

}  // namespace scn::sip

// The transaction layer (RFC 3261 section 17): owns the client and server transactions,
// matches what the transports deliver to them, and hands everything else to the
// transaction user: new requests, responses without a transaction (2xx retransmissions),
// ACKs, timeouts and transport errors.
//
// Usage: create transports and the layer on one Loop, attach() each transport, then
// send_request() / respond() / send_stateless(). Transports must outlive the layer or be
// detached before they go.
namespace scn::sip {

class AcceptedInvites;
class Transaction;

class TransactionLayer final : public net::TransportHandler, private TxHost {
public:
  TransactionLayer(Loop& loop, TransactionUser& user, TransactionConfig config = {});
  ~TransactionLayer() override;
  TransactionLayer(const TransactionLayer&) = delete;
  TransactionLayer& operator=(const TransactionLayer&) = delete;

  void attach(net::Transport& transport) { transport.set_handler(this); }
  void detach(net::Transport& transport) { transport.set_handler(nullptr); }

  // Starts a client transaction for `request` (not ACK: see send_stateless). The top Via
  // must carry a branch (new_branch()); it and the CSeq method identify the transaction.
  Result<TxId> send_request(const Message& request, const Destination& to);
  // Sends a response in server transaction `tx`. A 2xx to INVITE is then retransmitted
  // until its ACK; a reliable 1xx (RFC 3262) until its PRACK.
  Result<void> respond(TxId tx, const Message& response);
  // Sends outside any transaction: the ACK for a 2xx, or anything a test wants raw.
  Result<void> send_stateless(const Message& message, const Destination& to);
  Result<void> send_raw(std::string_view bytes, const Destination& to);

  // A fresh RFC 3261 branch: the magic cookie and 64 random bits.
  std::string new_branch();
  // Where responses to this request go (RFC 3261 18.2.2, see TransactionConfig).
  Destination response_destination(const Message& request, const net::Inbound& from) const;

  std::optional<TxState> state(TxId tx) const;
  std::optional<TxKind> kind(TxId tx) const;
  const Message* request_of(TxId tx) const;
  // Live (not yet reaped) transactions.
  std::size_t size() const { return transactions_.size(); }
  // INVITEs answered with a 2xx whose 64*T1 window is still open, and of those the ones
  // whose 2xx is still retransmitted for want of an ACK.
  std::size_t accepted_count() const;
  std::size_t unacknowledged_2xx() const;
  const TransactionConfig& config() const override { return config_; }

  // net::TransportHandler
  void on_message(const net::Inbound& in) override;
  void on_parse_error(const net::InboundError& error) override;
  void on_transport_error(net::Transport& transport, const net::Address& remote,
                          const std::string& reason) override;

private:
  // TxHost
  TxHost& host() { return *this; }
  Loop& loop() override { return loop_; }
  TransactionUser& tu() override { return user_; }
  Result<void> transmit(const Destination& to, std::string_view bytes,
                        bool retransmission) override;
  void terminated(TxId id) override;

  void on_request(const Message& request, const net::Inbound& in);
  void on_ack(const Message& ack, const net::Inbound& in, const std::string& key);
  void on_response(const Message& response, const net::Inbound& in);
  void new_server_transaction(const Message& request, const net::Inbound& in,
                              const std::string& key);
  TxId match_cancel(const Message& cancel) const;
  bool match_prack(const Message& prack);
  void report_bad(const Message& message, const net::Inbound& in, const std::string& why);
  Transaction* find(TxId id) const;
  Transaction* find_by_key(const std::unordered_map<std::string, TxId>& index,
                           const std::string& key) const;
  void reap();

  Loop& loop_;
  TransactionUser& user_;
  TransactionConfig config_;
  std::unordered_map<TxId, std::unique_ptr<Transaction>> transactions_;
  std::unordered_map<std::string, TxId> client_index_;
  std::unordered_map<std::string, TxId> server_index_;
  std::unordered_map<TxId, std::string> key_of_;
  std::unique_ptr<AcceptedInvites> accepted_;  // a pointer: its type is private here
  std::vector<TxId> dead_;
  Timer reaper_;
  TxId next_id_ = 1;
  SplitMix64 random_;
};

}  // namespace scn::sip
