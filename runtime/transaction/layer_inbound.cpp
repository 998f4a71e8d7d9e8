// TransactionLayer: matching what the transports deliver (RFC 3261 17.1.3, 17.2.3).
#include "transaction/accepted.h"
#include "transaction/machine.h"
#include "transaction/transaction.h"

namespace scn::sip {

void TransactionLayer::on_message(const net::Inbound& in) {
  if (in.message.is_request())
    on_request(in.message, in);
  else
    on_response(in.message, in);
}

void TransactionLayer::on_parse_error(const net::InboundError& error) {
  user_.on_bad_message(error);
}

void TransactionLayer::on_transport_error(net::Transport& transport, const net::Address& remote,
                                          const std::string& reason) {
  std::vector<TxId> hit;
  for (const auto& [id, tx] : transactions_)
    if (!tx->terminated() && tx->destination().transport == &transport &&
        tx->destination().address == remote)
      hit.push_back(id);
  for (TxId id : hit)
    if (auto* tx = find(id)) tx->transport_failed(reason);
}

void TransactionLayer::report_bad(const Message& message, const net::Inbound& in,
                                  const std::string& why) {
  net::InboundError error;
  error.raw = serialize(message);
  error.reason = why;
  error.source = in.source;
  error.local = in.local;
  error.transport = in.transport;
  user_.on_bad_message(error);
}

void TransactionLayer::on_request(const Message& request, const net::Inbound& in) {
  if (auto checked = check_for_transaction(request); !checked)
    return report_bad(request, in, checked.reason());
  auto key = server_key(request);
  if (!key) return report_bad(request, in, "no usable top Via");
  if (request.method() == "ACK") return on_ack(request, in, *key);
  if (auto* tx = find_by_key(server_index_, *key)) {
    static_cast<ServerTransaction*>(tx)->receive(request, in);  // a retransmission
    return;
  }
  if (request.method() == "INVITE" && accepted_->absorb_invite(*key)) {
    user_.on_absorbed(request, in);
    return;
  }
  new_server_transaction(request, in, *key);
}

void TransactionLayer::on_ack(const Message& ack, const net::Inbound& in,
                              const std::string& key) {
  if (auto* tx = find_by_key(server_index_, key)) {
    if (tx->kind() == TxKind::ServerInvite) {
      static_cast<ServerInviteTx*>(tx)->receive(ack, in);  // ACK for a non-2xx final
      return;
    }
  }
  if (auto match = accepted_->match_ack(ack)) {
    if (match->first)
      user_.on_ack({match->tx, ack, in, true});
    else
      user_.on_absorbed(ack, in);
    return;
  }
  user_.on_ack({no_tx, ack, in, true});
}

void TransactionLayer::new_server_transaction(const Message& request, const net::Inbound& in,
                                              const std::string& key) {
  const TxId id = next_id_++;
  Destination to = response_destination(request, in);
  std::unique_ptr<ServerTransaction> tx;
  if (request.method() == "INVITE")
    tx = std::make_unique<ServerInviteTx>(host(), id, request, to);
  else
    tx = std::make_unique<ServerNonInviteTx>(host(), id, request, to);
  ServerTransaction* raw = tx.get();
  transactions_.emplace(id, std::move(tx));
  server_index_[key] = id;
  key_of_[id] = key;

  IncomingRequest info{id, raw->request(), in};
  if (request.method() == "CANCEL") info.cancels = match_cancel(request);
  if (request.method() == "PRACK") info.prack_matched = match_prack(request);
  raw->start();
  user_.on_request(info);
}

TxId TransactionLayer::match_cancel(const Message& cancel) const {
  auto key = server_key_as(cancel, "INVITE");
  if (!key) return no_tx;
  auto* tx = find_by_key(server_index_, *key);
  return tx && tx->kind() == TxKind::ServerInvite ? tx->id() : no_tx;
}

bool TransactionLayer::match_prack(const Message& prack) {
  auto rack = parse_rack(prack.value_or("RAck"));
  if (!rack) return false;
  auto call_id = prack.value_or("Call-ID");
  for (const auto& [id, tx] : transactions_) {
    if (tx->kind() != TxKind::ServerInvite || tx->terminated()) continue;
    if (tx->request().value_or("Call-ID") != call_id) continue;
    if (static_cast<ServerInviteTx*>(tx.get())->acknowledge(rack->rseq, rack->cseq, rack->method))
      return true;
  }
  return false;
}

void TransactionLayer::on_response(const Message& response, const net::Inbound& in) {
  if (auto checked = check_for_transaction(response); !checked)
    return report_bad(response, in, checked.reason());
  auto key = client_key(response);
  if (!key) return report_bad(response, in, "no branch in the top Via");
  if (auto* tx = find_by_key(client_index_, *key)) {
    static_cast<ClientTransaction*>(tx)->receive(response, in);
    return;
  }
  user_.on_response({no_tx, response, in});
}

}  // namespace scn::sip
