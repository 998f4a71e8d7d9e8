// A UDP socket on a free loopback port for the in-process run tests: it plays the UE,
// sending what the test writes and reading what the SS sends, each wait bounded.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <string>

namespace scn::test {

class UdpPeer {
 public:
  UdpPeer() : fd_(::socket(AF_INET, SOCK_DGRAM, 0)) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof addr;
    if (fd_ >= 0 && ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &length) == 0)
      address_ = "127.0.0.1:" + std::to_string(ntohs(addr.sin_port));
  }
  ~UdpPeer() {
    if (fd_ >= 0) ::close(fd_);
  }
  UdpPeer(const UdpPeer&) = delete;
  UdpPeer& operator=(const UdpPeer&) = delete;

  // 127.0.0.1:PORT, or "" when no socket could be bound.
  const std::string& address() const { return address_; }

  void send_to(const std::string& hostport, const std::string& data) {
    sockaddr_in to{};
    to.sin_family = AF_INET;
    const int port = std::stoi(hostport.substr(hostport.find(':') + 1));
    to.sin_port = htons(static_cast<std::uint16_t>(port));
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::sendto(fd_, data.data(), data.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to);
  }

  // The next datagram, or "" when none came within `timeout_ms`.
  std::string receive(int timeout_ms) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) <= 0) return "";
    char buffer[65536];
    const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
    return n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : "";
  }

 private:
  int fd_;
  std::string address_;
};

// The value of the first header `name` of a message, as sent ("" when absent).
inline std::string header_value(const std::string& message, const std::string& name) {
  const std::string key = "\r\n" + name + ": ";
  std::size_t at = message.find(key);
  if (at == std::string::npos) return "";
  at += key.size();
  return message.substr(at, message.find("\r\n", at) - at);
}

}  // namespace scn::test
