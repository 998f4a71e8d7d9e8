// `scn repl`: load a scenario, pick a test case and step through it as the SS against a
// live UE; inspect messages, dialogs and stored values; type steps of the language and
// run them on the spot.
#pragma once

#include <string>

#include "scn/scn_rt.h"

namespace scn::repl {

struct ReplOptions {
  std::string file;         // may be empty: `load FILE` is not offered, so nothing to run
  std::string stdlib_root;
  scn_run_config config{};  // the run options (strings owned by the caller)
  bool echo = false;        // print each command read from a non-terminal after "> "
};

// Runs the session until `quit` or the end of input. Returns the exit code of the last
// finished run (0 pass, 1 fail, 2 inconc, 3 error), 0 when no run was finished, 3 when
// the file cannot be used.
int run_session(const ReplOptions& options);

}  // namespace scn::repl
