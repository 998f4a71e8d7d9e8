// Private to the transport module: thin non-blocking socket helpers shared by the
// transports (socket.cpp).
#pragma once

#include <string>

#include "transport/transport.h"

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
