// Opening and finishing a session: everything scn_rt_run does around the entry function.
#include "abi/session.h"

#include <cstdio>

#include "options/options.h"

namespace scn {

namespace {

std::string testcase_names(const scn_program& program) {
  std::string names;
  for (std::size_t i = 0; i < program.testcase_count; ++i)
    names += std::string(names.empty() ? "" : ", ") +
             (program.testcases[i].name ? program.testcases[i].name : "?");
  return names;
}

Result<const scn_testcase*> select_testcase(const scn_program& program,
                                            const std::string& wanted) {
  if (wanted.empty()) {
    if (program.testcase_count == 1) return &program.testcases[0];
    if (program.testcase_count == 0) return make_error("the program has no test case");
    return make_error("several test cases, choose one with --testcase: " +
                      testcase_names(program));
  }
  for (std::size_t i = 0; i < program.testcase_count; ++i)
    if (program.testcases[i].name && wanted == program.testcases[i].name)
      return &program.testcases[i];
  return make_error("--testcase: no test case '" + wanted + "' (there are: " +
                    testcase_names(program) + ")");
}

void print_banner(const Executor& executor, const scn_program& program, const scn_testcase& tc,
                  const RunOptions& options) {
  if (options.quiet || options.silent) return;
  std::string line = "scn: " + std::string(program.name ? program.name : "") + " " +
                     (tc.name ? tc.name : "");
  if (tc.title) line += " \"" + std::string(tc.title) + "\"";
  print_line(line);
  // The default socket is "SS" as a rule; in the mirror the played UEs on it (UE1).
  // Played parties with an address of their own (--bind NAME=) get a line each.
  const party::Roster& roster = executor.roster();
  bool ss_on_default = false;
  std::string on_default;
  std::vector<std::string> own;
  for (party::Index i : roster.of_kind(party::Kind::Played)) {
    const std::string& name = roster.at(i).name;
    auto address = executor.party_address(name);
    if (!address) continue;
    if (*address != executor.ss_address()) own.push_back(name + " on " + options.transport + " " + *address);
    else if (name == "SS") ss_on_default = true;
    else on_default += (on_default.empty() ? "" : ", ") + name;
  }
  const std::string default_name = ss_on_default || on_default.empty() ? "SS" : on_default;
  print_line(default_name + " on " + options.transport + " " + executor.ss_address());
  for (const std::string& line : own) print_line(line);
}

// A run that cannot start still leaves the reports it was asked for: the reason, and
// why a report could not be written if so.
Error reported(const RunOptions& options, const scn_program& program, const scn_testcase* testcase,
               Error error) {
  const std::string suite = program.name ? program.name : "scn";
  auto written = write_error_reports(options, error_record(options, suite, testcase, error.reason));
  if (!written) error.reason += "; " + written.reason();
  return error;
}

}  // namespace

// Written by length: even a NUL that slipped through cannot swallow the line's end.
void print_line(const std::string& line) {
  const std::string text = line + "\n";
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

int print_error_line(const std::string& reason) {
  print_line(styled_final_line(detect_console_style(), Verdict{VerdictKind::Error, {}, reason, {}}));
  return exit_code(VerdictKind::Error);
}

Session::Session(std::shared_ptr<const RunOptions> options, InstanceHooks hooks,
                 const scn_program& program, const scn_testcase& testcase)
    : options_(std::move(options)), hooks_(std::move(hooks)), testcase_(testcase),
      executor_(*options_, program, testcase, hooks_) {
  executor_.attach(this);
}

Result<const scn_testcase*> Session::chosen(const RunOptions& options, const scn_program& program) {
  if (program.abi_version != SCN_RT_ABI_VERSION) {
    // Nothing else of a program of another ABI can be trusted, its name included.
    return make_error("the program was compiled for runtime ABI " +
                      std::to_string(program.abi_version) + ", this runtime has " +
                      std::to_string(SCN_RT_ABI_VERSION));
  }
  auto selected = select_testcase(program, options.testcase);
  if (!selected) return reported(options, program, nullptr, selected.error());
  if (!(*selected)->entry)
    return reported(options, program, *selected, make_error("test case without code"));
  return *selected;
}

Result<std::unique_ptr<Session>> Session::open(RunOptions options, const scn_program& program) {
  auto testcase = chosen(options, program);
  if (!testcase) return testcase.error();
  auto paths = check_report_paths(options);  // an unwritable one is cleared, the run's error
  return start(std::make_shared<const RunOptions>(std::move(options)), {}, program, **testcase,
               std::move(paths));
}

Result<std::unique_ptr<Session>> Session::open(std::shared_ptr<const RunOptions> options,
                                               InstanceHooks hooks, const scn_program& program) {
  auto testcase = chosen(*options, program);
  if (!testcase) return testcase.error();
  return start(std::move(options), std::move(hooks), program, **testcase, {});
}

Result<std::unique_ptr<Session>> Session::start(std::shared_ptr<const RunOptions> options,
                                                InstanceHooks hooks, const scn_program& program,
                                                const scn_testcase& testcase, Result<void> ready) {
  std::unique_ptr<Session> session(
      new Session(std::move(options), std::move(hooks), program, testcase));
  Executor& executor = session->executor_;
  if (ready) ready = executor.apply_settings();
  if (ready) ready = executor.open();
  if (!ready) return session->not_started(ready.error());
  print_banner(executor, program, testcase, *session->options_);
  return session;
}

// The executor's own record, with the parties and values it knows: the reports of a
// run that did not start look like those of one that did.
Error Session::not_started(Error error) {
  executor_.set_error(error.reason);
  if (auto written = executor_.write_reports(); !written) error.reason += "; " + written.reason();
  return error;
}

int Session::call(int (*entry)(scn_rt*), bool adhoc) {
  if (exit_code_) return SCN_STOP;
  return executor_.call(entry, adhoc);
}

int Session::finish() {
  if (exit_code_) return *exit_code_;
  executor_.end_checks();
  executor_.clean_up();  // before the verdict line, which stays the last one
  const Verdict& verdict = executor_.verdict().verdict();
  exit_code_ = executor_.verdict().exit_code();
  if (options_->silent) return *exit_code_;  // a load instance: its tally says it all
  if (verdict.kind == VerdictKind::Fail && verdict.mismatches.size() > 1)
    std::fputs(render_mismatches(verdict).c_str(), stdout);
  if (const std::string traffic = report::traffic_line(executor_.traffic());
      !traffic.empty() && !options_->quiet)
    print_line(traffic);
  print_line(styled_final_line(executor_.console(), verdict));
  exit_code_ = executor_.verdict().exit_code();  // before linger: finished from here on

  executor_.linger();
  if (auto written = executor_.write_reports(); !written)
    exit_code_ = print_error_line(written.reason());
  return *exit_code_;
}

}  // namespace scn
