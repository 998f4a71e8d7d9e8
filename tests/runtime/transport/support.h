// A transport handler that records what arrives, for the loopback transport tests.
#pragma once

#include <doctest/doctest.h>

#include <sys/socket.h>

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "transport/transport.h"

namespace scn::testing {

// The transport an open() call made; the test stops with the reason when there is none.
template <class T>
std::unique_ptr<T> opened(Result<std::unique_ptr<T>> result) {
  REQUIRE_MESSAGE(result.ok(), result.reason());
  return std::move(result).value();
}

struct Collector final : net::TransportHandler {
  void on_message(const net::Inbound& in) override { messages.push_back(in); }
  void on_parse_error(const net::InboundError& error) override { errors.push_back(error); }
  void on_transport_error(net::Transport&, const net::Address& remote,
                          const std::string& reason) override {
    transport_errors.push_back(remote.to_string() + " " + reason);
  }
  void on_connection_closed(net::Transport&, const net::Address& remote) override {
    closed.push_back(remote);
  }
  std::vector<net::Inbound> messages;
  std::vector<net::InboundError> errors;
  std::vector<std::string> transport_errors;
  std::vector<net::Address> closed;
};

inline std::string options_request(std::string_view branch, std::string_view body = "") {
  return "OPTIONS sip:ss@127.0.0.1 SIP/2.0\r\n"
         "Via: SIP/2.0/TCP 127.0.0.1:5999;branch=" + std::string(branch) + "\r\n"
         "Max-Forwards: 70\r\n"
         "From: <sip:ue@home1.net>;tag=1\r\n"
         "To: <sip:ss@home1.net>\r\n"
         "Call-ID: transport-test\r\n"
         "CSeq: 1 OPTIONS\r\n"
         "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
}

// A plain blocking client socket connected to `to`, for writing exact byte splits.
inline net::Fd raw_client(const net::Address& to) {
  net::Fd fd(::socket(to.family() == net::Family::v4 ? AF_INET : AF_INET6, SOCK_STREAM, 0));
  REQUIRE(fd.valid());
  REQUIRE(::connect(fd.get(), to.sockaddr_ptr(), to.sockaddr_len()) == 0);
  return fd;
}

inline void write_all(int fd, std::string_view bytes) {
  REQUIRE(::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
          static_cast<ssize_t>(bytes.size()));
}

// Bound for every loopback wait: generous, since a wait ends as soon as its goal is met.
inline constexpr Millis loopback_wait = 5000;

}  // namespace scn::testing
