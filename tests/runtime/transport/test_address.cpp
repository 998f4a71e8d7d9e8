#include <doctest/doctest.h>
#include <arpa/inet.h>

#include <string>

#include "transport/transport.h"

using scn::net::Address;
using scn::net::Family;

TEST_CASE("address parses IPv4 host:port and prints it back") {
  auto a = Address::parse("127.0.0.1:5060");
  REQUIRE(a);
  CHECK(a->family() == Family::v4);
  CHECK(a->port() == 5060);
  CHECK(a->host() == "127.0.0.1");
  CHECK(a->to_string() == "127.0.0.1:5060");
  auto b = Address::parse("10.1.2.3", 5070);
  REQUIRE(b);
  CHECK(b->to_string() == "10.1.2.3:5070");
}

TEST_CASE("address parses IPv6 with and without brackets") {
  auto a = Address::parse("[::1]:5061");
  REQUIRE(a);
  CHECK(a->family() == Family::v6);
  CHECK(a->port() == 5061);
  CHECK(a->host() == "::1");
  CHECK(a->uri_host() == "[::1]");
  CHECK(a->to_string() == "[::1]:5061");
  auto b = Address::parse("2001:db8::7");
  REQUIRE(b);
  CHECK(b->port() == 5060);
  CHECK(b->to_string() == "[2001:db8::7]:5060");
  auto c = Address::parse("[fe80::1]");
  REQUIRE(c);
  CHECK(c->port() == 5060);
}

TEST_CASE("address rejects names and bad ports and junk") {
  for (const char* bad : {"", "ue.home1.net:5060", "127.0.0.1:", "127.0.0.1:65536",
                          "127.0.0.1:-1", "127.0.0.1:50x", "[::1", "[::1]5060", "[::1]:",
                          "1.2.3.4.5", "[127.0.0.1]:x", "::1::2"})
    CHECK_MESSAGE(!Address::parse(bad), bad);
}

TEST_CASE("address equality and hashing follow family and host and port") {
  auto a = *Address::parse("127.0.0.1:5060");
  auto b = *Address::parse("127.0.0.1:5060");
  auto c = *Address::parse("127.0.0.1:5061");
  auto d = *Address::parse("[::1]:5060");
  CHECK(a == b);
  CHECK(a.hash() == b.hash());
  CHECK(a != c);
  CHECK(a != d);
  c.set_port(5060);
  CHECK(a == c);
  CHECK(Address::any(Family::v6).is_any());
  CHECK_FALSE(Address::loopback(Family::v4).is_any());
}

TEST_CASE("transport protocol names") {
  using scn::net::Proto;
  CHECK(scn::net::to_string(Proto::udp) == "UDP");
  CHECK(scn::net::proto_from_string("tcp") == Proto::tcp);
  CHECK(scn::net::proto_from_string("Udp") == Proto::udp);
  CHECK_FALSE(scn::net::proto_from_string("sctp"));
}

TEST_CASE("address: IPv4 hosts are written as inet_ntop writes them, every octet value") {
  for (unsigned value = 0; value < 256; ++value) {
    for (int position = 0; position < 4; ++position) {
      unsigned char octets[4] = {10, 0, 100, 9};
      octets[position] = static_cast<unsigned char>(value);
      char expected[INET_ADDRSTRLEN] = {};
      REQUIRE(inet_ntop(AF_INET, octets, expected, sizeof expected) != nullptr);
      const auto address = scn::net::Address::parse(expected);
      REQUIRE(address.has_value());
      CHECK(address->host() == expected);
      CHECK(address->to_string() == std::string(expected) + ":5060");
    }
  }
}
