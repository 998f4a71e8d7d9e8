#include "scn/repl/line_reader.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>

// libedit's readline compatibility layer (Debian libedit-dev).
#include <editline/readline.h>

namespace scn::repl {

namespace {

// The readline completion API passes no user data, so the completer of the one
// interactive LineReader is reached through this pointer, set and cleared by that
// reader's lifetime. Non-interactive readers never set it.
const Completer* active_completer = nullptr;

// The line handler of the callback interface gets no user data either: the line being
// read lives in LineReader::read's frame, reached through this pointer while it runs.
struct CallbackLine {
  bool done = false;
  std::optional<std::string> text;
};
CallbackLine* active_line = nullptr;

void take_line(char* raw) {
  if (!active_line) return;
  active_line->done = true;
  if (raw) active_line->text = std::string(raw);
  std::free(raw);
}

// readline's generator protocol: called with state 0 first, then until it returns NULL;
// each returned string is malloc'd and freed by the library.
char* generate(const char* prefix, int state) {
  thread_local std::vector<std::string> matches;
  thread_local std::size_t next = 0;
  if (state == 0) {
    // The completer wants the text before the word being completed.
    const std::size_t typed = static_cast<std::size_t>(rl_point);
    const std::size_t before = typed >= std::strlen(prefix) ? typed - std::strlen(prefix) : 0;
    matches = (*active_completer)(std::string(rl_line_buffer, before), prefix);
    next = 0;
  }
  if (next >= matches.size()) return nullptr;
  return strdup(matches[next++].c_str());
}

char** complete(const char* prefix, int, int) {
  if (!active_completer) return nullptr;
  rl_attempted_completion_over = 1;  // no file-name completion as a fallback
  return rl_completion_matches(prefix, generate);
}

}  // namespace

LineReader::LineReader(Completer completer, std::string history_file)
    : completer_(std::move(completer)),
      history_file_(std::move(history_file)),
      interactive_(isatty(STDIN_FILENO) != 0) {
  if (!interactive_) return;
  active_completer = &completer_;
  rl_readline_name = "scn";
  rl_attempted_completion_function = complete;
  using_history();
  if (!history_file_.empty()) read_history(history_file_.c_str());
}

LineReader::~LineReader() {
  if (!interactive_) return;
  if (!history_file_.empty()) write_history(history_file_.c_str());
  rl_attempted_completion_function = nullptr;
  active_completer = nullptr;
}

std::optional<std::string> LineReader::read(const std::string& prompt, const Idle& idle) {
  if (!interactive_) return read_plain(idle);
  // The callback interface reads one key at a time, so the session keeps serving the UE
  // (idle) between keys while the terminal stays in editing mode.
  CallbackLine line;
  active_line = &line;
  rl_callback_handler_install(prompt.c_str(), take_line);
  while (!line.done) {
    if (idle) idle(STDIN_FILENO);
    rl_callback_read_char();
  }
  rl_callback_handler_remove();
  active_line = nullptr;
  if (!line.text) return std::nullopt;  // Ctrl-D
  if (line.text->find_first_not_of(" \t") != std::string::npos) add_history(line.text->c_str());
  return line.text;
}

}  // namespace scn::repl

namespace scn::repl {

// Reads stdin itself rather than through std::cin: the idle wait watches the descriptor,
// which says nothing about bytes already sitting in a stream buffer.
std::optional<std::string> LineReader::read_plain(const Idle& idle) {
  while (true) {
    if (std::size_t newline = pending_.find('\n'); newline != std::string::npos) {
      std::string line = pending_.substr(0, newline);
      pending_.erase(0, newline + 1);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return line;
    }
    if (eof_) {
      if (pending_.empty()) return std::nullopt;
      return std::exchange(pending_, {});
    }
    if (idle) idle(STDIN_FILENO);
    char chunk[4096];
    ssize_t got = ::read(STDIN_FILENO, chunk, sizeof chunk);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) eof_ = true;
    else pending_.append(chunk, static_cast<std::size_t>(got));
  }
}

}  // namespace scn::repl
