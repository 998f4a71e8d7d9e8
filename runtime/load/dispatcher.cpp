// The shared socket of load mode: its reading threads, or the fiber scheduler that polls
// it, route each datagram by Call-ID.
#include <sys/socket.h>
#include <sys/time.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "load/load.h"
#include "msg/msg.h"

namespace scn::load {

namespace {

constexpr std::size_t max_datagram = 65535;
// How often a reading thread looks whether it should stop.
constexpr long stop_check_us = 100000;

std::string errno_reason(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

}  // namespace

Dispatcher::~Dispatcher() { stop(); }

Result<void> Dispatcher::open(const net::Address& bind, unsigned threads, net::Proto proto) {
  proto_ = proto;
  if (proto == net::Proto::tcp) return open_tcp(bind);
  const int family = bind.family() == net::Family::v6 ? AF_INET6 : AF_INET;
  fd_ = net::Fd(::socket(family, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  if (!fd_.valid()) return make_error(errno_reason("socket"));
  // Bursts of new calls: a larger receive buffer than the default keeps them.
  const int buffer = 4 << 20;
  (void)setsockopt(fd_.get(), SOL_SOCKET, SO_RCVBUF, &buffer, sizeof buffer);
  const timeval wait{0, stop_check_us};
  if (threads > 0) (void)setsockopt(fd_.get(), SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
  if (::bind(fd_.get(), bind.sockaddr_ptr(), bind.sockaddr_len()) != 0)
    return make_error(errno_reason("bind"));
  auto address = net::local_address(fd_.get());
  if (!address) return address.error();
  local_ = *address;
  running_ = true;
  if (threads == 0) polled_buffer_.assign(max_datagram + 1, '\0');
  for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this] { read_loop(); });
  return {};
}

void Dispatcher::stop() {
  running_ = false;  // the threads see it within stop_check_us
  for (std::thread& thread : threads_)
    if (thread.joinable()) thread.join();
  threads_.clear();
}

void Dispatcher::read_loop() {
  std::string buffer(max_datagram + 1, '\0');
  while (running_) {
    // False: the stop check's timeout, EINTR, a queued ICMP error.
    (void)read_one(buffer, 0);
  }
}

std::size_t Dispatcher::read_ready(std::size_t most) {
  std::size_t read = 0;
  while (read < most && read_one(polled_buffer_, MSG_DONTWAIT)) ++read;
  return read;
}

bool Dispatcher::read_one(std::string& buffer, int flags) {
  sockaddr_storage from{};
  socklen_t from_length = sizeof from;
  const ssize_t n = ::recvfrom(fd_.get(), buffer.data(), buffer.size(), MSG_TRUNC | flags,
                               reinterpret_cast<sockaddr*>(&from), &from_length);
  if (n < 0) return errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR;
  auto source = net::Address::from_sockaddr(reinterpret_cast<sockaddr*>(&from), from_length);
  if (!source) return true;
  // A truncated datagram goes on as it is: its instance reports it as malformed.
  const std::size_t size = std::min<std::size_t>(static_cast<std::size_t>(n), max_datagram);
  route(std::string_view(buffer.data(), size), *source);
  return true;
}

void Dispatcher::route(std::string_view bytes, const net::Address& source) {
  const std::string_view call_id = call_id_of(bytes);
  if (call_id.empty()) {
    stats_.stray();
    return;
  }
  if (auto channel = router_.find(call_id)) {
    channel->push({std::string(bytes), source, Clock::now()});
    return;
  }
  if (router_.ended_recently(call_id)) {
    stats_.late();
    return;
  }
  if (!starts_dialog(bytes) || (caller_ && source != *caller_)) {
    stats_.stray();
    return;
  }
  auto channel = admit_ ? admit_() : nullptr;
  if (!channel) {
    reject(bytes, source);
    return;
  }
  // Registered before the instance runs, so the retransmissions of the request find it.
  router_.add(call_id, channel);
  channel->push({std::string(bytes), source, Clock::now()});
}

// 503 with Retry-After (RFC 3261 21.5.4): no room for another call now. Unparsable
// requests are left unanswered, counted as strays.
void Dispatcher::reject(std::string_view bytes, const net::Address& source) {
  auto request = sip::parse(bytes, sip::ParseMode::Datagram);
  if (!request) {
    stats_.stray();
    return;
  }
  stats_.rejected();
  const std::string response =
      sip::make_response(*request, 503, {}, "load503").add("Retry-After", "1").build();
  (void)send(source, response);
}

Result<void> Dispatcher::send(const net::Address& to, std::string_view bytes) {
  if (proto_ == net::Proto::tcp) return send_tcp(to, bytes);
  if (to.family() != local_.family())
    return make_error("cannot send to " + to.to_string() + " from " + local_.to_string());
  const ssize_t n = ::sendto(fd_.get(), bytes.data(), bytes.size(), MSG_NOSIGNAL,
                             to.sockaddr_ptr(), to.sockaddr_len());
  if (n < 0) return make_error(errno_reason(("sendto " + to.to_string()).c_str()));
  if (static_cast<std::size_t>(n) != bytes.size())
    return make_error("short datagram write to " + to.to_string());
  return {};
}

}  // namespace scn::load
