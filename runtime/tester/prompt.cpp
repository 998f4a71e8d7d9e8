// The prompt driver: an operator at the terminal makes the UE act and answers with a
// line (Enter: done; "fail REASON": not done). Input is read through the loop, one read
// per readiness, and buffered: a line typed ahead answers the next prompt.
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <optional>
#include <string>

#include "tester/drivers.h"

namespace scn::tester {

namespace {

constexpr std::size_t max_line = 4096;
constexpr Millis poll_interval = 50;  // for descriptors epoll refuses (regular files)

// The operator's answer: done, or the reason after a first word "fail".
Result<void> judge(std::string_view line) {
  line = sip::trim(line);
  std::size_t word = 0;
  while (word < line.size() && !sip::is_ws(line[word]) && line[word] != ':') ++word;
  if (!sip::iequals(line.substr(0, word), "fail")) return {};
  if (word < line.size() && line[word] == ':') ++word;
  const std::string_view reason = sip::trim(line.substr(word));
  return make_error(reason.empty() ? "failed (no reason given)" : std::string(reason));
}

// Whether `fd` is ready for `events` now, without waiting.
bool ready_now(int fd, short events) {
  pollfd p{fd, events, 0};
  return ::poll(&p, 1, 0) > 0;
}

class PromptDriver final : public DriverBase {
public:
  PromptDriver(Loop& loop, const Console& console)
      : DriverBase(loop), console_(console), input_poll_(loop), output_retry_(loop) {}
  ~PromptDriver() override { stop_input(); }

  void act(const Action& action, Done done) override;
  void cancel() override;
  std::string describe() const override { return "prompt"; }

private:
  enum class State { idle, waiting };
  enum class Input { open, ended };

  std::optional<Result<void>> answer();
  void answer_if_ready();
  void watch_input();
  void stop_input();
  void read_input();
  void poll_input();
  void say(const std::string& text);
  void write_output();

  Console console_;
  State state_ = State::idle;
  Input input_ = Input::open;
  std::string input_end_ = "operator input ended";
  std::string what_;  // "UE1 dial", of the pending action
  Done done_;
  std::string in_;
  std::string out_;
  WatchId input_watch_ = 0;
  Timer input_poll_;
  Timer output_retry_;
};

void PromptDriver::act(const Action& action, Done done) {
  if (state_ == State::waiting) {
    post(std::move(done), make_error("prompt: another action is still pending"));
    return;
  }
  state_ = State::waiting;
  done_ = std::move(done);
  what_ = action.party + " " + action.name;
  say(prompt_text(action) + "\n");
  answer_if_ready();
  if (state_ == State::waiting) watch_input();
}

void PromptDriver::cancel() {
  forget_posted();
  if (state_ != State::waiting) return;
  stop_input();
  state_ = State::idle;
  done_ = nullptr;
  say("UPPER TESTER: stopped waiting for " + what_ + "\n");
}

// The answer the input holds so far, if it holds one (and takes it from the buffer).
std::optional<Result<void>> PromptDriver::answer() {
  const std::size_t eol = in_.find('\n');
  const bool ended = input_ == Input::ended;
  if (eol == std::string::npos && in_.size() > max_line) {
    in_.clear();
    return make_error("operator input: a line longer than " + std::to_string(max_line) +
                      " bytes");
  }
  if (eol == std::string::npos && (!ended || in_.empty())) {
    if (ended) return make_error(input_end_);
    return std::nullopt;
  }
  const std::size_t take = eol == std::string::npos ? in_.size() : eol + 1;
  std::string line = in_.substr(0, std::min(eol, in_.size()));
  in_.erase(0, take);
  return judge(line);
}

void PromptDriver::answer_if_ready() {
  if (state_ != State::waiting) return;
  auto result = answer();
  if (!result) return;
  stop_input();
  state_ = State::idle;
  post(std::move(done_), std::move(*result));
  done_ = nullptr;
}

void PromptDriver::watch_input() {
  if (input_watch_ || input_poll_.running()) return;
  input_watch_ = loop_.watch(console_.in, io_readable, [this](unsigned) {
    read_input();
    answer_if_ready();
  });
  if (input_watch_ == 0) input_poll_.start(0, [this] { poll_input(); });
}

void PromptDriver::stop_input() {
  if (input_watch_) loop_.unwatch(input_watch_);
  input_watch_ = 0;
  input_poll_.stop();
}

// One read: the descriptor said it is ready, and a second read could block.
void PromptDriver::read_input() {
  char chunk[4096];
  const ssize_t n = ::read(console_.in, chunk, sizeof chunk);
  if (n > 0) {
    in_.append(chunk, static_cast<std::size_t>(n));
  } else if (n == 0) {
    input_ = Input::ended;
  } else if (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK) {
    input_ = Input::ended;
    input_end_ = std::string("operator input ended: read: ") + std::strerror(errno);
  }
}

void PromptDriver::poll_input() {
  if (ready_now(console_.in, POLLIN)) read_input();
  answer_if_ready();
  if (state_ == State::waiting) input_poll_.start(poll_interval, [this] { poll_input(); });
}

void PromptDriver::say(const std::string& text) {
  out_ += text;
  if (!output_retry_.running()) write_output();
}

// Writes what the descriptor takes now; the rest waits for a later try.
void PromptDriver::write_output() {
  while (!out_.empty()) {
    if (!ready_now(console_.out, POLLOUT)) {
      output_retry_.start(poll_interval, [this] { write_output(); });
      return;
    }
    const ssize_t n = ::write(console_.out, out_.data(), std::min<std::size_t>(out_.size(), PIPE_BUF));
    if (n > 0) {
      out_.erase(0, static_cast<std::size_t>(n));
    } else if (n < 0 && errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK) {
      out_.clear();  // nobody to tell any more: the answer decides, or the step's time
      return;
    }
  }
}

}  // namespace

std::string prompt_text(const Action& action) {
  std::string text = "UPPER TESTER: make " + action.party + " " + action.name;
  for (const auto& arg : action.args) text += " " + arg;
  return text + ", then press Enter (or type: fail REASON)";
}

std::unique_ptr<Driver> make_prompt_driver(Loop& loop, const Console& console) {
  return std::make_unique<PromptDriver>(loop, console);
}

}  // namespace scn::tester
