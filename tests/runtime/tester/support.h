// What the upper tester's tests share: the outcome of an action, a fake ctrl_tcp server
// on the test's own loop, pipes.
#pragma once

#include <doctest/doctest.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tester/tester.h"
#include "transport/transport.h"

namespace scn::testing {

// Bound for every wait: generous, since a wait ends as soon as its goal is met.
inline constexpr Millis tester_wait = 5000;

// What a driver reported, and how often (exactly once, or never after cancel()).
struct Outcome {
  int calls = 0;
  Result<void> result;

  tester::Done done() {
    return [this](Result<void> r) {
      ++calls;
      result = std::move(r);
    };
  }
  bool reported() const { return calls > 0; }
};

inline std::unique_ptr<tester::Driver> driver(std::string_view spec, Loop& loop,
                                              const tester::Console& console = {}) {
  auto made = tester::make_driver(spec, loop, console);
  REQUIRE_MESSAGE(made.ok(), made.reason());
  return std::move(made).value();
}

// Runs `loop` until `outcome` is reported (bounded); true when it was.
inline bool wait_for(Loop& loop, const Outcome& outcome, Millis timeout = tester_wait) {
  return loop.run_until([&] { return outcome.reported(); }, timeout);
}

// Runs `loop` for `ms` milliseconds whatever happens.
inline void run_for(Loop& loop, Millis ms) {
  loop.run_until([] { return false; }, ms);
}

inline void write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    REQUIRE_MESSAGE(n > 0, "write: ", std::strerror(errno));
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

// A pipe whose ends close with it.
struct Pipe {
  net::Fd read;
  net::Fd write;
  Pipe() {
    int fds[2];
    REQUIRE(::pipe2(fds, O_CLOEXEC) == 0);
    read = net::Fd(fds[0]);
    write = net::Fd(fds[1]);
  }
  // What is in the pipe now (the read end made non-blocking).
  std::string drain() {
    ::fcntl(read.get(), F_SETFL, O_NONBLOCK);
    std::string out;
    char chunk[4096];
    ssize_t n;
    while ((n = ::read(read.get(), chunk, sizeof chunk)) > 0)
      out.append(chunk, static_cast<std::size_t>(n));
    return out;
  }
};

// A ctrl_tcp server on 127.0.0.1 served by the test's loop, one client at a time (a new
// connection replaces the old one, as baresip does). Every command it receives is
// recorded, then handed to `on_command`, which answers through respond()/send() or not.
class FakeCtrlServer {
public:
  using Handler = std::function<void(FakeCtrlServer&, const tester::ctrl::JsonObject&)>;

  explicit FakeCtrlServer(Loop& loop) : loop_(loop) {
    listener_ = net::Fd(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    auto any = *net::Address::parse("127.0.0.1:0");
    REQUIRE(::bind(listener_.get(), any.sockaddr_ptr(), any.sockaddr_len()) == 0);
    REQUIRE(::listen(listener_.get(), 4) == 0);
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    REQUIRE(::getsockname(listener_.get(), reinterpret_cast<sockaddr*>(&ss), &len) == 0);
    address_ = *net::Address::from_sockaddr(reinterpret_cast<sockaddr*>(&ss), len);
    accept_watch_ = loop_.watch(listener_.get(), io_readable, [this](unsigned) { accept(); });
    REQUIRE(accept_watch_ != 0);
  }
  ~FakeCtrlServer() {
    close_client();
    loop_.unwatch(accept_watch_);
  }

  std::string spec() const { return "ctrl:" + address_.to_string(); }
  std::string address() const { return address_.to_string(); }

  void send(std::string_view bytes) {
    REQUIRE(client_.valid());
    const ssize_t n = ::send(client_.get(), bytes.data(), bytes.size(), MSG_NOSIGNAL);
    REQUIRE(n == static_cast<ssize_t>(bytes.size()));
  }
  void send_frame(std::string_view json) { send(tester::ctrl::netstring(json)); }
  void respond(const std::string& token, bool ok, const std::string& data = "") {
    send_frame(R"({"response":true,"ok":)" + std::string(ok ? "true" : "false") +
               R"(,"data":)" + tester::ctrl::json_string(data) +
               R"(,"token":)" + tester::ctrl::json_string(token) + "}");
  }
  void close_client() {
    if (client_watch_) loop_.unwatch(client_watch_);
    client_watch_ = 0;
    client_.reset();
    in_.clear();
  }

  Handler on_command;
  std::vector<tester::ctrl::JsonObject> commands;
  std::vector<std::string> raw_commands;  // the JSON texts as received
  int accepted = 0;

private:
  void accept() {
    net::Fd fd(::accept4(listener_.get(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
    if (!fd.valid()) return;
    close_client();
    client_ = std::move(fd);
    ++accepted;
    client_watch_ = loop_.watch(client_.get(), io_readable, [this](unsigned) { read(); });
  }
  void read() {
    char chunk[4096];
    const ssize_t n = ::recv(client_.get(), chunk, sizeof chunk, 0);
    if (n <= 0) {
      if (n == 0 || (errno != EAGAIN && errno != EINTR)) close_client();
      return;
    }
    in_.append(chunk, static_cast<std::size_t>(n));
    for (;;) {
      auto frame = tester::ctrl::take_netstring(in_);
      REQUIRE_MESSAGE(frame.ok(), frame.reason());
      if (frame->size == 0) return;
      std::string json(frame->payload);
      in_.erase(0, frame->size);
      auto command = tester::ctrl::parse_json_object(json);
      REQUIRE_MESSAGE(command.ok(), command.reason());
      raw_commands.push_back(json);
      commands.push_back(command.value());
      if (on_command) on_command(*this, command.value());
      if (!client_.valid()) return;
    }
  }

  Loop& loop_;
  net::Fd listener_;
  net::Address address_;
  WatchId accept_watch_ = 0;
  net::Fd client_;
  WatchId client_watch_ = 0;
  std::string in_;
};

// A member's text ("" when absent).
inline std::string text_of(const tester::ctrl::JsonObject& object, std::string_view name) {
  auto it = object.find(name);
  return it == object.end() ? std::string() : it->second.text;
}

inline bool has(const tester::ctrl::JsonObject& object, std::string_view name) {
  return object.find(name) != object.end();
}

}  // namespace scn::testing
