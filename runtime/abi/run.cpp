// The two ways into a run: scn_rt_main (built executables: parse argv) and scn_rt_run
// (the JIT driver: options already parsed). Both end in run_program, a whole session
// (session.h), so the verdict line, reports and exit codes are the same whichever way a
// test case runs, interactive sessions included.
#include <cstdio>
#include <exception>

#include "abi/repeat.h"
#include "abi/load_run.h"
#include "abi/session.h"

// jemalloc, the allocator of the programs scn ships (runtime/CMakeLists.txt), reads this
// when it starts: an arena per CPU rather than four. A load run has a scheduler thread
// per core, and its calls' memory spread over eight arenas on 2 cores cost a held call
// 1.5 kB more (bench/ratios/memory.py, 1,000 calls: 20.1 -> 18.6 kB; CPU a call the
// same). In this file so that every program running test cases links it; MALLOC_CONF
// still overrides it; unused where another allocator is linked (the sanitizers').
extern "C" {
const char* malloc_conf = "percpu_arena:percpu";
}

namespace scn {

namespace {

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

// A session opened, its test case called, finished and closed: the same output and exit
// code as a scn_rt_open / scn_rt_call / scn_rt_finish / scn_rt_close sequence. With
// --repeat, one such session per run (repeat.h).
int run_program(const RunOptions& options, const scn_program& program) {
  if (options.load.on) return run_load(options, program);
  if (options.repeat != 1) return run_repeated(options, program);
  auto opened = Session::open(options, program);  // writes the reports when it fails
  if (!opened) return print_error_line(opened.reason());
  Session& session = *opened.value();
  session.call(session.testcase().entry, false);
  return session.finish();
}

int run_guarded(const Result<RunOptions>& options, const scn_program* program,
                const char* argv0) {
  if (!program) return print_error_line("no program to run");
  if (!options) return print_error_line(options.reason());
  if (options->help) {
    std::fputs(program_help(*program, argv0).c_str(), stdout);
    return 0;
  }
  return run_program(*options, *program);
}

// The report files of a configuration, read as they are: a configuration whose other
// options are bad (the reason the run cannot start) still names its reports.
RunOptions report_options(const scn_run_config& config) {
  auto parsed = run_options_from(config);
  if (parsed) return std::move(parsed).value();
  RunOptions options;
  auto text = [](const char* value) { return value ? std::string(value) : std::string(); };
  options.testcase = text(config.testcase);
  options.trace_file = text(config.trace_file);
  options.junit_file = text(config.junit_file);
  options.json_file = text(config.json_file);
  options.html_file = text(config.html_file);
  return options;
}

int report_error(const scn_run_config* config, const char* suite, const char* reason) {
  std::string why = reason && *reason ? reason : "the run could not start";
  if (config) {
    const RunOptions options = report_options(*config);
    const report::Run run = error_record(options, suite ? suite : "scn", nullptr, why);
    if (auto written = write_error_reports(options, run); !written) why += "; " + written.reason();
  }
  return print_error_line(why);
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
  config->repeat = 1;
  config->load_rate_mcps = 10000;
  config->load_concurrency = 100;
  config->load_stats_interval_ms = 1000;
}

int scn_rt_run(const scn_run_config* config, const scn_program* program) {
  try {
    if (!config) return scn::print_error_line("no run configuration");
    return scn::run_guarded(scn::run_options_from(*config), program, nullptr);
  } catch (const std::exception& e) {
    return scn::print_error_line(std::string("internal error: ") + e.what());
  } catch (...) {
    return 3;
  }
}

int scn_rt_report_error(const scn_run_config* config, const char* suite, const char* reason) {
  try {
    return scn::report_error(config, suite, reason);
  } catch (const std::exception& e) {
    return scn::print_error_line(std::string("internal error: ") + e.what());
  } catch (...) {
    return 3;
  }
}

int scn_rt_main(int argc, char** argv, const scn_program* program) {
  try {
    return scn::run_guarded(scn::parse_run_options(argc, argv), program,
                            argc > 0 ? argv[0] : nullptr);
  } catch (const std::exception& e) {
    return scn::print_error_line(std::string("internal error: ") + e.what());
  } catch (...) {
    return 3;
  }
}

}  // extern "C"
