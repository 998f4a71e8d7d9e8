// The cmd driver: a shell command line per action, run by /bin/sh in a process group of
// its own. Exit status 0 means done; otherwise the last line of its standard error (or
// the status) is the reason. Its end is learnt from a pidfd watched by the loop.
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <string>

#include "tester/drivers.h"
#include "tester/process.h"

namespace scn::tester {

namespace {

constexpr std::size_t kept_stderr = 65536;  // the tail of standard error kept
constexpr std::size_t max_reason = 1000;

// The last non-empty line of `text`, trimmed and cut to max_reason octets.
std::string last_line(std::string_view text) {
  text = sip::trim(text);
  const std::size_t eol = text.rfind('\n');
  std::string_view line = sip::trim(eol == std::string_view::npos ? text : text.substr(eol + 1));
  if (line.size() <= max_reason) return std::string(line);
  return std::string(line.substr(0, max_reason)) + "...";
}

Result<void> outcome(int status, std::string_view errors) {
  if (status != status_unknown && WIFEXITED(status) && WEXITSTATUS(status) == 0) return {};
  if (auto line = last_line(errors); !line.empty()) return make_error(line);
  if (status == status_unknown) return make_error("exit status unknown (reaped elsewhere)");
  if (WIFSIGNALED(status))
    return make_error("killed by signal " + std::to_string(WTERMSIG(status)) + " (" +
                      strsignal(WTERMSIG(status)) + ")");
  return make_error("exit status " + std::to_string(WEXITSTATUS(status)));
}

class CmdDriver final : public DriverBase {
public:
  CmdDriver(Loop& loop, std::string line) : DriverBase(loop), line_(std::move(line)) {}
  ~CmdDriver() override { stop(); }

  void act(const Action& action, Done done) override;
  void cancel() override;
  std::string describe() const override { return "cmd:" + line_; }

private:
  enum class State { idle, running };

  void on_exit();
  void read_errors();
  void close_errors();
  // Kills a running command and forgets it.
  void stop();
  void finish(Result<void> result);

  std::string line_;
  State state_ = State::idle;
  Child child_;
  WatchId exit_watch_ = 0;
  WatchId errors_watch_ = 0;
  std::string errors_;
  Done done_;
};

void CmdDriver::act(const Action& action, Done done) {
  if (state_ == State::running) {
    post(std::move(done), make_error("cmd: another action is still pending"));
    return;
  }
  auto child = spawn_shell(loop_, expand_command(line_, action));
  if (!child) {
    post(std::move(done), child.error());
    return;
  }
  child_ = std::move(child).value();
  done_ = std::move(done);
  errors_.clear();
  state_ = State::running;
  exit_watch_ = loop_.watch(child_.exited.get(), io_readable, [this](unsigned) { on_exit(); });
  errors_watch_ =
      loop_.watch(child_.errors.get(), io_readable, [this](unsigned) { read_errors(); });
  if (exit_watch_ == 0) {
    Done failed = std::move(done_);
    stop();
    post(std::move(failed), make_error("cmd: the event loop refused the child's pidfd"));
  }
}

void CmdDriver::cancel() {
  forget_posted();
  stop();
}

void CmdDriver::on_exit() {
  const std::optional<int> status = try_reap(child_.pid);
  if (!status) return;  // not yet: the pidfd says so again when it is
  read_errors();        // what it wrote before it ended
  loop_.unwatch(exit_watch_);
  exit_watch_ = 0;
  child_.exited.reset();
  close_errors();
  finish(outcome(*status, errors_));
}

void CmdDriver::read_errors() {
  char chunk[4096];
  while (child_.errors.valid()) {
    const ssize_t n = ::read(child_.errors.get(), chunk, sizeof chunk);
    if (n > 0) {
      errors_.append(chunk, static_cast<std::size_t>(n));
      if (errors_.size() > kept_stderr) errors_.erase(0, errors_.size() - kept_stderr);
    } else if (n == 0 || (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK)) {
      close_errors();  // at its end (or broken): an unwatched end is never seen again
    } else if (errno != EINTR) {
      return;
    }
  }
}

void CmdDriver::close_errors() {
  if (errors_watch_) loop_.unwatch(errors_watch_);
  errors_watch_ = 0;
  child_.errors.reset();
}

void CmdDriver::stop() {
  if (state_ != State::running) return;
  if (exit_watch_) loop_.unwatch(exit_watch_);
  exit_watch_ = 0;
  close_errors();
  child_.exited.reset();
  kill_and_reap(loop_, child_.pid);
  done_ = nullptr;
  state_ = State::idle;
}

void CmdDriver::finish(Result<void> result) {
  state_ = State::idle;
  post(std::move(done_), std::move(result));
  done_ = nullptr;
}

}  // namespace

std::string shell_quote(std::string_view word) {
  auto plain = [](char c) {
    return sip::is_alpha(c) || sip::is_digit(c) ||
           std::string_view("_@%+=:,./-").find(c) != std::string_view::npos;
  };
  bool all_plain = !word.empty();
  for (const char c : word) all_plain = all_plain && plain(c);
  if (all_plain) return std::string(word);
  std::string out = "'";
  for (const char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

namespace {

// What {name} stands for, or nullopt when it is no placeholder.
std::optional<std::string> placeholder(std::string_view name, const Action& action) {
  if (name == "party") return shell_quote(action.party);
  if (name == "action") return shell_quote(action.name);
  if (name == "args") {
    std::string out;
    for (const auto& arg : action.args) out += (out.empty() ? "" : " ") + shell_quote(arg);
    return out;
  }
  if (!name.starts_with("arg") || name.size() < 4 || name[3] == '0') return std::nullopt;
  auto index = sip::parse_decimal(name.substr(3), 1000000);
  if (!index) return std::nullopt;
  if (*index > action.args.size()) return std::string();
  return shell_quote(action.args[*index - 1]);
}

}  // namespace

std::string expand_command(std::string_view line, const Action& action) {
  std::string out;
  std::size_t pos = 0;
  while (pos < line.size()) {
    const std::size_t open = line.find('{', pos);
    const std::size_t close = open == std::string_view::npos ? open : line.find('}', open);
    if (close == std::string_view::npos) break;
    auto text = placeholder(line.substr(open + 1, close - open - 1), action);
    out += line.substr(pos, open - pos);
    out += text ? *text : std::string(line.substr(open, 1));
    pos = text ? close + 1 : open + 1;
  }
  out += line.substr(pos);
  return out;
}

std::unique_ptr<Driver> make_cmd_driver(Loop& loop, std::string line) {
  return std::make_unique<CmdDriver>(loop, std::move(line));
}

}  // namespace scn::tester
