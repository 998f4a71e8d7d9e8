// Private to the transaction module: the four RFC 3261 section 17 state machines, and
// the messages the layer and the machines derive from others: the ACK for a non-2xx final
// (RFC 3261 17.1.1.3; CANCEL, 9.1, is in transaction.h), and the checks and keys that
// match messages to transactions (17.1.3, 17.2.3).
//
// The TransactionLayer creates, feeds and reaps the state machines; they reach the
// outside only through TxHost.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "transaction/transaction.h"
#include "transport/transport.h"

namespace scn::sip {

class Transaction {
public:
  Transaction(TxHost& host, TxId id, TxKind kind, Message request, Destination destination);
  virtual ~Transaction() = default;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  TxId id() const { return id_; }
  TxKind kind() const { return kind_; }
  const Message& request() const { return request_; }
  const Destination& destination() const { return destination_; }
  virtual TxState state() const = 0;
  virtual bool terminated() const = 0;
  // A failure reported by the transport after it had accepted our bytes.
  void transport_failed(const std::string& reason);

protected:
  bool unreliable() const { return !destination_.reliable(); }
  const TimerConfig& timers() { return host_.config().timers; }
  // Sends; a failed retransmission is a transport error for the TU (17.1.4, 17.2.4).
  Result<void> send(std::string_view bytes, bool retransmission);
  void resend(std::string_view bytes);
  // Moves to Terminated, stops every timer, tells the layer.
  virtual void terminate() = 0;

  TxHost& host_;

private:
  TxId id_;
  TxKind kind_;
  Message request_;
  Destination destination_;
};

class ClientTransaction : public Transaction {
public:
  using Transaction::Transaction;
  // Sends the request and starts the timers, or says why the request could not be sent.
  virtual Result<void> start() = 0;
  virtual void receive(const Message& response, const net::Inbound& from) = 0;
};

class ServerTransaction : public Transaction {
public:
  using Transaction::Transaction;
  virtual void start() {}
  // A retransmission of the request, or (INVITE) the ACK for a non-2xx final.
  virtual void receive(const Message& request, const net::Inbound& from) = 0;
  virtual Result<void> respond(const Message& response, std::string bytes) = 0;
};

class ClientInviteTx final : public ClientTransaction {
public:
  ClientInviteTx(TxHost& host, TxId id, Message request, Destination destination);
  Result<void> start() override;
  void receive(const Message& response, const net::Inbound& from) override;
  TxState state() const override { return state_; }
  bool terminated() const override { return state_ == ClientInviteState::Terminated; }
  std::size_t retransmissions() const { return timer_a_b_.retransmissions(); }

private:
  void complete(const Message& response);
  void terminate() override;

  ClientInviteState state_ = ClientInviteState::Calling;
  std::string request_bytes_;
  std::string ack_bytes_;
  Retransmitter timer_a_b_;
  Timer timer_d_;
};

class ClientNonInviteTx final : public ClientTransaction {
public:
  ClientNonInviteTx(TxHost& host, TxId id, Message request, Destination destination);
  Result<void> start() override;
  void receive(const Message& response, const net::Inbound& from) override;
  TxState state() const override { return state_; }
  bool terminated() const override { return state_ == ClientNonInviteState::Terminated; }

private:
  void terminate() override;

  ClientNonInviteState state_ = ClientNonInviteState::Trying;
  std::string request_bytes_;
  Retransmitter timer_e_f_;
  Timer timer_k_;
};

class ServerInviteTx final : public ServerTransaction {
public:
  ServerInviteTx(TxHost& host, TxId id, Message request, Destination destination);
  void start() override;
  void receive(const Message& request, const net::Inbound& from) override;
  Result<void> respond(const Message& response, std::string bytes) override;
  TxState state() const override { return state_; }
  bool terminated() const override { return state_ == ServerInviteState::Terminated; }
  // A PRACK's RAck: stops the matching reliable provisional response. True if one matched.
  bool acknowledge(std::uint32_t rseq, std::uint32_t cseq, std::string_view method);
  std::size_t unacknowledged_provisionals() const { return reliable_.size(); }

private:
  struct ReliableProvisional {
    std::uint32_t rseq;
    std::string bytes;
    std::unique_ptr<Retransmitter> retransmitter;
  };
  void send_100_trying();
  void start_reliable(const Message& response, const std::string& bytes);
  void complete(std::string bytes);
  void terminate() override;

  ServerInviteState state_ = ServerInviteState::Proceeding;
  std::uint32_t cseq_ = 0;
  std::string last_provisional_;
  std::string final_bytes_;
  std::list<ReliableProvisional> reliable_;
  Timer trying_timer_;
  Retransmitter timer_g_h_;
  Timer timer_i_;
};

class ServerNonInviteTx final : public ServerTransaction {
public:
  ServerNonInviteTx(TxHost& host, TxId id, Message request, Destination destination);
  void receive(const Message& request, const net::Inbound& from) override;
  Result<void> respond(const Message& response, std::string bytes) override;
  TxState state() const override { return state_; }
  bool terminated() const override { return state_ == ServerNonInviteState::Terminated; }

private:
  void terminate() override;

  ServerNonInviteState state_ = ServerNonInviteState::Trying;
  std::string last_response_;
  Timer timer_j_;
};

}  // namespace scn::sip

// Messages derived from others, checks and matching keys.
namespace scn::sip {

// RFC 3261 17.1.1.3: same Request-URI, Call-ID, From, CSeq number and Route as the
// INVITE, its top Via only, To from the response (with its tag), method ACK.
MessageBuilder make_non2xx_ack(const Message& invite, const Message& response);

// A reliable provisional response (RFC 3262): 101-199 with an RSeq and 100rel in Require.
bool is_reliable_provisional(const Message& response);

// "z9hG4bK" magic cookie of RFC 3261 branches.
inline constexpr std::string_view branch_cookie = "z9hG4bK";

// Whether the transaction layer can handle a message, or why not (missing or unparseable
// Via, CSeq, Call-ID, From or To; CSeq method differing from the request method).
Result<void> check_for_transaction(const Message& message);

// Matching keys. Server side (17.2.3): branch, sent-by and method, where ACK counts as
// INVITE; requests without the magic cookie fall back to a key from Request-URI, From
// tag, Call-ID, CSeq number and the top Via. Client side (17.1.3): branch and CSeq method.
// nullopt when the message has no usable top Via or CSeq.
std::optional<std::string> server_key(const Message& request);
// The server key the request would have with another method (CANCEL -> its INVITE).
std::optional<std::string> server_key_as(const Message& request, std::string_view method);
std::optional<std::string> client_key(const Message& message);

// A response's bytes (as parsed) with its top Via as the server transport stamps the request's
// (RFC 3261 18.2.1, RFC 3581 section 4): `received` with the source IP when the sent-by
// host is another or the Via asks for rport, and a valueless rport given the source port.
std::string stamped_response(const Message& response, const net::Address& source);

}  // namespace scn::sip
