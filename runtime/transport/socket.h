// Thin non-blocking socket helpers shared by the transports.
#pragma once

#include <string>

#include "transport/address.h"

namespace scn::net {

// Owns a file descriptor; closes it on destruction.
class Fd {
public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() { reset(); }
  Fd(Fd&& other) noexcept : fd_(other.release()) {}
  Fd& operator=(Fd&& other) noexcept;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  int release();
  void reset();

private:
  int fd_ = -1;
};

// A non-blocking, close-on-exec socket of `type` (SOCK_DGRAM or SOCK_STREAM). IPv6 sockets
// are IPv6-only so that IPv4 peers never show up as mapped addresses.
Fd open_socket(Family family, int type, std::string& error);
bool bind_socket(int fd, const Address& address, bool reuse_address, std::string& error);
std::optional<Address> local_address(int fd);
std::optional<Address> peer_address(int fd);
// The pending error of a socket (SO_ERROR), 0 when none.
int socket_error(int fd);
// "what: strerror(errno_value)".
std::string errno_text(const char* what, int errno_value);

}  // namespace scn::net
