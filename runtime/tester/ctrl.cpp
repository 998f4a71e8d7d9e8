// The ctrl driver: a UE speaking baresip's ctrl_tcp protocol. One TCP connection, made
// (non-blocking) on the first action and kept; one command at a time, matched to its
// response by token; events and other frames are read and skipped.
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <string>

#include "tester/drivers.h"

namespace scn::tester {

namespace {

constexpr std::size_t read_chunk = 16384;

// ctrl_tcp's name for an action: the scenario's `answer` is baresip's `accept`.
std::string command_name(const std::string& action) {
  return action == "answer" ? "accept" : action;
}

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& word : words) out += (out.empty() ? "" : " ") + word;
  return out;
}

// The `data` of a failed command as one line: its lines trimmed and joined by "; ".
std::string reason_text(std::string_view data) {
  std::string out;
  while (!data.empty()) {
    const std::size_t eol = data.find('\n');
    const std::string_view line = sip::trim(data.substr(0, eol));
    if (!line.empty()) out += (out.empty() ? "" : "; ") + std::string(line);
    data = eol == std::string_view::npos ? std::string_view{} : data.substr(eol + 1);
  }
  return out.empty() ? "failed (no reason given)" : out;
}

bool is_true(const ctrl::JsonObject& message, std::string_view name) {
  auto it = message.find(name);
  return it != message.end() && it->second.type == ctrl::JsonType::boolean &&
         it->second.boolean;
}

class CtrlDriver final : public DriverBase {
public:
  CtrlDriver(Loop& loop, const net::Address& server) : DriverBase(loop), server_(server) {}
  ~CtrlDriver() override { disconnect(); }

  void act(const Action& action, Done done) override;
  void cancel() override;
  std::string describe() const override { return "ctrl:" + server_.to_string(); }

private:
  enum class State { disconnected, connecting, connected };
  struct Pending {
    std::string token;
    std::string command;
    Done done;
  };

  std::string prefix() const { return "ctrl " + server_.to_string() + ": "; }
  Result<void> connect();
  void disconnect();
  void on_io(unsigned ready);
  void finish_connect();
  void read_available();
  void take_frames();
  void take_message(std::string_view payload);
  void take_response(const ctrl::JsonObject& response);
  void flush();
  void update_interest();
  // The connection is unusable: closes it and fails the pending command with `why`.
  void drop(const std::string& why);
  void complete(Result<void> result);

  net::Address server_;
  State state_ = State::disconnected;
  net::Fd fd_;
  WatchId watch_ = 0;
  unsigned interest_ = 0;
  std::string in_;
  std::string out_;
  std::size_t out_sent_ = 0;
  std::optional<Pending> pending_;
  std::uint64_t commands_ = 0;
};

void CtrlDriver::act(const Action& action, Done done) {
  if (pending_) {
    post(std::move(done), make_error(prefix() + "another action is still pending"));
    return;
  }
  Pending pending{"scn" + std::to_string(++commands_), command_name(action.name),
                  std::move(done)};
  std::vector<std::pair<std::string, std::string>> members{{"command", pending.command}};
  if (!action.args.empty()) members.emplace_back("params", join(action.args));
  members.emplace_back("token", pending.token);
  pending_ = std::move(pending);
  if (state_ == State::disconnected) {
    if (auto r = connect(); !r) {
      complete(r.error());
      return;
    }
  }
  out_ += ctrl::netstring(ctrl::json_object(members));
  if (state_ == State::connected) flush();
  update_interest();
}

void CtrlDriver::cancel() {
  forget_posted();
  if (!pending_) return;
  pending_.reset();
  if (state_ == State::connecting) {
    disconnect();  // the command never left: a late connection must not deliver it
  } else if (out_sent_ == 0) {
    out_.clear();  // not a byte of it sent yet; a partly sent frame is finished instead
  }
  update_interest();
}

Result<void> CtrlDriver::connect() {
  const int domain = server_.family() == net::Family::v4 ? AF_INET : AF_INET6;
  net::Fd fd(::socket(domain, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!fd.valid()) return make_error(prefix() + "socket: " + std::strerror(errno));
  const bool at_once = ::connect(fd.get(), server_.sockaddr_ptr(), server_.sockaddr_len()) == 0;
  if (!at_once && errno != EINPROGRESS && errno != EINTR)
    return make_error(prefix() + "cannot connect: " + std::strerror(errno));
  interest_ = io_readable | io_writable;
  watch_ = loop_.watch(fd.get(), interest_, [this](unsigned ready) { on_io(ready); });
  if (watch_ == 0) return make_error(prefix() + "the event loop refused the socket");
  fd_ = std::move(fd);
  state_ = at_once ? State::connected : State::connecting;
  return {};
}

void CtrlDriver::disconnect() {
  if (watch_) loop_.unwatch(watch_);
  watch_ = 0;
  interest_ = 0;
  fd_.reset();
  in_.clear();
  out_.clear();
  out_sent_ = 0;
  state_ = State::disconnected;
}

void CtrlDriver::on_io(unsigned ready) {
  if (state_ == State::connecting) finish_connect();
  if (state_ != State::connected) return;
  if (ready & io_readable) read_available();
  if (state_ == State::connected && (ready & io_writable)) flush();
  update_interest();
}

void CtrlDriver::finish_connect() {
  int err = 0;
  socklen_t len = sizeof err;
  if (::getsockopt(fd_.get(), SOL_SOCKET, SO_ERROR, &err, &len) != 0) err = errno;
  if (err == EINPROGRESS || err == EALREADY) return;
  if (err != 0) {
    drop(std::string("cannot connect: ") + std::strerror(err));
    return;
  }
  state_ = State::connected;
}

void CtrlDriver::read_available() {
  char chunk[read_chunk];
  while (state_ == State::connected) {
    const ssize_t n = ::recv(fd_.get(), chunk, sizeof chunk, 0);
    if (n > 0) {
      in_.append(chunk, static_cast<std::size_t>(n));
      take_frames();
    } else if (n == 0) {
      drop(pending_ ? "connection closed before the response to " + pending_->command
                    : "connection closed");
    } else if (errno != EINTR) {
      if (errno != EAGAIN && errno != EWOULDBLOCK)
        drop(std::string("recv: ") + std::strerror(errno));
      return;
    }
  }
}

void CtrlDriver::take_frames() {
  std::size_t used = 0;
  while (state_ == State::connected) {
    auto frame = ctrl::take_netstring(std::string_view(in_).substr(used));
    if (!frame) {
      drop("bad frame from the UE: " + frame.reason());
      return;
    }
    if (frame->size == 0) break;
    used += frame->size;
    take_message(frame->payload);  // reads the payload before it may drop the buffer
  }
  if (state_ == State::connected) in_.erase(0, used);
}

void CtrlDriver::take_message(std::string_view payload) {
  auto message = ctrl::parse_json_object(payload);
  if (!message) {
    drop("bad frame from the UE: " + message.reason());
    return;
  }
  if (is_true(*message, "response")) take_response(*message);
  // Events (and anything else that is no response) are not the driver's business.
}

void CtrlDriver::take_response(const ctrl::JsonObject& response) {
  auto token = response.find("token");
  if (!pending_ || token == response.end() || token->second.type != ctrl::JsonType::string ||
      token->second.text != pending_->token)
    return;  // a response to a command given up on, or to another client
  const std::string what = prefix() + pending_->command + ": ";
  auto ok = response.find("ok");
  if (ok == response.end() || ok->second.type != ctrl::JsonType::boolean) {
    complete(make_error(what + "response without a boolean \"ok\""));
  } else if (ok->second.boolean) {
    complete({});
  } else {
    auto data = response.find("data");
    const bool text = data != response.end() && data->second.type == ctrl::JsonType::string;
    complete(make_error(what + reason_text(text ? data->second.text : "")));
  }
}

void CtrlDriver::flush() {
  while (out_sent_ < out_.size()) {
    const ssize_t n =
        ::send(fd_.get(), out_.data() + out_sent_, out_.size() - out_sent_, MSG_NOSIGNAL);
    if (n >= 0) {
      out_sent_ += static_cast<std::size_t>(n);
    } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
      return;
    } else if (errno != EINTR) {
      drop(std::string("send: ") + std::strerror(errno));
      return;
    }
  }
  out_.clear();
  out_sent_ = 0;
}

void CtrlDriver::update_interest() {
  if (state_ == State::disconnected) return;
  unsigned want = io_readable;
  if (state_ == State::connecting || out_sent_ < out_.size()) want |= io_writable;
  if (want != interest_ && loop_.modify(watch_, want)) interest_ = want;
}

void CtrlDriver::drop(const std::string& why) {
  disconnect();
  if (pending_) complete(make_error(prefix() + why));
}

void CtrlDriver::complete(Result<void> result) {
  Done done = std::move(pending_->done);
  pending_.reset();
  post(std::move(done), std::move(result));
}

}  // namespace

std::unique_ptr<Driver> make_ctrl_driver(Loop& loop, const net::Address& server) {
  return std::make_unique<CtrlDriver>(loop, server);
}

}  // namespace scn::tester
