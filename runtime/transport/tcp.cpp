#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <cerrno>
#include <vector>

#include "transport/socket.h"
#include "transport/transport.h"

namespace scn::net {

namespace {

constexpr int listen_backlog = 64;
constexpr int max_accepts_per_wakeup = 32;

void set_nodelay(int fd) {
  int on = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
}

}  // namespace

Result<std::unique_ptr<TcpTransport>> TcpTransport::open(Loop& loop, const Address& bind,
                                                        const TcpLimits& limits) {
  auto fd = open_socket(bind.family(), SOCK_STREAM);
  if (!fd) return fd.error();
  if (auto bound = bind_socket(fd->get(), bind, true); !bound) return bound.error();
  if (::listen(fd->get(), listen_backlog) != 0) return make_error(errno_text("listen", errno));
  auto local = local_address(fd->get());
  if (!local) return local.error();
  std::unique_ptr<TcpTransport> tcp(
      new TcpTransport(loop, std::move(fd).value(), *local, limits));
  tcp->watch_ = loop.watch(tcp->listener_.get(), io_readable, [raw = tcp.get()](unsigned) {
    raw->on_acceptable();
  });
  if (tcp->watch_ == 0) return make_error("cannot watch the TCP listener");
  return tcp;
}

TcpTransport::TcpTransport(Loop& loop, Fd listener, Address local, const TcpLimits& limits)
    : loop_(loop), listener_(std::move(listener)), limits_(limits), resume_accepting_(loop) {
  local_ = local;
}

TcpTransport::~TcpTransport() {
  handler_ = nullptr;  // closing our own connections is no news for anyone
  loop_.unwatch(watch_);
  auto connections = std::move(connections_);
  for (auto& [remote, conn] : connections) conn->close("transport closed");
}

std::shared_ptr<TcpConnection> TcpTransport::find(const Address& to) const {
  auto it = connections_.find(to);
  if (it != connections_.end()) return it->second;
  auto alias = aliases_.find(to);
  if (alias == aliases_.end()) return nullptr;
  it = connections_.find(alias->second);
  return it == connections_.end() ? nullptr : it->second;
}

std::size_t TcpTransport::inbound_count() const {
  std::size_t n = 0;
  for (const auto& [remote, conn] : connections_) n += conn->inbound() ? 1 : 0;
  return n;
}

bool TcpTransport::has_connection(const Address& to) const {
  return find(to) != nullptr;
}

bool TcpTransport::add_alias(const Address& alias, const Address& remote) {
  if (!connections_.count(remote)) return false;
  aliases_[alias] = remote;
  return true;
}

void TcpTransport::close_connection(const Address& remote) {
  if (auto conn = find(remote)) conn->close("closed locally");
}

Result<void> TcpTransport::send(const Address& to, std::string_view bytes) {
  auto conn = find(to);
  if (!conn) {
    auto connected = connect(to);
    if (!connected) return connected.error();
    conn = std::move(connected).value();
  }
  return conn->queue(bytes);
}

Result<std::shared_ptr<TcpConnection>> TcpTransport::connect(const Address& to) {
  if (to.family() != local_.family())
    return make_error("cannot reach " + to.to_string() + " from " + local_.to_string());
  auto fd = open_socket(to.family(), SOCK_STREAM);
  if (!fd) return fd.error();
  set_nodelay(fd->get());
  if (!local_.is_any()) {
    Address source = local_;
    source.set_port(0);  // same interface as the listener, any free port
    if (auto bound = bind_socket(fd->get(), source, false); !bound) return bound.error();
  }
  bool connecting = false;
  if (::connect(fd->get(), to.sockaddr_ptr(), to.sockaddr_len()) != 0) {
    if (errno != EINPROGRESS)
      return make_error(errno_text(("connect " + to.to_string()).c_str(), errno));
    connecting = true;
  }
  auto bound_to = local_address(fd->get());
  const Address local = bound_to ? *bound_to : local_;
  auto conn = std::make_shared<TcpConnection>(loop_, *this, std::move(fd).value(), to, local,
                                              connecting ? TcpConnection::Origin::connecting
                                                         : TcpConnection::Origin::connected);
  if (!conn->start()) return make_error("cannot watch the connection to " + to.to_string());
  adopt(conn);
  return conn;
}

void TcpTransport::adopt(std::shared_ptr<TcpConnection> conn) {
  auto existing = connections_.find(conn->remote());
  if (existing != connections_.end() && existing->second != conn) {
    auto old = existing->second;
    connections_.erase(existing);
    old->close("replaced by a new connection");
  }
  connections_[conn->remote()] = std::move(conn);
}

void TcpTransport::on_acceptable() {
  for (int i = 0; i < max_accepts_per_wakeup; ++i) {
    sockaddr_storage from{};
    socklen_t len = sizeof from;
    int raw = ::accept4(listener_.get(), reinterpret_cast<sockaddr*>(&from), &len,
                        SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (raw >= 0) {
      accept_one(raw, from, len);
      continue;
    }
    if (errno == EINTR || errno == ECONNABORTED) continue;
    // The listener stays readable while the process is out of descriptors or memory;
    // watching it meanwhile would spin.
    if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM)
      pause_accepting();
    return;  // EAGAIN: all taken
  }
}

void TcpTransport::accept_one(int raw, const sockaddr_storage& from, socklen_t len) {
  Fd fd(raw);
  auto remote = Address::from_sockaddr(reinterpret_cast<const sockaddr*>(&from), len);
  if (!remote) return;
  // Refusing the newcomer, rather than closing an older connection, never cuts the UE's
  // own connection because of a flood; silent connections go by the read timeout.
  if (inbound_count() >= limits_.max_inbound) {
    ++stats_.refused;
    return;
  }
  set_nodelay(fd.get());
  auto bound_to = local_address(fd.get());
  const Address local = bound_to ? *bound_to : local_;
  auto conn = std::make_shared<TcpConnection>(loop_, *this, std::move(fd), *remote, local,
                                              TcpConnection::Origin::accepted);
  if (!conn->start()) return;
  ++stats_.accepted;
  adopt(std::move(conn));
}

void TcpTransport::pause_accepting() {
  if (resume_accepting_.running() || !loop_.modify(watch_, 0)) return;
  ++stats_.accept_pauses;
  resume_accepting_.start(limits_.accept_backoff, [this] { loop_.modify(watch_, io_readable); });
}

void TcpTransport::on_frame(TcpConnection& conn, std::string_view bytes) {
  sip::Limits bounds;
  bounds.max_message = limits_.max_message;
  auto parsed = sip::parse(bytes, sip::ParseMode::Stream, bounds);
  if (!parsed) {
    // The frame boundary is still known, so the connection stays usable.
    deliver_error({std::string(bytes), parsed.reason(), parsed.error().offset, conn.remote(),
                   conn.local(), this, false});
    return;
  }
  learn_alias(parsed.value(), conn.remote());
  deliver(std::move(parsed).value(), conn.remote(), conn.local());
}

void TcpTransport::learn_alias(const sip::Message& message, const Address& remote) {
  if (!message.is_request()) return;
  auto via = sip::parse_via(message.first("Via").value_or(""));
  if (!via || !via->params.has("alias")) return;
  // RFC 5923: the sender offers this connection for requests to its sent-by.
  if (auto sent_by = Address::from_host(via->host, via->port.value_or(5060)))
    if (*sent_by != remote) aliases_[*sent_by] = remote;
}

void TcpTransport::on_stream_error(TcpConnection& conn, std::string raw, std::string reason) {
  ++stats_.framing_errors;
  deliver_error({std::move(raw), std::move(reason), 0, conn.remote(), conn.local(), this, true});
}

void TcpTransport::on_read_timeout(TcpConnection& conn, std::string raw, std::string reason) {
  ++stats_.read_timeouts;
  // A connection that never sent a byte is no bad message, just closed.
  if (!raw.empty())
    deliver_error({std::move(raw), std::move(reason), 0, conn.remote(), conn.local(), this, true});
}

void TcpTransport::on_closed(TcpConnection& conn, const std::string& reason,
                             bool with_pending_data) {
  Address remote = conn.remote();
  if (conn.held_octets() > 0) ++stats_.dropped_partial;
  auto it = connections_.find(remote);
  if (it != connections_.end() && it->second.get() == &conn) {
    auto keep = it->second;  // the connection may be mid-callback; free it after we return
    connections_.erase(it);
    std::vector<Address> stale;
    for (auto& [alias, target] : aliases_)
      if (target == remote) stale.push_back(alias);
    for (auto& alias : stale) aliases_.erase(alias);
    loop_.schedule(0, [keep] {});
  }
  if (!handler_) return;
  if (with_pending_data) handler_->on_transport_error(*this, remote, reason);
  handler_->on_connection_closed(*this, remote);
}

}  // namespace scn::net
