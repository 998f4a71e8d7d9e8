#include <sys/socket.h>

#include <cerrno>

#include "transport/socket.h"
#include "transport/transport.h"

namespace scn::net {

namespace {

// Datagrams per wake-up, so a flood on one socket cannot starve timers and other sockets.
constexpr int max_datagrams_per_wakeup = 32;
constexpr std::size_t max_datagram = 65535;

bool only_crlf(std::string_view bytes) {
  for (char c : bytes)
    if (c != '\r' && c != '\n') return false;
  return true;
}

}  // namespace

Result<std::unique_ptr<UdpTransport>> UdpTransport::open(Loop& loop, const Address& bind) {
  auto fd = open_socket(bind.family(), SOCK_DGRAM);
  if (!fd) return fd.error();
  if (auto bound = bind_socket(fd->get(), bind, false); !bound) return bound.error();
  auto local = local_address(fd->get());
  if (!local) return local.error();
  std::unique_ptr<UdpTransport> udp(new UdpTransport(loop, std::move(fd).value(), *local));
  udp->watch_ = loop.watch(udp->fd_.get(), io_readable, [raw = udp.get()](unsigned) {
    raw->on_readable();
  });
  if (udp->watch_ == 0) return make_error("cannot watch the UDP socket");
  return udp;
}

UdpTransport::UdpTransport(Loop& loop, Fd fd, Address local) : loop_(loop), fd_(std::move(fd)) {
  local_ = local;
}

UdpTransport::~UdpTransport() {
  loop_.unwatch(watch_);
}

Result<void> UdpTransport::send(const Address& to, std::string_view bytes) {
  if (to.family() != local_.family())
    return make_error("cannot send to " + to.to_string() + " from " + local_.to_string());
  ssize_t n = ::sendto(fd_.get(), bytes.data(), bytes.size(), MSG_NOSIGNAL, to.sockaddr_ptr(),
                       to.sockaddr_len());
  if (n < 0) return make_error(errno_text(("sendto " + to.to_string()).c_str(), errno));
  if (static_cast<std::size_t>(n) != bytes.size())
    return make_error("short datagram write to " + to.to_string());
  return {};
}

void UdpTransport::on_readable() {
  if (buffer_.size() != max_datagram + 1) buffer_.assign(max_datagram + 1, '\0');
  std::string& buffer = buffer_;
  for (int i = 0; i < max_datagrams_per_wakeup; ++i) {
    sockaddr_storage from{};
    socklen_t from_len = sizeof from;
    ssize_t n = ::recvfrom(fd_.get(), buffer.data(), buffer.size(), MSG_TRUNC,
                           reinterpret_cast<sockaddr*>(&from), &from_len);
    if (n < 0) {
      if (errno == EINTR) continue;
      return;  // EAGAIN, or an ICMP error queued on the socket: nothing to deliver
    }
    auto source = Address::from_sockaddr(reinterpret_cast<sockaddr*>(&from), from_len);
    if (!source) continue;
    bool truncated = static_cast<std::size_t>(n) > max_datagram;
    std::size_t size = truncated ? max_datagram : static_cast<std::size_t>(n);
    on_datagram(std::string_view(buffer.data(), size), *source, truncated);
  }
}

void UdpTransport::on_datagram(std::string_view bytes, const Address& source, bool truncated) {
  if (!truncated && only_crlf(bytes)) {
    ++keepalives_;  // RFC 5626 style keep-alive, not a message
    return;
  }
  if (truncated) {
    deliver_error({std::string(bytes), "datagram larger than 65535 octets", max_datagram, source,
                   local_, this, false});
    return;
  }
  auto parsed = sip::parse(bytes, sip::ParseMode::Datagram);
  if (!parsed) {
    deliver_error({std::string(bytes), parsed.reason(), parsed.error().offset, source, local_,
                   this, false});
    return;
  }
  deliver(std::move(parsed).value(), source, local_);
}

}  // namespace scn::net
