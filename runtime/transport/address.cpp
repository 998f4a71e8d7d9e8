#include "transport/transport.h"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>
#include <functional>

namespace scn::net {

namespace {

std::optional<std::uint16_t> parse_port(std::string_view text) {
  if (text.empty() || text.size() > 5) return std::nullopt;
  unsigned value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value > 65535)
    return std::nullopt;
  return static_cast<std::uint16_t>(value);
}

const sockaddr_in& as_v4(const Address::Storage& s) { return s.v4; }
const sockaddr_in6& as_v6(const Address::Storage& s) { return s.v6; }

}  // namespace

Address::Address() {
  std::memset(&storage_, 0, sizeof storage_);  // all of it, not only the first member
  storage_.v4.sin_family = AF_INET;
}

std::optional<Address> Address::from_host(std::string_view host, std::uint16_t port) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  if (host.empty() || host.size() >= INET6_ADDRSTRLEN) return std::nullopt;
  char text[INET6_ADDRSTRLEN] = {};
  std::memcpy(text, host.data(), host.size());
  Address a;
  auto& v4 = a.storage_.v4;
  if (inet_pton(AF_INET, text, &v4.sin_addr) == 1) {
    v4.sin_family = AF_INET;
    v4.sin_port = htons(port);
    return a;
  }
  std::memset(&a.storage_, 0, sizeof a.storage_);
  auto& v6 = a.storage_.v6;
  if (inet_pton(AF_INET6, text, &v6.sin6_addr) == 1) {
    v6.sin6_family = AF_INET6;
    v6.sin6_port = htons(port);
    return a;
  }
  return std::nullopt;
}

std::optional<Address> Address::parse(std::string_view text, std::uint16_t default_port) {
  if (!text.empty() && text.front() == '[') {
    auto close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    auto rest = text.substr(close + 1);
    std::uint16_t port = default_port;
    if (!rest.empty()) {
      if (rest.front() != ':') return std::nullopt;
      auto parsed = parse_port(rest.substr(1));
      if (!parsed) return std::nullopt;
      port = *parsed;
    }
    return from_host(text.substr(1, close - 1), port);
  }
  auto colon = text.find(':');
  if (colon == std::string_view::npos) return from_host(text, default_port);
  if (text.find(':', colon + 1) != std::string_view::npos)
    return from_host(text, default_port);  // bare IPv6 without a port
  auto port = parse_port(text.substr(colon + 1));
  if (!port) return std::nullopt;
  return from_host(text.substr(0, colon), *port);
}

std::optional<Address> Address::from_sockaddr(const sockaddr* sa, socklen_t len) {
  Address a;
  if (sa->sa_family == AF_INET && len >= static_cast<socklen_t>(sizeof(sockaddr_in))) {
    std::memcpy(&a.storage_.v4, sa, sizeof(sockaddr_in));
    return a;
  }
  if (sa->sa_family == AF_INET6 && len >= static_cast<socklen_t>(sizeof(sockaddr_in6))) {
    std::memset(&a.storage_, 0, sizeof a.storage_);
    std::memcpy(&a.storage_.v6, sa, sizeof(sockaddr_in6));
    return a;
  }
  return std::nullopt;
}

Address Address::any(Family family, std::uint16_t port) {
  return *from_host(family == Family::v4 ? "0.0.0.0" : "::", port);
}

Address Address::loopback(Family family, std::uint16_t port) {
  return *from_host(family == Family::v4 ? "127.0.0.1" : "::1", port);
}

Family Address::family() const {
  return storage_.sa.sa_family == AF_INET6 ? Family::v6 : Family::v4;
}

std::uint16_t Address::port() const {
  return ntohs(family() == Family::v4 ? as_v4(storage_).sin_port : as_v6(storage_).sin6_port);
}

void Address::set_port(std::uint16_t port) {
  if (family() == Family::v4)
    storage_.v4.sin_port = htons(port);
  else
    storage_.v6.sin6_port = htons(port);
}

// IPv4 in dotted decimal by hand: glibc's inet_ntop formats it with sprintf, and every
// Via, Contact and trace line asks for it.
std::string Address::host() const {
  if (family() == Family::v4) {
    const auto* octets = reinterpret_cast<const unsigned char*>(&as_v4(storage_).sin_addr);
    std::string text;
    text.reserve(15);
    for (int i = 0; i < 4; ++i) {
      if (i) text.push_back('.');
      const unsigned value = octets[i];
      if (value >= 100) text.push_back(static_cast<char>('0' + value / 100));
      if (value >= 10) text.push_back(static_cast<char>('0' + value / 10 % 10));
      text.push_back(static_cast<char>('0' + value % 10));
    }
    return text;
  }
  char text[INET6_ADDRSTRLEN] = {};
  inet_ntop(AF_INET6, &as_v6(storage_).sin6_addr, text, sizeof text);
  return text;
}

std::string Address::uri_host() const {
  return family() == Family::v6 ? "[" + host() + "]" : host();
}

std::string Address::to_string() const {
  return uri_host() + ":" + std::to_string(port());
}

bool Address::is_any() const {
  if (family() == Family::v4) return as_v4(storage_).sin_addr.s_addr == htonl(INADDR_ANY);
  return IN6_IS_ADDR_UNSPECIFIED(&as_v6(storage_).sin6_addr);
}

socklen_t Address::sockaddr_len() const {
  return family() == Family::v4 ? sizeof(sockaddr_in) : sizeof(sockaddr_in6);
}

bool operator==(const Address& a, const Address& b) {
  if (a.family() != b.family() || a.port() != b.port()) return false;
  if (a.family() == Family::v4)
    return as_v4(a.storage_).sin_addr.s_addr == as_v4(b.storage_).sin_addr.s_addr;
  return std::memcmp(&as_v6(a.storage_).sin6_addr, &as_v6(b.storage_).sin6_addr,
                     sizeof(in6_addr)) == 0;
}

std::size_t Address::hash() const {
  std::string_view bytes;
  if (family() == Family::v4)
    bytes = {reinterpret_cast<const char*>(&as_v4(storage_).sin_addr), sizeof(in_addr)};
  else
    bytes = {reinterpret_cast<const char*>(&as_v6(storage_).sin6_addr), sizeof(in6_addr)};
  return std::hash<std::string_view>{}(bytes) * 31 + port();
}

}  // namespace scn::net
