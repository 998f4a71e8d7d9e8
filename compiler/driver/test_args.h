// The options of `scn test` (a campaign) and `scn merge` (shards' results in one report).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "run_args.h"

namespace CLI {
class App;
}

namespace scn::driver {

struct TestArgs {
  std::vector<std::string> paths;    // files and directories
  std::string campaign;              // campaign file, "" none
  std::vector<std::string> filters;  // test case name globs (or FILE:NAME)
  unsigned jobs = 1;
  std::string shard;                 // "I/N", "" none
  std::string report_dir;            // "" none
  double case_timeout_seconds = 900;
  bool flow = false;                 // print each test case's call flow when it ends
  // Run options for every test case (add_party_options); the campaign adds to them.
  RunArgs common;
};

void add_test_options(CLI::App& command, TestArgs& args);

struct MergeArgs {
  std::vector<std::string> dirs;  // report folders of `scn test --report-dir`
  std::string output;             // the merged report folder
};

void add_merge_options(CLI::App& command, MergeArgs& args);

}  // namespace scn::driver
