// The dispatcher over TCP: one thread accepts connections, reads them, frames their
// streams (msg frame()) and routes each message as a datagram is routed; instances'
// messages go out on the connection to their destination, connected on first use. The
// single run's TCP limits hold here too (net::TcpLimits): a connection accepted beyond
// the inbound cap is closed at once, a message larger than the limit loses the framing,
// and a connection is closed when a message (or, accepted, its first) is not whole
// within the read timeout, counted from its first octet so that dribbling cannot hold it.
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "load/load.h"
#include "msg/msg.h"

namespace scn::load {

namespace {

constexpr int max_events = 64;
constexpr int wait_ms = 100;          // how often the thread looks whether it should stop
constexpr int write_wait_ms = 1000;   // a peer that reads nothing for this long is dropped
constexpr std::size_t read_chunk = 65536;

std::string errno_reason(const std::string& what) { return what + ": " + std::strerror(errno); }

bool set_nonblocking(int fd) {
  const int flags = fcntl(fd, F_GETFL);
  return flags >= 0 && fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0;
}

}  // namespace

struct Dispatcher::Connection {
  net::Fd fd;
  net::Address remote;
  bool inbound = false;
  // Read and written by the TCP thread only:
  std::string buffer;
  bool delivered = false;                        // a whole message came
  std::optional<Clock::time_point> waiting_since;  // for a whole message, since then
  std::mutex write_mutex;
  bool closed = false;  // under write_mutex
};

Result<void> Dispatcher::open_tcp(const net::Address& bind) {
  const int family = bind.family() == net::Family::v6 ? AF_INET6 : AF_INET;
  fd_ = net::Fd(::socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!fd_.valid()) return make_error(errno_reason("socket"));
  const int on = 1;
  (void)setsockopt(fd_.get(), SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  if (::bind(fd_.get(), bind.sockaddr_ptr(), bind.sockaddr_len()) != 0)
    return make_error(errno_reason("bind"));
  if (::listen(fd_.get(), SOMAXCONN) != 0) return make_error(errno_reason("listen"));
  auto address = net::local_address(fd_.get());
  if (!address) return address.error();
  local_ = *address;
  epoll_ = net::Fd(epoll_create1(EPOLL_CLOEXEC));
  if (!epoll_.valid()) return make_error(errno_reason("epoll_create1"));
  epoll_event event{};
  event.events = EPOLLIN;
  event.data.fd = fd_.get();
  if (epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, fd_.get(), &event) != 0)
    return make_error(errno_reason("epoll_ctl"));
  running_ = true;
  threads_.emplace_back([this] { tcp_loop(); });
  return {};
}

void Dispatcher::tcp_loop() {
  epoll_event events[max_events];
  auto next_sweep = Clock::now();
  while (running_) {
    const int n = epoll_wait(epoll_.get(), events, max_events, wait_ms);
    if (const auto now = Clock::now(); now >= next_sweep) {
      close_silent(now);
      next_sweep = now + std::chrono::milliseconds(wait_ms);
    }
    for (int i = 0; i < n; ++i) {
      const int fd = events[i].data.fd;
      if (fd == fd_.get()) {
        accept_all();
        continue;
      }
      std::shared_ptr<Connection> connection;
      {
        std::lock_guard lock(connections_mutex_);
        auto it = by_fd_.find(fd);
        if (it != by_fd_.end()) connection = it->second;
      }
      if (connection) read_connection(connection);
    }
  }
}

void Dispatcher::accept_all() {
  for (;;) {
    sockaddr_storage from{};
    socklen_t length = sizeof from;
    net::Fd fd(accept4(fd_.get(), reinterpret_cast<sockaddr*>(&from), &length,
                       SOCK_NONBLOCK | SOCK_CLOEXEC));
    if (!fd.valid()) return;  // EAGAIN, or out of descriptors: tried again on the next wake
    auto remote = net::Address::from_sockaddr(reinterpret_cast<sockaddr*>(&from), length);
    if (!remote) continue;
    // Refusing the newcomer, as the single run does, never cuts a caller's connection
    // because of a flood; silent connections go by the read timeout.
    bool full = false;
    {
      std::lock_guard lock(connections_mutex_);
      full = inbound_ >= tcp_limits_.max_inbound;
    }
    if (full) {
      stats_.tcp_refused();
      continue;  // fd closes here
    }
    adopt(std::move(fd), *remote, true);
  }
}

// Closes the connections that waited longer than the read timeout for a whole message.
void Dispatcher::close_silent(Clock::time_point now) {
  std::vector<std::shared_ptr<Connection>> late;
  {
    std::lock_guard lock(connections_mutex_);
    const auto limit = std::chrono::milliseconds(tcp_limits_.read_timeout);
    for (const auto& [fd, connection] : by_fd_)
      if (connection->waiting_since && now - *connection->waiting_since >= limit) late.push_back(connection);
  }
  for (const auto& connection : late) {
    stats_.tcp_timed_out();
    if (!connection->buffer.empty()) stats_.stray();  // a message cut short: routed nowhere
    close_connection(connection);
  }
}

void Dispatcher::adopt(net::Fd fd, const net::Address& remote, bool inbound) {
  auto connection = std::make_shared<Connection>();
  connection->inbound = inbound;
  if (net::awaits_message(false, inbound, false)) connection->waiting_since = Clock::now();
  const int raw = fd.get();
  // A message is written whole in one call: Nagle would only hold it back for an ACK.
  const int on = 1;
  (void)setsockopt(raw, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
  connection->fd = std::move(fd);
  connection->remote = remote;
  {
    std::lock_guard lock(connections_mutex_);
    connections_[remote] = connection;
    by_fd_[raw] = connection;
    if (inbound) ++inbound_;
  }
  epoll_event event{};
  event.events = EPOLLIN;
  event.data.fd = raw;
  if (epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, raw, &event) != 0) close_connection(connection);
}

void Dispatcher::read_connection(const std::shared_ptr<Connection>& connection) {
  char chunk[read_chunk];
  for (;;) {
    const ssize_t n = ::recv(connection->fd.get(), chunk, sizeof chunk, 0);
    if (n > 0) {
      connection->buffer.append(chunk, static_cast<std::size_t>(n));
      if (static_cast<std::size_t>(n) < sizeof chunk) break;
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
    if (n < 0 && errno == EINTR) continue;
    close_connection(connection);  // the peer closed or reset it
    return;
  }
  std::string& buffer = connection->buffer;
  sip::Limits bounds;
  bounds.max_message = tcp_limits_.max_message;
  for (;;) {
    const sip::FrameResult framed = sip::frame(buffer, bounds);
    if (framed.status == sip::FrameStatus::Error) {
      stats_.stray();  // framing is lost: nothing more of it can be routed
      stats_.tcp_unframed();
      close_connection(connection);
      return;
    }
    if (framed.status == sip::FrameStatus::NeedMore) {
      buffer.erase(0, framed.skip);
      break;
    }
    route(std::string_view(buffer).substr(framed.skip, framed.length), connection->remote);
    buffer.erase(0, framed.skip + framed.length);
    connection->delivered = true;
    connection->waiting_since.reset();  // what is left is a new message: its own clock
  }
  if (!net::awaits_message(!buffer.empty(), connection->inbound, connection->delivered))
    connection->waiting_since.reset();
  else if (!connection->waiting_since) connection->waiting_since = Clock::now();
}

void Dispatcher::close_connection(const std::shared_ptr<Connection>& connection) {
  {
    std::lock_guard lock(connections_mutex_);
    auto it = connections_.find(connection->remote);
    if (it != connections_.end() && it->second == connection) connections_.erase(it);
    if (by_fd_.erase(connection->fd.get()) > 0 && connection->inbound) --inbound_;
  }
  (void)epoll_ctl(epoll_.get(), EPOLL_CTL_DEL, connection->fd.get(), nullptr);
  std::lock_guard lock(connection->write_mutex);
  connection->closed = true;
  connection->fd.reset();
}

// The connection the peer opened from `to`, or a new one to it.
Result<std::shared_ptr<Dispatcher::Connection>> Dispatcher::connection_to(const net::Address& to) {
  {
    std::lock_guard lock(connections_mutex_);
    auto it = connections_.find(to);
    if (it != connections_.end()) return it->second;
  }
  const int family = to.family() == net::Family::v6 ? AF_INET6 : AF_INET;
  net::Fd fd(::socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd.valid()) return make_error(errno_reason("socket"));
  if (::connect(fd.get(), to.sockaddr_ptr(), to.sockaddr_len()) != 0)
    return make_error(errno_reason("connect " + to.to_string()));
  if (!set_nonblocking(fd.get())) return make_error(errno_reason("fcntl"));
  adopt(std::move(fd), to, false);
  std::lock_guard lock(connections_mutex_);
  auto it = connections_.find(to);
  if (it == connections_.end()) return make_error("connection to " + to.to_string() + " closed");
  return it->second;
}

Result<void> Dispatcher::send_tcp(const net::Address& to, std::string_view bytes) {
  auto connection = connection_to(to);
  if (!connection) return connection.error();
  Connection& c = **connection;
  std::lock_guard lock(c.write_mutex);  // one message at a time on a stream
  while (!bytes.empty()) {
    if (c.closed) return make_error("connection to " + to.to_string() + " closed");
    const ssize_t n = ::send(c.fd.get(), bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n > 0) {
      bytes.remove_prefix(static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      pollfd wait{c.fd.get(), POLLOUT, 0};
      if (poll(&wait, 1, write_wait_ms) > 0) continue;
      return make_error("connection to " + to.to_string() + " takes nothing");
    }
    return make_error(errno_reason("send " + to.to_string()));
  }
  return {};
}

}  // namespace scn::load
