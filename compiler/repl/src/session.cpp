#include <algorithm>
#include <cstdio>
#include <iostream>

#include "session_impl.h"

namespace scn::repl {

void say(const std::string& text) { std::cout << text << std::endl; }

std::string direction_text(const ir::Testcase& tc, int from, int to, int kind) {
  auto name = [&](int index) {
    return index >= 0 && static_cast<std::size_t>(index) < tc.parties.size()
               ? tc.parties[static_cast<std::size_t>(index)].name
               : std::string("?");
  };
  if (kind == SCN_STEP_ACTION) return "make " + name(to);
  if (kind == SCN_STEP_WAIT) return "SS";  // scn itself lets the time pass
  return name(from) + " -> " + name(to);
}

std::vector<std::string> party_names(const ir::Testcase* tc) {
  std::vector<std::string> out;
  if (tc)
    for (const ir::PartyDef& p : tc->parties) out.push_back(p.name);
  return out;
}

Session::Session(const ReplOptions& options, LoadedProgram loaded,
                 std::unique_ptr<jit::SessionJit> jit, const scn_program* program)
    : options_(options), loaded_(std::move(loaded)), jit_(std::move(jit)), program_(program) {
  for (std::size_t i = 0; i < options.config.setting_count; ++i)
    settings_.emplace_back(options.config.settings[i].name, options.config.settings[i].value);
}

Session::~Session() { close_run(); }

std::optional<std::string> Session::loop(LineReader& reader) {
  reader_ = &reader;
  pick_first_testcase();
  while (!quit_requested_ && !load_requested_) {
    std::optional<std::string> line = read_line();
    if (!line) break;
    Command command = parse_command(*line, party_names(testcase()));
    const Move* move = std::get_if<Move>(&command);
    if (!move) {
      handle(command, *line);
      continue;
    }
    if (move->flow == Flow::quit) break;
    if (move->flow == Flow::restart) restart();
    else start(move->flow);
  }
  close_run();
  return load_requested_;
}

void Session::pick_first_testcase() {
  const std::string wanted = options_.config.testcase ? options_.config.testcase : "";
  if (!wanted.empty()) return pick(wanted);
  if (loaded_.ir.testcases.size() == 1) return pick(loaded_.ir.testcases[0].name);
  std::string names;
  for (const ir::Testcase& t : loaded_.ir.testcases) names += (names.empty() ? "" : ", ") + t.name;
  say(loaded_.ir.testcases.empty() ? "the file has no test case"
                                   : "several test cases (" + names + "): 'testcase NAME' picks one");
}

void Session::open_run() {
  std::vector<scn_setting> settings;
  for (const auto& [name, value] : settings_) settings.push_back({name.c_str(), value.c_str()});
  scn_run_config config = options_.config;
  config.testcase = testcase_.c_str();
  config.settings = settings.data();
  config.setting_count = settings.size();
  char error[512] = "";
  rt_ = scn_rt_open(&config, program_, error, sizeof error);
  if (!rt_) {
    say(std::string("ERROR: ") + error);
    phase_ = Phase::closed;
    return;
  }
  scn_rt_set_step_hook(rt_, &Session::hook_thunk, this);
  phase_ = Phase::ready;
  current_.clear();
  next_index_ = 0;
  typed_.clear();
  say("ready before " + first_step_text() + " of " + testcase_ +
      ": 'step' runs one step, 'continue' runs to a breakpoint, 'steps' lists them");
}

// The first step that runs whatever the conditions: steps under `when` (a registration
// preamble switched off by default) may not run at all, so they are named apart.
std::string Session::first_step_text() const {
  const ir::Testcase* tc = testcase();
  if (!tc || tc->steps.empty()) return "step ?";
  std::size_t conditional = 0;
  for (const ir::Op& op : tc->ops) {
    if (const auto* begin = std::get_if<ir::StepBegin>(&op.node)) {
      const std::string id = "step " + tc->steps.at(begin->step).id;
      if (conditional == 0) return id;
      return id + " (or step " + tc->steps.front().id + ", when its 'when' holds)";
    }
    if (const auto* branch = std::get_if<ir::If>(&op.node)) {
      conditional += branch->ops.size();
      continue;
    }
    break;  // a window or a group: its first step
  }
  return "step " + tc->steps.front().id;
}

void Session::close_run() {
  if (!rt_) return;
  scn_rt_close(rt_);
  rt_ = nullptr;
  jit_->remove_adhoc();
  if (phase_ != Phase::none) phase_ = Phase::closed;
}

void Session::start(Flow flow) {
  switch (phase_) {
    case Phase::none: return say("no test case picked: 'testcases' lists them");
    case Phase::closed: return say("no run is open: 'restart' starts a new one");
    case Phase::ended:
      if (flow == Flow::finish) return finish_run();
      return say("the test case has ended: 'finish' prints the verdict and ends the run");
    default: break;
  }
  pace_ = flow == Flow::step ? Pace::step : flow == Flow::continue_ ? Pace::continue_ : Pace::run;
  go_through_ = flow == Flow::step ? 1 : 0;
  finish_after_ = flow == Flow::finish;
  const scn_testcase* entry = nullptr;
  for (std::size_t i = 0; i < program_->testcase_count; ++i)
    if (testcase_ == program_->testcases[i].name) entry = &program_->testcases[i];
  if (!entry) return say("internal error: no code for test case " + testcase_);
  phase_ = Phase::running;
  scn_rt_call(rt_, entry->entry, 0);
  after_entry();
}

void Session::after_entry() {
  if (quit_requested_ || load_requested_) return close_run();
  if (restart_requested_) {
    restart_requested_ = false;
    phase_ = Phase::ended;
    return restart();
  }
  phase_ = Phase::ended;
  const ir::Testcase* tc = testcase();
  if (scn_verdict(rt_) == SCN_PASS && tc) note_skipped(tc->steps.size());
  status("the test case ended");
  if (finish_after_) finish_run();
  else say("'finish' prints the verdict and ends the run; typed steps still run until then");
}

void Session::finish_run() {
  exit_code_ = scn_rt_finish(rt_);
  close_run();
  say("the run is over: 'restart' runs the test case again, 'quit' leaves");
}

void Session::restart() {
  if (phase_ == Phase::none) return say("no test case picked: 'testcases' lists them");
  if (phase_ == Phase::running || phase_ == Phase::paused) {
    restart_requested_ = true;  // the hook aborts the entry; after_entry comes back here
    return;
  }
  close_run();
  say("restarting " + testcase_);
  open_run();
}

int Session::hook_thunk(void* user, scn_rt*, const scn_step* step) {
  return static_cast<Session*>(user)->on_step(*step);
}

int Session::on_step(const scn_step& step) {
  current_ = step.id ? step.id : "";
  if (std::optional<std::size_t> index = step_index(current_)) {
    note_skipped(*index);
    next_index_ = *index + 1;
  }
  if (!wants_pause(current_)) return SCN_HOOK_GO;
  const ir::Testcase* tc = testcase();
  const std::string parties = tc ? direction_text(*tc, step.from, step.to, step.kind) : "?";
  status("paused before step " + current_ + " (" + parties + " " +
         (step.message ? step.message : "") + ")");
  return pause();
}

bool Session::wants_pause(const std::string& id) {
  if (pace_ == Pace::run) return false;
  if (go_through_ > 0) {
    --go_through_;
    return false;
  }
  return pace_ == Pace::step || breakpoints_.count(id) != 0;
}

// The command loop while the entry function waits in the hook.
int Session::pause() {
  phase_ = Phase::paused;
  while (true) {
    std::optional<std::string> line = read_line();
    if (!line) {
      quit_requested_ = true;
      return SCN_HOOK_ABORT;
    }
    Command command = parse_command(*line, party_names(testcase()));
    const Move* move = std::get_if<Move>(&command);
    if (!move) {
      handle(command, *line);
      if (load_requested_) return SCN_HOOK_ABORT;
      continue;
    }
    switch (move->flow) {
      case Flow::quit: quit_requested_ = true; return SCN_HOOK_ABORT;
      case Flow::restart: restart_requested_ = true; return SCN_HOOK_ABORT;
      case Flow::step: pace_ = Pace::step; break;
      case Flow::continue_: pace_ = Pace::continue_; break;
      case Flow::run: pace_ = Pace::run; break;
      case Flow::finish: pace_ = Pace::run; finish_after_ = true; break;
    }
    phase_ = Phase::running;
    return SCN_HOOK_GO;
  }
}

// Steps between the one expected next and `upto` never reached the hook: a window that
// timed out or a `when` that did not hold.
void Session::note_skipped(std::size_t upto) {
  const ir::Testcase* tc = testcase();
  if (!tc || next_index_ >= upto) return;
  std::string ids;
  for (std::size_t i = next_index_; i < upto && i < tc->steps.size(); ++i)
    ids += (ids.empty() ? "" : ", ") + tc->steps[i].id;
  say("not run: step" + std::string(upto - next_index_ > 1 ? "s " : " ") + ids +
      " (optional window timed out, or condition false)");
  next_index_ = upto;
}

std::optional<std::string> Session::read_line() {
  std::optional<std::string> line = reader_->read(prompt(), [this](int fd) {
    if (rt_) scn_rt_idle_until_readable(rt_, fd);
  });
  if (line && options_.echo && !reader_->interactive()) say("> " + *line);
  if (!line && rt_ && phase_ != Phase::closed)
    say("end of input: the run of " + testcase_ + " was not finished and has no verdict");
  return line;
}

std::string Session::prompt() const {
  std::string where;
  switch (phase_) {
    case Phase::none: where = "no test case"; break;
    case Phase::ready: where = "ready"; break;
    case Phase::running:
    case Phase::paused: where = "step " + current_; break;
    case Phase::ended: where = "ended"; break;
    case Phase::closed: where = "closed"; break;
  }
  std::string verdict = rt_ ? " " + verdict_so_far() : "";
  return (testcase_.empty() ? loaded_.ir.name : testcase_) + " [" + where + "]" + verdict + "> ";
}

void Session::status(const std::string& what) const {
  say(what + "; verdict so far: " + verdict_so_far());
}

const ir::Testcase* Session::testcase() const {
  for (const ir::Testcase& t : loaded_.ir.testcases)
    if (t.name == testcase_) return &t;
  return nullptr;
}

std::optional<std::size_t> Session::step_index(const std::string& id) const {
  const ir::Testcase* tc = testcase();
  if (!tc) return std::nullopt;
  for (std::size_t i = 0; i < tc->steps.size(); ++i)
    if (tc->steps[i].id == id) return i;
  return std::nullopt;
}

}  // namespace scn::repl
