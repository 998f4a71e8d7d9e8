// The TCP transport against hostile peers: oversize messages, slow senders, connection
// floods, resets mid-message and running out of descriptors (TcpLimits).
#include <doctest/doctest.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <vector>

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

// Lets loopback bytes and connects reach the loop without moving a fake clock.
void settle(Loop& loop) {
  for (int i = 0; i < 20; ++i) {
    loop.run_once(0);
    ::usleep(1000);
  }
}

// True when the peer closed the client's connection (EOF or reset).
bool closed_by_server(int fd) {
  char c;
  ssize_t n = ::recv(fd, &c, 1, MSG_DONTWAIT);
  return n == 0 || (n < 0 && errno == ECONNRESET);
}

// Lets `ms` pass on a fake clock, serving descriptors meanwhile.
void pass(Loop& loop, Millis ms) {
  settle(loop);
  loop.run_until([] { return false; }, ms);
  settle(loop);
}

struct Server {
  explicit Server(Loop& loop, const net::TcpLimits& limits = {})
      : tcp(opened(net::TcpTransport::open(loop, net::Address::loopback(net::Family::v4, 0),
                                           limits))) {
    tcp->set_handler(&got);
  }
  Collector got;
  std::unique_ptr<net::TcpTransport> tcp;
};

std::string oversize_request(std::size_t body_size) {
  return options_request("z9hG4bK-big", std::string(body_size, 'x'));
}

}  // namespace

TEST_CASE("TCP limits: the default limits are the documented constants") {
  net::TcpLimits limits;
  CHECK(limits.max_message == 65535);
  CHECK(limits.read_timeout == 32000);  // 64*T1
  CHECK(limits.max_inbound == 100);
}

TEST_CASE("TCP limits: a message over the size limit closes its connection, others go on") {
  Loop loop;
  net::TcpLimits limits;
  limits.max_message = 2048;
  Server server(loop, limits);
  auto good = raw_client(server.tcp->local());
  auto big = raw_client(server.tcp->local());
  write_all(big.get(), oversize_request(3000));
  REQUIRE(loop.run_until([&] { return !server.got.errors.empty(); }, loopback_wait));
  CHECK(server.got.errors[0].connection_closed);
  CHECK(server.got.errors[0].reason.find("exceeds the limit of 2048") != std::string::npos);
  CHECK(server.got.errors[0].raw.size() <= 2048);
  CHECK(server.got.messages.empty());
  REQUIRE(loop.run_until([&] { return closed_by_server(big.get()); }, loopback_wait));
  CHECK(server.tcp->stats().framing_errors == 1);

  write_all(good.get(), options_request("z9hG4bK-small", std::string(1000, 'y')));
  REQUIRE(loop.run_until([&] { return server.got.messages.size() == 1; }, loopback_wait));
  CHECK(server.tcp->connection_count() == 1);
}

TEST_CASE("TCP limits: a header section that never ends is cut at the default limit") {
  Loop loop;
  Server server(loop);
  auto fd = raw_client(server.tcp->local());
  std::string endless = "OPTIONS sip:ss@127.0.0.1 SIP/2.0\r\n";
  while (endless.size() <= net::tcp_max_message + 100) endless += "X-Filler: 0123456789\r\n";
  write_all(fd.get(), endless);
  REQUIRE(loop.run_until([&] { return !server.got.errors.empty(); }, loopback_wait));
  CHECK(server.got.errors[0].connection_closed);
  CHECK(server.got.errors[0].raw.size() <= net::tcp_max_message);
  CHECK(server.tcp->connection_count() == 0);
}

TEST_CASE("TCP limits: a slow sender's partial message times out at 64*T1") {
  FakeClock clock;
  Loop loop(&clock);
  Server server(loop);
  auto fd = raw_client(server.tcp->local());
  write_all(fd.get(), options_request("z9hG4bK-first"));
  settle(loop);
  REQUIRE(server.got.messages.size() == 1);

  // A byte every 10 s does not restart the clock: it runs from the message's first octet.
  const std::string partial = options_request("z9hG4bK-slow");
  write_all(fd.get(), partial.substr(0, 40));
  for (std::size_t i = 40; i < 43; ++i) {
    pass(loop, 10000);
    write_all(fd.get(), partial.substr(i, 1));
  }
  settle(loop);
  CHECK(server.got.errors.empty());
  CHECK(server.tcp->connection_count() == 1);
  pass(loop, 3000);  // 33 s since the first octet
  REQUIRE(server.got.errors.size() == 1);
  CHECK(server.got.errors[0].connection_closed);
  CHECK(server.got.errors[0].reason.find("incomplete after 32000 ms") != std::string::npos);
  CHECK(server.got.errors[0].raw == partial.substr(0, 43));
  CHECK(server.tcp->stats().read_timeouts == 1);
  CHECK(server.tcp->connection_count() == 0);
  CHECK(closed_by_server(fd.get()));
}

TEST_CASE("TCP limits: messages in a steady stream each get their own read timeout") {
  FakeClock clock;
  Loop loop(&clock);
  Server server(loop);
  auto fd = raw_client(server.tcp->local());
  // Each write completes the message before it and begins the next one, so the
  // connection always holds a partial message but none older than 20 s.
  const std::string message = options_request("z9hG4bK-stream");
  write_all(fd.get(), message.substr(0, 30));
  for (int i = 0; i < 4; ++i) {
    pass(loop, 20000);
    write_all(fd.get(), message.substr(30) + message.substr(0, 30));
  }
  settle(loop);
  CHECK(server.got.messages.size() == 4);
  CHECK(server.got.errors.empty());
  CHECK(server.tcp->connection_count() == 1);
}

TEST_CASE("TCP limits: a connection that says nothing is closed, one that spoke stays") {
  FakeClock clock;
  Loop loop(&clock);
  Server server(loop);
  auto silent = raw_client(server.tcp->local());
  auto spoke = raw_client(server.tcp->local());
  write_all(spoke.get(), options_request("z9hG4bK-hello"));
  pass(loop, 31000);
  CHECK(server.tcp->connection_count() == 2);
  pass(loop, 2000);
  CHECK(server.tcp->connection_count() == 1);
  CHECK(closed_by_server(silent.get()));
  CHECK(server.got.errors.empty());  // nothing was received, so nothing was malformed
  CHECK(server.tcp->stats().read_timeouts == 1);
  pass(loop, 100000);  // an idle connection after a complete message is kept
  CHECK(server.tcp->connection_count() == 1);
  CHECK_FALSE(closed_by_server(spoke.get()));
}

TEST_CASE("TCP limits: connections beyond the cap are refused, the others served") {
  Loop loop;
  net::TcpLimits limits;
  limits.max_inbound = 5;
  Server server(loop, limits);
  std::vector<net::Fd> clients;
  for (int i = 0; i < 8; ++i) clients.push_back(raw_client(server.tcp->local()));
  REQUIRE(loop.run_until([&] { return server.tcp->stats().refused == 3; }, loopback_wait));
  CHECK(server.tcp->inbound_count() == 5);
  CHECK(server.tcp->stats().accepted == 5);
  for (int i = 0; i < 5; ++i) CHECK_FALSE(closed_by_server(clients[i].get()));
  for (int i = 5; i < 8; ++i)
    CHECK(loop.run_until([&] { return closed_by_server(clients[i].get()); }, loopback_wait));

  write_all(clients[4].get(), options_request("z9hG4bK-kept"));
  REQUIRE(loop.run_until([&] { return server.got.messages.size() == 1; }, loopback_wait));

  // A place freed is a place for the next one.
  clients[0].reset();
  REQUIRE(loop.run_until([&] { return server.tcp->inbound_count() == 4; }, loopback_wait));
  auto late = raw_client(server.tcp->local());
  write_all(late.get(), options_request("z9hG4bK-late"));
  REQUIRE(loop.run_until([&] { return server.got.messages.size() == 2; }, loopback_wait));
  CHECK(server.tcp->stats().refused == 3);
}

TEST_CASE("TCP limits: a reset or EOF mid-message drops the partial message, the next is served") {
  Loop loop;
  Server server(loop);
  const std::string message = options_request("z9hG4bK-cut");
  {
    auto reset = raw_client(server.tcp->local());
    write_all(reset.get(), message.substr(0, 50));
    settle(loop);
    linger hard{1, 0};  // close with RST
    REQUIRE(::setsockopt(reset.get(), SOL_SOCKET, SO_LINGER, &hard, sizeof hard) == 0);
  }
  REQUIRE(loop.run_until([&] { return server.got.closed.size() == 1; }, loopback_wait));
  {
    auto eof = raw_client(server.tcp->local());
    write_all(eof.get(), message.substr(0, 70));
    settle(loop);
  }
  REQUIRE(loop.run_until([&] { return server.got.closed.size() == 2; }, loopback_wait));
  CHECK(server.tcp->stats().dropped_partial == 2);
  CHECK(server.got.errors.empty());
  CHECK(server.tcp->connection_count() == 0);
  CHECK(loop.timer_count() <= 2);  // no read timer left behind, only the deferred frees

  auto next = raw_client(server.tcp->local());
  write_all(next.get(), options_request("z9hG4bK-after"));
  REQUIRE(loop.run_until([&] { return server.got.messages.size() == 1; }, loopback_wait));
  CHECK(server.got.messages[0].message.first("Via")->find("z9hG4bK-after") !=
        std::string_view::npos);
}

namespace {

// Lowers the process's descriptor limit to the lowest free descriptor, so the next
// socket or accept fails with EMFILE; restores it when it goes.
class NoFreeDescriptors {
public:
  explicit NoFreeDescriptors(int open_fd) {
    REQUIRE(::getrlimit(RLIMIT_NOFILE, &saved_) == 0);
    int probe = ::dup(open_fd);
    REQUIRE(probe >= 0);
    ::close(probe);
    rlimit low = saved_;
    low.rlim_cur = static_cast<rlim_t>(probe);
    REQUIRE(::setrlimit(RLIMIT_NOFILE, &low) == 0);
  }
  ~NoFreeDescriptors() { ::setrlimit(RLIMIT_NOFILE, &saved_); }

private:
  rlimit saved_{};
};

}  // namespace

TEST_CASE("TCP limits: out of descriptors, accepting pauses instead of spinning") {
  Loop loop;
  Server server(loop);
  auto client = raw_client(server.tcp->local());
  std::size_t callbacks = 0;
  {
    NoFreeDescriptors limit(client.get());
    const Millis until = loop.now() + 300;
    while (loop.now() < until) callbacks += loop.run_once(until - loop.now());
  }
  // A spinning loop runs the listener's callback thousands of times in 300 ms; paused, it
  // wakes about once per backoff.
  CHECK(callbacks < 20);
  CHECK(server.tcp->stats().accept_pauses >= 1);
  CHECK(server.tcp->stats().accepted == 0);
  REQUIRE(loop.run_until([&] { return server.tcp->stats().accepted == 1; }, loopback_wait));
  write_all(client.get(), options_request("z9hG4bK-fd"));
  REQUIRE(loop.run_until([&] { return server.got.messages.size() == 1; }, loopback_wait));
}
