// The REPL session: one loaded scenario, its JIT, and at most one open run of one test
// case. The test case's entry runs inside scn_rt_call; the runtime calls the step hook
// before every step, and while paused the hook itself reads and carries out commands,
// so inspection and typed steps run between two steps on the paused run.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "program.h"
#include "scn/jit/session_jit.h"
#include "scn/repl/command.h"
#include "scn/repl/line_reader.h"
#include "scn/repl/session.h"

namespace scn::repl {

enum class Phase { none, ready, running, paused, ended, closed };
enum class Pace { step, continue_, run };

class Session {
 public:
  Session(const ReplOptions& options, LoadedProgram loaded, std::unique_ptr<jit::SessionJit> jit,
          const scn_program* program);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Reads commands until quit, end of input or `load`; the file to load next, if any.
  std::optional<std::string> loop(LineReader& reader);
  int exit_code() const { return exit_code_; }
  std::vector<std::string> complete(const std::string& line, const std::string& prefix) const;

 private:
  // flow (session.cpp)
  void pick_first_testcase();
  void open_run();
  void close_run();
  void start(Flow flow);
  void after_entry();
  void finish_run();
  void restart();
  static int hook_thunk(void* user, scn_rt* rt, const scn_step* step);
  int on_step(const scn_step& step);
  int pause();
  bool wants_pause(const std::string& id);
  void note_skipped(std::size_t upto);
  std::optional<std::string> read_line();
  std::string prompt() const;
  void status(const std::string& what) const;

  // commands that do not move the run (inspect.cpp)
  void handle(const Command& command, const std::string& line);
  void list(Listing what) const;
  void list_steps() const;
  void list_params() const;
  void pick(const std::string& name);
  void set_break(const Break& command);
  void show(const Show& command, const std::string& line) const;
  void set(const Set& command);
  std::string verdict_so_far() const;

  // typed steps (typed.cpp)
  void run_typed(const std::string& text);

  const ir::Testcase* testcase() const;
  std::string first_step_text() const;  // "step 1 (or step C.2:4, when its 'when' holds)"
  std::optional<std::size_t> step_index(const std::string& id) const;

  const ReplOptions& options_;
  LoadedProgram loaded_;
  std::unique_ptr<jit::SessionJit> jit_;
  const scn_program* program_;
  LineReader* reader_ = nullptr;

  std::string testcase_;  // the picked test case, "" before
  scn_rt* rt_ = nullptr;
  Phase phase_ = Phase::none;
  Pace pace_ = Pace::step;
  int go_through_ = 0;          // steps to run before pausing
  bool finish_after_ = false;   // `finish` while running: finish when the entry returns
  bool restart_requested_ = false, quit_requested_ = false;
  std::optional<std::string> load_requested_;
  std::set<std::string> breakpoints_;
  std::string current_;       // id of the step paused at or last run
  std::size_t next_index_ = 0;  // index of the step expected next, for skipped steps
  std::vector<std::string> typed_;  // typed steps that ran, in order
  std::vector<std::pair<std::string, std::string>> settings_;  // base + `set`
  int exit_code_ = 0;
};

// Prints to stdout (the runtime prints its flow lines there too).
void say(const std::string& text);
// "UE -> SS" or "SS -> UE", as steps are written.
// "UE -> SS", "UE1 -> FOCUS", "make UE2": who a step goes between, by party names.
std::string direction_text(const ir::Testcase& tc, int from, int to, int kind);
// The names a typed step may start with: the test case's parties.
std::vector<std::string> party_names(const ir::Testcase* tc);

}  // namespace scn::repl
