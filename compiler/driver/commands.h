// The scn subcommands. Each returns the process exit status: 0 clean, 1 errors in the
// input, 3 unusable input (unreadable file) or a command that does not exist yet.
#pragma once

#include <string>
#include <vector>

#include "run_args.h"
#include "test_args.h"

namespace scn::driver {

constexpr int exit_ok = 0;
constexpr int exit_errors = 1;
constexpr int exit_unusable = 3;

// `mirror`: the mirror of each test case (parties swapped, docs/mirror.md).
int check(const std::vector<std::string>& files, bool mirror = false);
int emit(const std::string& stage, const std::string& file, bool mirror = false);
int list(const std::string& file);
int run(const std::string& file, const RunArgs& args);  // the run's exit code (cli.md)
int build(const std::string& file, const std::string& output, bool mirror = false);
// The exit code of the last finished run, 0 without one, 3 when the file is unusable.
int repl(const std::string& file, const RunArgs& args, bool echo);
// A campaign: every selected test case; the worst verdict's exit code (cli.md).
int test(const TestArgs& args);
// The reports of several `scn test --report-dir` folders as one.
int merge(const MergeArgs& args);
// The catalogue of MODULE (ts34229.annex_a or a .scn path) as md or html, to OUTPUT or stdout.
int doc(const std::string& format, const std::string& output, const std::string& module);
int not_implemented(const std::string& command);

}  // namespace scn::driver
