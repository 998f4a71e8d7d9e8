// The run options of the command-line contract (cli.md), for `scn run`: declared on a
// CLI11 subcommand, then turned into the runtime's scn_run_config. Built executables
// parse the same options in the runtime (scn_rt_main).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scn/scn_rt.h"

namespace CLI {
class App;
}

namespace scn::driver {

struct RunArgs {
  std::string testcase, transport, trace, junit, pcap, json, html;
  std::vector<std::string> binds, ues, drives;  // [PARTY=]VALUE, in command-line order
  std::vector<std::string> sets;  // NAME=VALUE
  std::optional<double> timeout_seconds, linger_seconds;
  std::optional<unsigned> repeat;  // --repeat N (`scn run` only): N runs, 0 until stopped
  // Load mode (`scn run` only): --load and its figures, checked by the runtime.
  bool load = false;
  std::optional<unsigned> calls, concurrency, threads;
  std::optional<double> duration_seconds, rate, stats_interval_seconds;
  std::string stats;
  bool quiet = false;
  bool verbose = false;  // log_level 1: the trace logs every match attempt
  bool mirror = false;   // --mirror (`scn run` only): the test case's parties swapped
};

void add_run_options(CLI::App& command, RunArgs& args);
// The options that say where the parties are and how the run behaves, shared by `scn
// test` (for every test case): --bind --ue --drive --transport --set --timeout --linger.
void add_party_options(CLI::App& command, RunArgs& args);

// --repeat, for `scn run` only: a long-running SS.
void add_repeat_option(CLI::App& command, RunArgs& args);

// --mirror's help text, for every command that compiles.
constexpr const char* mirror_help =
    "compile the mirror: parties under test are played and played parties under test "
    "(the executor plays the UE against a real or played network; docs/mirror.md)";
// --load and its options, for `scn run` only: many instances at once (docs/load.md).
void add_load_options(CLI::App& command, RunArgs& args);

// A scn_run_config pointing into `args` and `settings` (keep both alive while it is
// used). Empty when fine, else the reason ("--set: expected NAME=VALUE, got 'x'").
struct RunConfig {
  scn_run_config config{};
  std::vector<std::string> names, values;
  std::vector<scn_setting> settings;
  std::vector<std::string> party_names, party_values;
  std::vector<scn_party_option> party_options;
};
std::string make_run_config(const RunArgs& args, RunConfig& out);

}  // namespace scn::driver
