#include "run_args.h"

#include <CLI/CLI.hpp>
#include <cmath>
#include <tuple>

namespace scn::driver {

void add_party_options(CLI::App& cmd, RunArgs& args) {
  cmd.add_option("--bind", args.binds,
                 "[PARTY=]HOST:PORT: the SS's local SIP address (default 127.0.0.1:5060), or a "
                 "played party's own (repeatable)");
  cmd.add_option("--ue", args.ues,
                 "[PARTY=]HOST:PORT: where a UE under test is, for requests sent before its "
                 "Contact is known (repeatable)");
  cmd.add_option("--drive", args.drives,
                 "PARTY=SPEC: how the upper tester makes a UE act: ctrl:HOST:PORT, "
                 "cmd:COMMAND or prompt (repeatable)");
  cmd.add_option("--transport", args.transport, "udp (default) or tcp");
  cmd.add_option("--set", args.sets, "NAME=VALUE: override a parameter (repeatable)");
  cmd.add_option("--timeout", args.timeout_seconds, "default wait for a UE message, seconds (10)");
  cmd.add_option("--linger", args.linger_seconds,
                 "after a pass over UDP, answer UE retransmissions until it is quiet this long (4)");
}

void add_run_options(CLI::App& cmd, RunArgs& args) {
  cmd.add_option("--testcase", args.testcase, "which test case (default: the only one)");
  add_party_options(cmd, args);
  cmd.add_option("--trace", args.trace, "write every message sent and received to FILE");
  cmd.add_option("--junit", args.junit, "write a JUnit XML report to FILE");
  cmd.add_option("--pcap", args.pcap, "write every SIP message and RTP packet to FILE (pcap)");
  cmd.add_option("--json", args.json, "write the run as JSON (steps, timings, messages) to FILE");
  cmd.add_option("--html", args.html, "write the run as an HTML ladder diagram to FILE");
  cmd.add_flag("--quiet", args.quiet, "no message flow on stdout");
  cmd.add_flag("--verbose", args.verbose,
               "the trace (--trace) also logs every match attempt of every step, row by row");
}

void add_repeat_option(CLI::App& cmd, RunArgs& args) {
  cmd.add_option("--repeat", args.repeat,
                 "N: run the test case N times in a row, each a new call, then a summary line "
                 "(1; 0: until SIGINT or SIGTERM)");
}

void add_load_options(CLI::App& cmd, RunArgs& args) {
  cmd.add_flag("--load", args.load,
               "load mode: many instances at once with statistics (needs --calls or --duration)");
  cmd.add_option("--calls", args.calls, "N: instances in all (--load)");
  cmd.add_option("--duration", args.duration_seconds, "SECONDS: start instances this long (--load)");
  cmd.add_option("--rate", args.rate, "CPS: instances started per second when the SS calls (10)");
  cmd.add_option("--concurrency", args.concurrency, "N: most instances at once (100); beyond: 503");
  cmd.add_option("--threads", args.threads, "N: receiving threads (default: UDP none, TCP 1; more may reorder a call's messages)");
  cmd.add_option("--stats", args.stats, "FILE: statistics each interval, CSV or JSON lines (.json)");
  cmd.add_option("--stats-interval", args.stats_interval_seconds, "SECONDS: (1)");
}

namespace {

const char* or_null(const std::string& text) { return text.empty() ? nullptr : text.c_str(); }

// The party a value names ("FOCUS=127.0.0.1:5062"), or "" for a value that names none
// (host:port never holds '='). The runtime checks the names against the test case.
std::string party_of(const std::string& value) {
  const std::size_t eq = value.find('=');
  return eq == std::string::npos ? std::string() : value.substr(0, eq);
}

// Options naming a party become scn_party_options; the last nameless --bind / --ue is
// the default. --drive always names a party.
std::string add_party_options(const std::vector<std::string>& values, int kind,
                              const char* option, const char*& nameless, RunConfig& out) {
  for (const std::string& value : values) {
    const std::string party = party_of(value);
    if (party.empty() && kind == SCN_OPTION_DRIVE)
      return std::string(option) + ": expected PARTY=SPEC, got '" + value + "'";
    if (party.empty() && value.find('=') == std::string::npos) {
      nameless = value.c_str();
      continue;
    }
    out.party_names.push_back(party);
    out.party_values.push_back(value.substr(party.size() + 1));
    out.party_options.push_back({kind, nullptr, nullptr});
  }
  return {};
}

// Seconds -> milliseconds, as the runtime's own option parser accepts them.
std::optional<unsigned> millis(double seconds, bool zero_allowed) {
  if (!std::isfinite(seconds) || seconds < 0 || seconds > 86400 || (seconds == 0 && !zero_allowed))
    return std::nullopt;
  return static_cast<unsigned>(std::lround(seconds * 1000));
}

// The load options as the runtime takes them (calls per 1000 s, milliseconds).
std::string set_load(const RunArgs& args, scn_run_config& c) {
  c.load = args.load ? 1 : 0;
  if (args.calls) c.load_calls = *args.calls;
  if (args.duration_seconds) {
    auto ms = millis(*args.duration_seconds, false);
    if (!ms) return "--duration: not a number of seconds between 0 and 86400";
    c.load_duration_ms = *ms;
  }
  if (args.rate) {
    if (!std::isfinite(*args.rate) || *args.rate < 0.001 || *args.rate > 1e6)
      return "--rate: not a number of calls per second between 0.001 and 1000000";
    c.load_rate_mcps = static_cast<unsigned>(std::lround(*args.rate * 1000));
  }
  if (args.concurrency) c.load_concurrency = *args.concurrency;
  if (args.threads) c.load_threads = *args.threads;
  c.load_stats_file = or_null(args.stats);
  if (args.stats_interval_seconds) {
    auto ms = millis(*args.stats_interval_seconds, false);
    if (!ms) return "--stats-interval: not a number of seconds between 0 and 86400";
    c.load_stats_interval_ms = *ms;
  }
  return {};
}

}  // namespace

std::string make_run_config(const RunArgs& args, RunConfig& out) {
  scn_run_config_init(&out.config);
  scn_run_config& c = out.config;
  c.testcase = or_null(args.testcase);

  if (!args.transport.empty()) c.transport = args.transport.c_str();
  c.trace_file = or_null(args.trace);
  c.junit_file = or_null(args.junit);
  c.pcap_file = or_null(args.pcap);
  c.json_file = or_null(args.json);
  c.html_file = or_null(args.html);
  c.quiet = args.quiet ? 1 : 0;
  c.log_level = args.verbose ? 1 : 0;
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
  if (args.repeat) c.repeat = *args.repeat;
  if (auto error = set_load(args, c); !error.empty()) return error;
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
  const char* drive_default = nullptr;  // --drive has no nameless form
  for (auto [values, kind, option, nameless] :
       {std::tuple{&args.binds, SCN_OPTION_BIND, "--bind", &c.bind},
        std::tuple{&args.ues, SCN_OPTION_UE, "--ue", &c.ue},
        std::tuple{&args.drives, SCN_OPTION_DRIVE, "--drive", &drive_default}})
    if (auto error = add_party_options(*values, kind, option, *nameless, out); !error.empty())
      return error;
  // The strings are all in place now: point the options at them.
  for (std::size_t i = 0; i < out.party_options.size(); ++i) {
    out.party_options[i].party = out.party_names[i].c_str();
    out.party_options[i].value = out.party_values[i].c_str();
  }
  c.party_options = out.party_options.data();
  c.party_option_count = out.party_options.size();
  return {};
}

}  // namespace scn::driver
