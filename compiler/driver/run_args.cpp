#include "run_args.h"

#include <CLI/CLI.hpp>
#include <cmath>

namespace scn::driver {

void add_run_options(CLI::App& cmd, RunArgs& args) {
  cmd.add_option("--testcase", args.testcase, "which test case (default: the only one)");
  cmd.add_option("--bind", args.bind, "local SIP address HOST:PORT of the SS (default 127.0.0.1:5060)");
  cmd.add_option("--ue", args.ue, "the UE HOST:PORT, for requests sent before its Contact is known");
  cmd.add_option("--transport", args.transport, "udp (default) or tcp");
  cmd.add_option("--set", args.sets, "NAME=VALUE: override a parameter (repeatable)");
  cmd.add_option("--timeout", args.timeout_seconds, "default wait for a UE message, seconds (10)");
  cmd.add_option("--trace", args.trace, "write every message sent and received to FILE");
  cmd.add_option("--junit", args.junit, "write a JUnit XML report to FILE");
  cmd.add_flag("--quiet", args.quiet, "no message flow on stdout");
  cmd.add_option("--linger", args.linger_seconds,
                 "after a pass over UDP, answer UE retransmissions until it is quiet this long (4)");
}

namespace {

const char* or_null(const std::string& text) { return text.empty() ? nullptr : text.c_str(); }

// Seconds -> milliseconds, as the runtime's own option parser accepts them.
std::optional<unsigned> millis(double seconds, bool zero_allowed) {
  if (!std::isfinite(seconds) || seconds < 0 || seconds > 86400 || (seconds == 0 && !zero_allowed))
    return std::nullopt;
  return static_cast<unsigned>(std::lround(seconds * 1000));
}

}  // namespace

std::string make_run_config(const RunArgs& args, RunConfig& out) {
  scn_run_config_init(&out.config);
  scn_run_config& c = out.config;
  c.testcase = or_null(args.testcase);
  if (!args.bind.empty()) c.bind = args.bind.c_str();
  c.ue = or_null(args.ue);
  if (!args.transport.empty()) c.transport = args.transport.c_str();
  c.trace_file = or_null(args.trace);
  c.junit_file = or_null(args.junit);
  c.quiet = args.quiet ? 1 : 0;
  if (args.timeout_seconds) {
    auto ms = millis(*args.timeout_seconds, false);
    if (!ms) return "--timeout: not a number of seconds between 0 and 86400";
    c.timeout_ms = *ms;
  }
  if (args.linger_seconds) {
    auto ms = millis(*args.linger_seconds, true);
    if (!ms) return "--linger: not a number of seconds between 0 and 86400";
    c.linger_ms = *ms;
  }
  for (const std::string& s : args.sets) {
    auto eq = s.find('=');
    if (eq == std::string::npos || eq == 0) return "--set: expected NAME=VALUE, got '" + s + "'";
    out.names.push_back(s.substr(0, eq));
    out.values.push_back(s.substr(eq + 1));
  }
  for (std::size_t i = 0; i < out.names.size(); ++i)
    out.settings.push_back(scn_setting{out.names[i].c_str(), out.values[i].c_str()});
  c.settings = out.settings.data();
  c.setting_count = out.settings.size();
  return {};
}

}  // namespace scn::driver
