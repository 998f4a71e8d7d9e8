// One TCP connection of a TcpTransport: non-blocking connect, buffered writes, and stream
// framing of what it reads. Internal to the transport; not for the layers above.
#pragma once

#include <memory>
#include <string>

#include "transport/socket.h"
#include "transport/transport.h"

namespace scn::net {

class TcpTransport;

class TcpConnection : public std::enable_shared_from_this<TcpConnection> {
public:
  // Bytes a peer may leave unread before sends to it fail, so a stuck peer cannot make
  // the process grow without bound.
  static constexpr std::size_t max_queued = 8u << 20;

  TcpConnection(Loop& loop, TcpTransport& owner, Fd fd, Address remote, Address local,
                bool connecting);
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

private:
  void on_io(unsigned ready);
  void finish_connect();
  void read_available();
  void process_input();
  void flush();
  void update_interest();

  Loop& loop_;
  TcpTransport& owner_;
  Fd fd_;
  Address remote_;
  Address local_;
  bool connecting_;
  WatchId watch_ = 0;
  unsigned interest_ = 0;
  std::string in_;
  std::string out_;
  std::size_t out_sent_ = 0;
};

}  // namespace scn::net
