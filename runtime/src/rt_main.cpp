// The two ways into a run: scn_rt_main (built executables: parse argv) and scn_rt_run
// (the JIT driver: options already parsed). Both end in run_program, so the verdict
// line, reports and exit codes are the same whichever way a test case runs.
#include <cstdio>
#include <exception>

#include "scn/executor.h"

namespace scn {

namespace {

void print_line(const std::string& line) {
  std::fputs((line + "\n").c_str(), stdout);
  std::fflush(stdout);
}

int finish_with_error(const std::string& reason) {
  print_line(render_final_line(Verdict{VerdictKind::Error, {}, reason, {}}));
  return exit_code(VerdictKind::Error);
}

std::string testcase_names(const scn_program& program) {
  std::string names;
  for (std::size_t i = 0; i < program.testcase_count; ++i)
    names += std::string(names.empty() ? "" : ", ") +
             (program.testcases[i].name ? program.testcases[i].name : "?");
  return names;
}

const scn_testcase* select_testcase(const scn_program& program, const std::string& wanted,
                                    std::string& error) {
  if (wanted.empty()) {
    if (program.testcase_count == 1) return &program.testcases[0];
    error = program.testcase_count == 0
                ? "the program has no test case"
                : "several test cases, choose one with --testcase: " + testcase_names(program);
    return nullptr;
  }
  for (std::size_t i = 0; i < program.testcase_count; ++i)
    if (program.testcases[i].name && wanted == program.testcases[i].name)
      return &program.testcases[i];
  error = "--testcase: no test case '" + wanted + "' (there are: " + testcase_names(program) + ")";
  return nullptr;
}

std::string program_help(const scn_program& program, const char* argv0) {
  std::string help = run_options_usage(argv0 ? argv0 : "scn-test");
  help += "test cases:\n";
  for (std::size_t i = 0; i < program.testcase_count; ++i) {
    const scn_testcase& t = program.testcases[i];
    help += "  " + std::string(t.name ? t.name : "?");
    if (t.title) help += "  \"" + std::string(t.title) + "\"";
    help += "\n";
  }
  if (program.param_count) help += "parameters (--set NAME=VALUE):\n";
  for (std::size_t i = 0; i < program.param_count; ++i) {
    const scn_param_def& p = program.params[i];
    help += "  " + std::string(p.name ? p.name : "?") + " = \"" +
            (p.default_value ? p.default_value : "") + "\"\n";
  }
  return help;
}

void print_banner(const Executor& executor, const scn_program& program, const scn_testcase& tc,
                  const RunOptions& options) {
  if (options.quiet) return;
  std::string line = "scn: " + std::string(program.name ? program.name : "") + " " +
                     (tc.name ? tc.name : "");
  if (tc.title) line += " \"" + std::string(tc.title) + "\"";
  print_line(line);
  print_line("SS on " + options.transport + " " + executor.ss_address());
}

int run_program(const RunOptions& options, const scn_program& program) {
  if (program.abi_version != SCN_RT_ABI_VERSION)
    return finish_with_error("the program was compiled for runtime ABI " +
                             std::to_string(program.abi_version) + ", this runtime has " +
                             std::to_string(SCN_RT_ABI_VERSION));
  std::string error;
  const scn_testcase* testcase = select_testcase(program, options.testcase, error);
  if (!testcase) return finish_with_error(error);
  if (!testcase->entry) return finish_with_error("test case without code");
  Executor executor(options, program, *testcase);
  if (!executor.apply_settings(error) || !executor.open(error)) return finish_with_error(error);
  print_banner(executor, program, *testcase, options);

  executor.run();
  const Verdict& verdict = executor.verdict().verdict();
  if (verdict.kind == VerdictKind::Fail && verdict.mismatches.size() > 1)
    std::fputs(render_mismatches(verdict).c_str(), stdout);
  print_line(render_final_line(verdict));

  executor.linger();
  if (!executor.write_reports(error)) return finish_with_error(error);
  return executor.verdict().exit_code();
}

int run_guarded(const sip::Result<RunOptions>& options, const scn_program* program,
                const char* argv0) {
  if (!program) return finish_with_error("no program to run");
  if (!options) return finish_with_error(options.reason());
  if (options->help) {
    std::fputs(program_help(*program, argv0).c_str(), stdout);
    return 0;
  }
  return run_program(*options, *program);
}

}  // namespace

}  // namespace scn

extern "C" {

void scn_run_config_init(scn_run_config* config) {
  if (!config) return;
  *config = scn_run_config{};
  config->bind = "127.0.0.1:5060";
  config->transport = "udp";
  config->timeout_ms = 10000;
  config->linger_ms = 4000;
}

int scn_rt_run(const scn_run_config* config, const scn_program* program) {
  try {
    if (!config) return scn::finish_with_error("no run configuration");
    return scn::run_guarded(scn::run_options_from(*config), program, nullptr);
  } catch (const std::exception& e) {
    return scn::finish_with_error(std::string("internal error: ") + e.what());
  } catch (...) {
    return 3;
  }
}

int scn_rt_main(int argc, char** argv, const scn_program* program) {
  try {
    return scn::run_guarded(scn::parse_run_options(argc, argv), program,
                            argc > 0 ? argv[0] : nullptr);
  } catch (const std::exception& e) {
    return scn::finish_with_error(std::string("internal error: ") + e.what());
  } catch (...) {
    return 3;
  }
}

}  // extern "C"
