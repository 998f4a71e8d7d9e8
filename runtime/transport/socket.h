// Private to the transport module: the socket helpers both transports share (socket.cpp)
// and one TCP connection of a TcpTransport (tcp_connection.cpp).
#pragma once

#include <memory>
#include <string>

#include "transport/transport.h"

// Thin non-blocking socket helpers.
namespace scn::net {

// A non-blocking, close-on-exec socket of `type` (SOCK_DGRAM or SOCK_STREAM). IPv6 sockets
// are IPv6-only so that IPv4 peers never show up as mapped addresses.
Result<Fd> open_socket(Family family, int type);
Result<void> bind_socket(int fd, const Address& address, bool reuse_address);
// The addresses of a socket's two ends (getsockname, getpeername).
Result<Address> local_address(int fd);
Result<Address> peer_address(int fd);
// The pending error of a socket (SO_ERROR), 0 when none.
int socket_error(int fd);
// "what: strerror(errno_value)".
std::string errno_text(const char* what, int errno_value);

}  // namespace scn::net

// One TCP connection of a TcpTransport: non-blocking connect, buffered writes, stream
// framing of what it reads, and the read timeout of the owner's limits (TcpLimits).
namespace scn::net {

class TcpTransport;

class TcpConnection : public std::enable_shared_from_this<TcpConnection> {
public:
  // Bytes a peer may leave unread before sends to it fail, so a stuck peer cannot make
  // the process grow without bound.
  static constexpr std::size_t max_queued = 8u << 20;

  // Who opened it: the peer (accepted), or we (connecting: connect() still in progress).
  enum class Origin { accepted, connecting, connected };

  TcpConnection(Loop& loop, TcpTransport& owner, Fd fd, Address remote, Address local,
                Origin origin);
  ~TcpConnection();
  TcpConnection(const TcpConnection&) = delete;
  TcpConnection& operator=(const TcpConnection&) = delete;

  // Registers with the loop; call once the connection is held by a shared_ptr.
  bool start();
  Result<void> queue(std::string_view bytes);
  // Unwatches and closes the socket; the owner is told through on_closed.
  void close(const std::string& reason);

  const Address& remote() const { return remote_; }
  const Address& local() const { return local_; }
  bool closed() const { return !fd_.valid(); }
  bool inbound() const { return inbound_; }
  // Octets of a message begun but not complete.
  std::size_t held_octets() const { return in_.size(); }

private:
  void on_io(unsigned ready);
  void finish_connect();
  void read_available();
  void process_input();
  void flush();
  void update_interest();
  void arm_read_timer();
  void on_read_timeout();

  Loop& loop_;
  TcpTransport& owner_;
  Fd fd_;
  Address remote_;
  Address local_;
  bool connecting_;
  bool inbound_;
  bool delivered_ = false;  // a complete message arrived
  Timer read_timer_;
  WatchId watch_ = 0;
  unsigned interest_ = 0;
  std::string in_;
  std::string out_;
  std::size_t out_sent_ = 0;
};

}  // namespace scn::net
