// The transaction layer (RFC 3261 section 17): owns the client and server transactions,
// matches what the transports deliver to them, and hands everything else to the
// transaction user: new requests, responses without a transaction (2xx retransmissions),
// ACKs, timeouts and transport errors.
//
// Usage: create transports and the layer on one Loop, attach() each transport, then
// send_request() / respond() / send_stateless(). Transports must outlive the layer or be
// detached before they go.
#pragma once

#include <memory>
#include <optional>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "transport/loop.h"
#include "transaction/accepted.h"
#include "transaction/machine.h"
#include "transaction/messages.h"
#include "transaction/types.h"
#include "transport/transport.h"

namespace scn::sip {

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
  bool respond(TxId tx, const Message& response, std::string& error);
  // Sends outside any transaction: the ACK for a 2xx, or anything a test wants raw.
  bool send_stateless(const Message& message, const Destination& to, std::string& error);
  bool send_raw(std::string_view bytes, const Destination& to, std::string& error);

  // A fresh RFC 3261 branch: the magic cookie and 64 random bits.
  std::string new_branch();
  // Where responses to this request go (RFC 3261 18.2.2, see TransactionConfig).
  Destination response_destination(const Message& request, const net::Inbound& from) const;

  std::optional<TxState> state(TxId tx) const;
  std::optional<TxKind> kind(TxId tx) const;
  const Message* request_of(TxId tx) const;
  // Live (not yet reaped) transactions.
  std::size_t size() const { return transactions_.size(); }
  const AcceptedInvites& accepted() const { return accepted_; }
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
  bool transmit(const Destination& to, std::string_view bytes, bool retransmission,
                std::string& error) override;
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
  AcceptedInvites accepted_;
  std::vector<TxId> dead_;
  Timer reaper_;
  TxId next_id_ = 1;
  std::mt19937_64 random_;
};

}  // namespace scn::sip
