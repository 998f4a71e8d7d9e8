// Socket addresses for IPv4 and IPv6, numeric only (no DNS): "127.0.0.1:5060",
// "[::1]:5060", "::1", "10.0.0.1".
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace scn::net {

enum class Family { v4, v6 };

class Address {
public:
  Address();  // 0.0.0.0:0

  // "host:port", "[v6]:port", "[v6]", a bare IPv4 or IPv6 address (then `default_port`).
  static std::optional<Address> parse(std::string_view text, std::uint16_t default_port = 5060);
  // A numeric host (IPv6 with or without brackets) and a port.
  static std::optional<Address> from_host(std::string_view host, std::uint16_t port);
  static std::optional<Address> from_sockaddr(const sockaddr* sa, socklen_t len);
  static Address any(Family family, std::uint16_t port = 0);
  static Address loopback(Family family, std::uint16_t port = 0);

  Family family() const;
  std::uint16_t port() const;
  void set_port(std::uint16_t port);
  // Numeric host without brackets: "127.0.0.1", "::1".
  std::string host() const;
  // Host as written in a SIP sent-by or URI: IPv6 in brackets.
  std::string uri_host() const;
  // "127.0.0.1:5060" or "[::1]:5060".
  std::string to_string() const;
  bool is_any() const;

  const sockaddr* sockaddr_ptr() const { return reinterpret_cast<const sockaddr*>(&storage_); }
  socklen_t sockaddr_len() const;

  friend bool operator==(const Address& a, const Address& b);
  friend bool operator!=(const Address& a, const Address& b) { return !(a == b); }
  std::size_t hash() const;

private:
  sockaddr_storage storage_{};
};

struct AddressHash {
  std::size_t operator()(const Address& a) const { return a.hash(); }
};

}  // namespace scn::net
