// TransactionLayer: creating client transactions, responding, sending, and reaping.
#include <cstdio>

#include "transaction/accepted.h"
#include "transaction/machine.h"
#include "transaction/transaction.h"

namespace scn::sip {

TransactionLayer::TransactionLayer(Loop& loop, TransactionUser& user, TransactionConfig config)
    : loop_(loop),
      user_(user),
      config_(config),
      accepted_(std::make_unique<AcceptedInvites>(host())),
      reaper_(loop),
      random_(random_seed()) {}

TransactionLayer::~TransactionLayer() = default;

std::string TransactionLayer::new_branch() {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(random_()));
  return std::string(branch_cookie) + hex;
}

Result<TxId> TransactionLayer::send_request(const Message& request, const Destination& to) {
  if (!request.is_request()) return make_error("not a request");
  if (request.method() == "ACK") return make_error("ACK has no transaction: use send_stateless");
  if (!to.transport) return make_error("no transport to send the request on");
  if (auto checked = check_for_transaction(request); !checked) return checked.error();
  auto key = client_key(request);
  if (!key) return make_error("the top Via has no branch");
  if (find_by_key(client_index_, *key))
    return make_error("a client transaction with that branch and method exists");

  const TxId id = next_id_++;
  std::unique_ptr<ClientTransaction> tx;
  if (request.method() == "INVITE")
    tx = std::make_unique<ClientInviteTx>(host(), id, request, to);
  else
    tx = std::make_unique<ClientNonInviteTx>(host(), id, request, to);
  ClientTransaction* raw = tx.get();
  transactions_.emplace(id, std::move(tx));
  client_index_[*key] = id;
  key_of_[id] = *key;
  if (auto started = raw->start(); !started) {
    client_index_.erase(*key);
    key_of_.erase(id);
    transactions_.erase(id);
    return started.error();
  }
  return id;
}

Result<void> TransactionLayer::respond(TxId tx, const Message& response) {
  Transaction* t = find(tx);
  if (!t || (t->kind() != TxKind::ServerInvite && t->kind() != TxKind::ServerNonInvite))
    return make_error("no server transaction " + std::to_string(tx));
  if (!response.is_response()) return make_error("not a response");
  std::string bytes = stamped_response(response, t->destination().address);
  const int status = response.status_code();
  const bool invite_2xx = t->kind() == TxKind::ServerInvite && status >= 200 && status < 300;
  std::string copy = invite_2xx ? bytes : std::string();
  auto sent = static_cast<ServerTransaction*>(t)->respond(response, std::move(bytes));
  if (!sent) return sent;
  if (invite_2xx) accepted_->add(tx, key_of_[tx], t->request(), std::move(copy), t->destination());
  return {};
}

Result<void> TransactionLayer::send_stateless(const Message& message, const Destination& to) {
  return send_raw(serialize(message), to);
}

Result<void> TransactionLayer::send_raw(std::string_view bytes, const Destination& to) {
  return transmit(to, bytes, false);
}

Result<void> TransactionLayer::transmit(const Destination& to, std::string_view bytes,
                                        bool retransmission) {
  if (!to.transport) return make_error("no transport");
  if (auto sent = to.transport->send(to.address, bytes); !sent) return sent;
  user_.on_sent(bytes, to, retransmission);
  return {};
}

Destination TransactionLayer::response_destination(const Message& request,
                                                   const net::Inbound& from) const {
  Destination to{from.transport, from.source};
  if (!from.transport || from.transport->reliable() || !config_.route_responses_by_via)
    return to;
  auto via = parse_via(request.first("Via").value_or(""));
  if (!via || via->has_rport()) return to;  // RFC 3581: back to the source port
  to.address.set_port(via->port.value_or(5060));  // 18.2.2: received IP, sent-by port
  return to;
}

std::size_t TransactionLayer::accepted_count() const { return accepted_->size(); }

std::size_t TransactionLayer::unacknowledged_2xx() const { return accepted_->unacknowledged(); }

std::optional<TxState> TransactionLayer::state(TxId tx) const {
  if (auto* t = find(tx)) return t->state();
  return std::nullopt;
}

std::optional<TxKind> TransactionLayer::kind(TxId tx) const {
  if (auto* t = find(tx)) return t->kind();
  return std::nullopt;
}

const Message* TransactionLayer::request_of(TxId tx) const {
  auto* t = find(tx);
  return t ? &t->request() : nullptr;
}

Transaction* TransactionLayer::find(TxId id) const {
  auto it = transactions_.find(id);
  return it == transactions_.end() ? nullptr : it->second.get();
}

Transaction* TransactionLayer::find_by_key(const std::unordered_map<std::string, TxId>& index,
                                           const std::string& key) const {
  auto it = index.find(key);
  if (it == index.end()) return nullptr;
  Transaction* t = find(it->second);
  return t && !t->terminated() ? t : nullptr;
}

void TransactionLayer::terminated(TxId id) {
  dead_.push_back(id);
  if (!reaper_.running()) reaper_.start(0, [this] { reap(); });
}

void TransactionLayer::reap() {
  auto dead = std::move(dead_);
  dead_.clear();
  for (TxId id : dead) {
    auto key = key_of_.find(id);
    if (key != key_of_.end()) {
      for (auto* index : {&client_index_, &server_index_}) {
        auto it = index->find(key->second);
        if (it != index->end() && it->second == id) index->erase(it);
      }
      key_of_.erase(key);
    }
    transactions_.erase(id);
    user_.on_terminated(id);
  }
}

}  // namespace scn::sip
