#include "test_args.h"

#include <CLI/CLI.hpp>

namespace scn::driver {

void add_test_options(CLI::App& cmd, TestArgs& args) {
  cmd.add_option("PATH", args.paths, "scenario files and directories (searched for *.scn)")
      ->required();
  cmd.add_option("--campaign", args.campaign,
                 "campaign file: UEs, addresses, settings and peers per test case "
                 "(docs/campaigns.md)");
  cmd.add_option("-k,--filter", args.filters,
                 "run only test cases whose name (or FILE:NAME) matches this glob (repeatable)");
  cmd.add_option("-j,--jobs", args.jobs, "test cases run at once, where addresses allow (1)")
      ->check(CLI::Range(1u, 64u));
  cmd.add_option("--shard", args.shard,
                 "I/N: run every N-th test case from the I-th, for N hosts sharing a campaign");
  cmd.add_option("--report-dir", args.report_dir,
                 "write per test case reports and junit.xml, summary.json, index.html here");
  cmd.add_option("--case-timeout", args.case_timeout_seconds,
                 "stop a test case that has no verdict after this many seconds (900)")
      ->check(CLI::Range(1.0, 86400.0));
  cmd.add_flag("--flow", args.flow, "print each test case's call flow when it ends");
  add_party_options(cmd, args.common);
}

void add_merge_options(CLI::App& cmd, MergeArgs& args) {
  cmd.add_option("DIR", args.dirs, "report folders written by scn test --report-dir")->required();
  cmd.add_option("-o,--output", args.output, "the merged report folder")->required();
}

}  // namespace scn::driver
