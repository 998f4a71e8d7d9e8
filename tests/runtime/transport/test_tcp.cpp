#include <doctest/doctest.h>
#include <sys/socket.h>
#include <unistd.h>

#include "transport/transport.h"
#include "support.h"

using namespace scn;
using scn::testing::Collector;
using scn::testing::loopback_wait;
using scn::testing::opened;
using scn::testing::options_request;
using scn::testing::raw_client;
using scn::testing::write_all;

namespace {

std::unique_ptr<net::TcpTransport> listen_on(Loop& loop, net::Family family) {
  return opened(net::TcpTransport::open(loop, net::Address::loopback(family, 0)));
}

void connect_and_reuse(net::Family family) {
  Loop loop;
  auto client = listen_on(loop, family);
  auto server = listen_on(loop, family);
  Collector at_client, at_server;
  client->set_handler(&at_client);
  server->set_handler(&at_server);
  CHECK(server->reliable());

  REQUIRE(client->send(server->local(), options_request("z9hG4bK-tcp-1")).ok());
  REQUIRE(loop.run_until([&] { return at_server.messages.size() == 1; }, loopback_wait));
  const net::Address ue_side = at_server.messages[0].source;
  CHECK(at_server.messages[0].message.method() == "OPTIONS");
  CHECK(server->accepted_count() == 1);

  // The answer goes back over the accepted connection (RFC 3261 18.2.2).
  REQUIRE(server->send(ue_side, "SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP 127.0.0.1;branch=z9hG4bK1\r\n"
                                "Content-Length: 0\r\n\r\n").ok());
  REQUIRE(loop.run_until([&] { return at_client.messages.size() == 1; }, loopback_wait));
  CHECK(at_client.messages[0].message.status_code() == 200);
  CHECK(at_client.messages[0].source == server->local());

  // A second request reuses the client's connection: still one accepted.
  REQUIRE(client->send(server->local(), options_request("z9hG4bK-tcp-2")).ok());
  REQUIRE(loop.run_until([&] { return at_server.messages.size() == 2; }, loopback_wait));
  CHECK(server->accepted_count() == 1);
  CHECK(client->connection_count() == 1);
  CHECK(at_server.messages[1].source == ue_side);
}

}  // namespace

TEST_CASE("TCP over IPv4: connect and accept and answer on the same connection and reuse") {
  connect_and_reuse(net::Family::v4);
}

TEST_CASE("TCP over IPv6: connect and accept and answer on the same connection and reuse") {
  connect_and_reuse(net::Family::v6);
}

TEST_CASE("TCP framing: a message split across writes with the body split too") {
  Loop loop;
  auto server = listen_on(loop, net::Family::v4);
  Collector got;
  server->set_handler(&got);
  auto fd = raw_client(server->local());
  std::string message = options_request("z9hG4bK-split", "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n");
  std::size_t cuts[] = {7, 60, message.size() - 10, message.size()};
  std::size_t at = 0;
  for (std::size_t cut : cuts) {
    write_all(fd.get(), std::string_view(message).substr(at, cut - at));
    at = cut;
    if (at < message.size()) {
      // Let the server read the partial bytes: no message can be complete yet.
      loop.run_until([&] { return !got.messages.empty(); }, 30);
      CHECK(got.messages.empty());
    }
  }
  REQUIRE(loop.run_until([&] { return got.messages.size() == 1; }, loopback_wait));
  CHECK(got.messages[0].message.body() == "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n");
  CHECK(got.errors.empty());
}

TEST_CASE("TCP framing: two messages in one write with keep-alive CRLFs between") {
  Loop loop;
  auto server = listen_on(loop, net::Family::v4);
  Collector got;
  server->set_handler(&got);
  auto fd = raw_client(server->local());
  write_all(fd.get(), options_request("z9hG4bK-first", "abc") + "\r\n" +
                          options_request("z9hG4bK-second"));
  REQUIRE(loop.run_until([&] { return got.messages.size() == 2; }, loopback_wait));
  CHECK(got.messages[0].message.body() == "abc");
  CHECK(got.messages[0].message.first("Via")->find("z9hG4bK-first") != std::string_view::npos);
  CHECK(got.messages[1].message.first("Via")->find("z9hG4bK-second") != std::string_view::npos);
  CHECK(got.errors.empty());
}

TEST_CASE("TCP bad frame: error reported with the bytes and the connection closed") {
  Loop loop;
  auto server = listen_on(loop, net::Family::v4);
  Collector got;
  server->set_handler(&got);
  auto fd = raw_client(server->local());
  // No Content-Length: over a stream the end of the message cannot be found.
  write_all(fd.get(), "OPTIONS sip:ss@127.0.0.1 SIP/2.0\r\nCall-ID: x\r\n\r\n");
  REQUIRE(loop.run_until([&] { return !got.errors.empty() && !got.closed.empty(); },
                         loopback_wait));
  CHECK(got.errors[0].connection_closed);
  CHECK(got.errors[0].raw.find("OPTIONS") == 0);
  CHECK_FALSE(got.errors[0].reason.empty());
  CHECK(server->connection_count() == 0);
  char c;
  CHECK(::recv(fd.get(), &c, 1, 0) == 0);  // the peer sees the close
}

TEST_CASE("TCP frame that frames but does not parse keeps the connection") {
  Loop loop;
  auto server = listen_on(loop, net::Family::v4);
  Collector got;
  server->set_handler(&got);
  auto fd = raw_client(server->local());
  write_all(fd.get(), "OPTIONS sip:ss@127.0.0.1 SIP/3.0\r\nContent-Length: 0\r\n\r\n" +
                          options_request("z9hG4bK-good"));
  REQUIRE(loop.run_until([&] { return got.messages.size() == 1; }, loopback_wait));
  REQUIRE(got.errors.size() == 1);
  CHECK_FALSE(got.errors[0].connection_closed);
  CHECK(server->connection_count() == 1);
}

TEST_CASE("TCP peer close and connect refusal are reported") {
  Loop loop;
  auto server = listen_on(loop, net::Family::v4);
  Collector got;
  server->set_handler(&got);
  {
    auto fd = raw_client(server->local());
    write_all(fd.get(), options_request("z9hG4bK-bye"));
    REQUIRE(loop.run_until([&] { return got.messages.size() == 1; }, loopback_wait));
  }  // closed by the peer
  REQUIRE(loop.run_until([&] { return got.closed.size() == 1; }, loopback_wait));
  CHECK(server->connection_count() == 0);

  // A port nobody listens on: take one and release it.
  net::Address dead;
  {
    auto probe = listen_on(loop, net::Family::v4);
    dead = probe->local();
  }
  auto queued = server->send(dead, options_request("z9hG4bK-refused"));
  if (queued.ok())
    REQUIRE(loop.run_until([&] { return !got.transport_errors.empty(); }, loopback_wait));
  else
    CHECK_FALSE(queued.reason().empty());
  CHECK(server->connection_count() == 0);
}

TEST_CASE("TCP alias lets a request to the peer's sent-by use its connection") {
  Loop loop;
  auto server = listen_on(loop, net::Family::v4);
  Collector got;
  server->set_handler(&got);
  auto fd = raw_client(server->local());
  write_all(fd.get(), options_request("z9hG4bK-alias"));
  REQUIRE(loop.run_until([&] { return got.messages.size() == 1; }, loopback_wait));
  auto sent_by = *net::Address::parse("127.0.0.1:5999");
  CHECK_FALSE(server->has_connection(sent_by));
  REQUIRE(server->add_alias(sent_by, got.messages[0].source));
  CHECK(server->has_connection(sent_by));
  REQUIRE(server->send(sent_by, "ping").ok());
  char buf[8] = {};
  ssize_t n = 0;
  // The bytes reach the raw client: read what the loop flushed (bounded by the wait).
  loop.run_until([&] {
    n = ::recv(fd.get(), buf, sizeof buf, MSG_DONTWAIT);
    return n > 0;
  }, loopback_wait);
  CHECK(std::string(buf, n > 0 ? static_cast<std::size_t>(n) : 0) == "ping");
  CHECK(server->accepted_count() == 1);
  CHECK(server->connection_count() == 1);
}

TEST_CASE("TCP Via alias param (RFC 5923) makes the sent-by reach the same connection") {
  Loop loop;
  auto server = listen_on(loop, net::Family::v4);
  Collector got;
  server->set_handler(&got);
  auto fd = raw_client(server->local());
  std::string request = options_request("z9hG4bK-a;alias");
  write_all(fd.get(), request);
  REQUIRE(loop.run_until([&] { return got.messages.size() == 1; }, loopback_wait));
  CHECK(server->has_connection(*net::Address::parse("127.0.0.1:5999")));
  CHECK_FALSE(server->has_connection(*net::Address::parse("127.0.0.1:5998")));
}
