// The TCP dispatcher of load mode holds the single run's TCP limits (docs/load.md): the
// inbound cap, the read timeout and the message size, on real loopback connections.
#include <doctest/doctest.h>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <mutex>
#include <string>
#include <thread>

#include "load/load.h"

using namespace scn::load;

namespace {

std::string options_request(const std::string& call_id, std::size_t body = 0) {
  return "OPTIONS sip:ss@127.0.0.1 SIP/2.0\r\n"
         "Via: SIP/2.0/TCP 127.0.0.1:5070;branch=z9hG4bK" + call_id + "\r\n"
         "From: <sip:ue@home1.net>;tag=f\r\nTo: <sip:ss@home1.net>\r\n"
         "Call-ID: " + call_id + "\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n"
         "Content-Length: " + std::to_string(body) + "\r\n\r\n" + std::string(body, 'x');
}

struct Fixture {
  Router router;
  Stats stats{Clock::now()};
  std::mutex mutex;  // admit runs on the dispatcher's thread
  std::vector<std::shared_ptr<Channel>> channels;
  Dispatcher dispatcher{router, stats, [this]() -> std::shared_ptr<Channel> {
                          std::lock_guard lock(mutex);
                          channels.push_back(std::make_shared<Channel>());
                          return channels.back();
                        }};

  std::size_t admitted() {
    std::lock_guard lock(mutex);
    return channels.size();
  }

  explicit Fixture(const scn::net::TcpLimits& limits) {
    dispatcher.tcp_limits(limits);
    REQUIRE(dispatcher.open(*scn::net::Address::parse("127.0.0.1:0"), 1, scn::net::Proto::tcp));
  }
  ~Fixture() { dispatcher.stop(); }

  int connect_client() const {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    REQUIRE(::connect(fd, dispatcher.local().sockaddr_ptr(), dispatcher.local().sockaddr_len()) == 0);
    return fd;
  }
  std::string tcp_line() const {
    for (const std::string& line : stats.summary(Clock::now()))
      if (line.find("TCP connections closed") != std::string::npos) return line;
    return "";
  }
};

void send_text(int fd, const std::string& text) {
  REQUIRE(::send(fd, text.data(), text.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(text.size()));
}

// True when the dispatcher closed the connection within `ms`.
bool closed_within(int fd, int ms) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
    char buffer[512];
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) return true;  // EOF or reset
  }
}

}  // namespace

TEST_CASE("load dispatch over TCP: a connection beyond the inbound cap is closed at once") {
  scn::net::TcpLimits limits;
  limits.max_inbound = 2;
  Fixture f(limits);
  const int first = f.connect_client(), second = f.connect_client(), third = f.connect_client();
  CHECK(closed_within(third, 2000));
  CHECK_FALSE(closed_within(first, 200));
  CHECK_FALSE(closed_within(second, 50));
  CHECK(f.tcp_line().find("1 beyond the inbound cap, 0 without a whole message in time") != std::string::npos);
  for (int fd : {first, second, third}) ::close(fd);
}

TEST_CASE("load dispatch over TCP: silence and a message cut short end by the read timeout") {
  scn::net::TcpLimits limits;
  limits.read_timeout = 300;
  Fixture f(limits);
  const int silent = f.connect_client(), partial = f.connect_client(), whole = f.connect_client();
  send_text(partial, options_request("cut").substr(0, 60));
  send_text(whole, options_request("whole"));
  CHECK(closed_within(silent, 3000));
  CHECK(closed_within(partial, 3000));
  // A connection whose message came whole stays, idle, beyond the timeout.
  CHECK_FALSE(closed_within(whole, 600));
  CHECK(f.admitted() == 1);
  CHECK(f.tcp_line().find("2 without a whole message in time") != std::string::npos);
  CHECK(f.stats.summary(Clock::now()).at(1).find("1 messages for no call") != std::string::npos);
  for (int fd : {silent, partial, whole}) ::close(fd);
}

TEST_CASE("load dispatch over TCP: a message larger than the limit loses the framing") {
  scn::net::TcpLimits limits;
  limits.max_message = 1000;
  Fixture f(limits);
  const int fd = f.connect_client();
  send_text(fd, options_request("big", 1500));
  CHECK(closed_within(fd, 2000));
  CHECK(f.admitted() == 0);
  CHECK(f.tcp_line().find("1 whose stream could not be framed") != std::string::npos);
  ::close(fd);
}
