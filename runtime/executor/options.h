// The run options of the command-line contract (`scn run` and built executables share
// them): parsed by hand here so that built executables carry only the runtime.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "scn/scn_rt.h"
#include "base/base.h"

namespace scn {

struct RunOptions {
  std::string testcase;  // empty: the only test case of the program
  std::string bind = "127.0.0.1:5060";
  std::string ue;        // empty: none
  std::string transport = "udp";
  std::vector<std::pair<std::string, std::string>> settings;  // --set NAME=VALUE, in order
  unsigned timeout_ms = 10000;
  std::string trace_file;
  std::string junit_file;
  bool quiet = false;
  unsigned linger_ms = 4000;  // RFC 3261 T2: the longest gap between UE retransmissions
  bool help = false;
};

// Parses argv[1..argc-1]. Options take their value as the next argument or after '='
// ("--bind=127.0.0.1:5070"). Errors name the option: "--timeout: not a number of
// seconds: 'x'". Every value is checked here (addresses, transport, timeout, NAME=VALUE);
// --set names are checked against the program later (check_settings).
sip::Result<RunOptions> parse_run_options(int argc, const char* const* argv);

// The same options from the C struct of the JIT driver (its fields already parsed).
sip::Result<RunOptions> run_options_from(const scn_run_config& config);

// Usage text of the run options, for --help and option errors.
std::string run_options_usage(const std::string& program_name);

}  // namespace scn
