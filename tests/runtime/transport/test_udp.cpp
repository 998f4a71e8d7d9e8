#include <doctest/doctest.h>

#include "transport/transport.h"
#include "support.h"

using namespace scn;
using scn::testing::Collector;
using scn::testing::loopback_wait;
using scn::testing::opened;
using scn::testing::options_request;

namespace {

void exchange_over(net::Family family) {
  Loop loop;
  auto a = opened(net::UdpTransport::open(loop, net::Address::loopback(family, 0)));
  auto b = opened(net::UdpTransport::open(loop, net::Address::loopback(family, 0)));
  CHECK(a->local().port() != 0);
  CHECK_FALSE(a->reliable());
  Collector got;
  b->set_handler(&got);

  REQUIRE(a->send(b->local(), options_request("z9hG4bK-udp-1")).ok());
  REQUIRE(loop.run_until([&] { return got.messages.size() == 1; }, loopback_wait));
  const auto& in = got.messages[0];
  CHECK(in.message.method() == "OPTIONS");
  CHECK(in.message.value_or("Call-ID") == "transport-test");
  CHECK(in.source == a->local());
  CHECK(in.local == b->local());
  CHECK(in.transport == b.get());

  // Unparseable bytes arrive as an error event with the bytes and a reason.
  REQUIRE(a->send(b->local(), "this is not SIP\r\n\r\n").ok());
  REQUIRE(loop.run_until([&] { return got.errors.size() == 1; }, loopback_wait));
  CHECK(got.errors[0].raw == "this is not SIP\r\n\r\n");
  CHECK_FALSE(got.errors[0].reason.empty());
  CHECK(got.errors[0].source == a->local());
}

}  // namespace

TEST_CASE("UDP loopback over IPv4: message and parse error") {
  exchange_over(net::Family::v4);
}

TEST_CASE("UDP loopback over IPv6: message and parse error") {
  exchange_over(net::Family::v6);
}

TEST_CASE("UDP keep-alive CRLF is counted and not delivered") {
  Loop loop;
  auto a = opened(net::UdpTransport::open(loop, net::Address::loopback(net::Family::v4)));
  auto b = opened(net::UdpTransport::open(loop, net::Address::loopback(net::Family::v4)));
  Collector got;
  b->set_handler(&got);
  REQUIRE(a->send(b->local(), "\r\n\r\n").ok());
  REQUIRE(a->send(b->local(), options_request("z9hG4bK-after-ping")).ok());
  REQUIRE(loop.run_until([&] { return got.messages.size() == 1; }, loopback_wait));
  CHECK(b->keepalive_count() == 1);
  CHECK(got.errors.empty());
}

TEST_CASE("UDP refuses to send across address families") {
  Loop loop;
  auto a = opened(net::UdpTransport::open(loop, net::Address::loopback(net::Family::v4)));
  auto sent = a->send(*net::Address::parse("[::1]:5060"), "x");
  CHECK_FALSE(sent.ok());
  CHECK_FALSE(sent.reason().empty());
}

TEST_CASE("UDP bind failure is reported") {
  Loop loop;
  auto a = opened(net::UdpTransport::open(loop, net::Address::loopback(net::Family::v4)));
  auto clash = net::UdpTransport::open(loop, a->local());
  CHECK_FALSE(clash.ok());
  CHECK(clash.reason().find("bind") != std::string::npos);
}
