// The sockets of the transports (descriptors, opening, binding, the addresses of a
// socket) and the Transport base both transports share.
#include "transport/socket.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace scn::net {

Fd& Fd::operator=(Fd&& other) noexcept {
  if (this != &other) {
    reset();
    fd_ = other.release();
  }
  return *this;
}

int Fd::release() {
  int fd = fd_;
  fd_ = -1;
  return fd;
}

void Fd::reset() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

std::string errno_text(const char* what, int errno_value) {
  return std::string(what) + ": " + std::strerror(errno_value);
}

Result<Fd> open_socket(Family family, int type) {
  int domain = family == Family::v4 ? AF_INET : AF_INET6;
  Fd fd(::socket(domain, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!fd.valid()) return make_error(errno_text("socket", errno));
  if (family == Family::v6) {
    int on = 1;
    setsockopt(fd.get(), IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof on);
  }
  return fd;
}

Result<void> bind_socket(int fd, const Address& address, bool reuse_address) {
  if (reuse_address) {
    int on = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  }
  if (::bind(fd, address.sockaddr_ptr(), address.sockaddr_len()) != 0)
    return make_error(errno_text(("bind " + address.to_string()).c_str(), errno));
  return {};
}

namespace {

// getsockname or getpeername, whose failure `what` names.
template <class Get>
Result<Address> socket_address(int fd, Get get, const char* what) {
  sockaddr_storage ss{};
  socklen_t len = sizeof ss;
  std::optional<Address> address;
  if (get(fd, reinterpret_cast<sockaddr*>(&ss), &len) == 0)
    address = Address::from_sockaddr(reinterpret_cast<sockaddr*>(&ss), len);
  if (!address) return make_error(errno_text(what, errno));
  return *address;
}

}  // namespace

Result<Address> local_address(int fd) {
  return socket_address(fd, ::getsockname, "getsockname");
}

Result<Address> peer_address(int fd) {
  return socket_address(fd, ::getpeername, "getpeername");
}

int socket_error(int fd) {
  int err = 0;
  socklen_t len = sizeof err;
  if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) return errno;
  return err;
}

}  // namespace scn::net

// The Transport base: what both transports share when something arrives.
namespace scn::net {

std::string_view to_string(Proto proto) {
  return proto == Proto::udp ? "UDP" : "TCP";
}

std::optional<Proto> proto_from_string(std::string_view text) {
  auto equals = [&](std::string_view word) {
    if (text.size() != word.size()) return false;
    for (std::size_t i = 0; i < text.size(); ++i)
      if ((text[i] | 0x20) != word[i]) return false;
    return true;
  };
  if (equals("udp")) return Proto::udp;
  if (equals("tcp")) return Proto::tcp;
  return std::nullopt;
}

void Transport::deliver(sip::Message message, const Address& source, const Address& local) {
  ++received_;
  if (!handler_) return;
  Inbound in{std::move(message), source, local, this};
  handler_->on_message(in);
}

void Transport::deliver_error(InboundError error) {
  ++received_;
  error.transport = this;
  if (handler_) handler_->on_parse_error(error);
}

}  // namespace scn::net
