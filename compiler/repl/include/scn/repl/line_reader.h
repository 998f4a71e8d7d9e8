// Reads the REPL's input lines: with libedit (line editing, history, tab completion)
// when stdin is a terminal, else plain lines from stdin with no prompt, so a session
// can be scripted and its output compared.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace scn::repl {

// The words that may complete `prefix`, given the line typed so far before it.
using Completer =
    std::function<std::vector<std::string>(const std::string& line, const std::string& prefix)>;

class LineReader {
 public:
  // `history_file` empty: history only for this session.
  LineReader(Completer completer, std::string history_file);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // Called before blocking on input with the descriptor it will wait for, so the
  // session can keep serving the UE (retransmissions, timers) while the user thinks.
  using Idle = std::function<void(int fd)>;

  // The next line without its newline, or nothing at end of input.
  std::optional<std::string> read(const std::string& prompt, const Idle& idle = {});
  bool interactive() const { return interactive_; }

 private:
  std::optional<std::string> read_plain(const Idle& idle);

  Completer completer_;
  std::string history_file_;
  bool interactive_ = false;
  std::string pending_;  // non-interactive: bytes read past the last line
  bool eof_ = false;
};

}  // namespace scn::repl
