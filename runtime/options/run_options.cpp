// Hand-written parser of the run options (no option library: built executables carry
// only the runtime).
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string_view>

#include "options/options.h"
#include "party/party.h"
#include "transport/transport.h"

namespace scn {

namespace {

constexpr double max_timeout_seconds = 86400;  // a day: anything longer is a typo

Result<unsigned> parse_seconds(std::string_view text, bool zero_allowed) {
  std::string copy(text);
  char* end = nullptr;
  double seconds = std::strtod(copy.c_str(), &end);
  if (copy.empty() || end != copy.c_str() + copy.size() || !std::isfinite(seconds) ||
      seconds < 0 || (seconds == 0 && !zero_allowed) || seconds > max_timeout_seconds)
    return make_error("not a number of seconds between 0 and 86400: '" + copy + "'");
  return static_cast<unsigned>(std::lround(seconds * 1000));
}

// --repeat: a count of runs, 0 for "until stopped".
Result<unsigned> parse_runs(std::string_view text) {
  unsigned runs = 0;
  const char* end = text.data() + text.size();
  auto [stop, error] = std::from_chars(text.data(), end, runs);
  if (text.empty() || error != std::errc() || stop != end)
    return make_error("not a number of runs (0: until stopped): '" + std::string(text) + "'");
  return runs;
}

// A count of at least `least` (--calls, --concurrency, --threads).
Result<unsigned> parse_count(std::string_view text, unsigned least) {
  unsigned count = 0;
  const char* end = text.data() + text.size();
  auto [stop, error] = std::from_chars(text.data(), end, count);
  if (text.empty() || error != std::errc() || stop != end || count < least)
    return make_error("not a whole number of at least " + std::to_string(least) + ": '" +
                      std::string(text) + "'");
  return count;
}

// --rate: calls per second, fractions allowed, above 0 and at most a million.
Result<double> parse_rate(std::string_view text) {
  std::string copy(text);
  char* end = nullptr;
  const double rate = std::strtod(copy.c_str(), &end);
  if (copy.empty() || end != copy.c_str() + copy.size() || !std::isfinite(rate) || rate <= 0 ||
      rate > 1e6)
    return make_error("not a number of calls per second above 0: '" + copy + "'");
  return rate;
}

// The options of load mode (--load and its figures).
Result<void> apply_load(LoadOptions& load, std::string_view name, std::string_view value) {
  if (name == "--calls") {
    auto calls = parse_count(value, 1);
    if (!calls) return calls.error();
    load.calls = *calls;
  } else if (name == "--duration" || name == "--stats-interval") {
    auto ms = parse_seconds(value, false);
    if (!ms) return ms.error();
    (name == "--duration" ? load.duration_ms : load.stats_interval_ms) = *ms;
  } else if (name == "--rate") {
    auto rate = parse_rate(value);
    if (!rate) return rate.error();
    load.rate = *rate;
  } else if (name == "--concurrency" || name == "--threads") {
    auto count = parse_count(value, 1);
    if (!count) return count.error();
    (name == "--concurrency" ? load.concurrency : load.threads) = *count;
  } else if (name == "--stats") {
    if (value.empty()) return make_error("empty file name");
    load.stats_file = value;
  }
  return {};
}

bool is_load_option(std::string_view name) {
  for (std::string_view known : {"--calls", "--duration", "--rate", "--concurrency", "--threads",
                                 "--stats", "--stats-interval"})
    if (name == known) return true;
  return false;
}

// Load mode runs many sessions at once: per-run reports and --repeat do not fit it (its
// statistics replace them), and it needs an end.
Result<void> check_load(const RunOptions& options) {
  const LoadOptions& load = options.load;
  if (!load.on) {
    if (load.calls || load.duration_ms || !load.stats_file.empty())
      return make_error("--calls, --duration and --stats need --load");
    return {};
  }
  if (!load.calls && !load.duration_ms) return make_error("--load: give --calls N or --duration SECONDS");
  for (auto [name, file] : {std::pair{"--trace", &options.trace_file}, {"--junit", &options.junit_file},
                            {"--pcap", &options.pcap_file}, {"--json", &options.json_file},
                            {"--html", &options.html_file}})
    if (!file->empty())
      return make_error(std::string(name) + " does not go with --load (use --stats FILE)");
  if (options.repeat != 1) return make_error("--repeat does not go with --load");
  return {};
}

Result<void> check_transport(std::string_view text) {
  if (text == "udp" || text == "tcp") return {};
  return make_error("expected udp or tcp, got '" + std::string(text) + "'");
}

Result<void> add_setting(RunOptions& options, std::string_view text) {
  auto eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0)
    return make_error("expected NAME=VALUE, got '" + std::string(text) + "'");
  options.settings.emplace_back(std::string(text.substr(0, eq)), std::string(text.substr(eq + 1)));
  return {};
}

// --ue, --bind, --drive: a named one is kept for the test case to check; a nameless
// --ue or --bind is the run's default.
Result<void> add_party_option(RunOptions& options, party::OptionKind kind, std::string_view value) {
  auto option = party::parse_option(kind, value);
  if (!option) return option.error();
  if (!option->party.empty() || kind == party::OptionKind::Drive)
    options.party_options.push_back(std::move(option).value());
  else if (kind == party::OptionKind::Bind)
    options.bind = option->value;
  else
    options.ue = option->value;
  return {};
}

// Applies one option that takes a value, or says what is wrong with the value.
Result<void> apply(RunOptions& options, std::string_view name, std::string_view value) {
  if (name == "--testcase") {
    if (value.empty()) return make_error("empty test case name");
    options.testcase = value;
  } else if (name == "--bind") {
    return add_party_option(options, party::OptionKind::Bind, value);
  } else if (name == "--ue") {
    return add_party_option(options, party::OptionKind::Ue, value);
  } else if (name == "--drive") {
    return add_party_option(options, party::OptionKind::Drive, value);
  } else if (name == "--transport") {
    if (auto checked = check_transport(value); !checked) return checked;
    options.transport = value;
  } else if (name == "--set") {
    return add_setting(options, value);
  } else if (name == "--timeout") {
    auto ms = parse_seconds(value, false);
    if (!ms) return ms.error();
    options.timeout_ms = *ms;
  } else if (name == "--linger") {
    auto ms = parse_seconds(value, true);
    if (!ms) return ms.error();
    options.linger_ms = *ms;
  } else if (name == "--repeat") {
    auto runs = parse_runs(value);
    if (!runs) return runs.error();
    options.repeat = *runs;
  } else if (name == "--trace") {
    if (value.empty()) return make_error("empty file name");
    options.trace_file = value;
  } else if (name == "--junit") {
    if (value.empty()) return make_error("empty file name");
    options.junit_file = value;
  } else if (name == "--pcap") {
    if (value.empty()) return make_error("empty file name");
    options.pcap_file = value;
  } else if (name == "--json") {
    if (value.empty()) return make_error("empty file name");
    options.json_file = value;
  } else if (name == "--html") {
    if (value.empty()) return make_error("empty file name");
    options.html_file = value;
  } else if (is_load_option(name)) {
    return apply_load(options.load, name, value);
  }
  return {};
}

bool takes_value(std::string_view name) {
  for (std::string_view known : {"--testcase", "--bind", "--ue", "--drive", "--transport",
                                 "--set", "--timeout", "--trace", "--junit", "--linger",
                                 "--pcap", "--json", "--html", "--repeat"})
    if (name == known) return true;
  return is_load_option(name);
}

party::OptionKind kind_of(int kind) {
  switch (kind) {
    case SCN_OPTION_BIND: return party::OptionKind::Bind;
    case SCN_OPTION_DRIVE: return party::OptionKind::Drive;
    default: return party::OptionKind::Ue;
  }
}

// scn_run_config.party_options: the party's name apart, or none (then the value may
// still be "NAME=VALUE", as on the command line).
Result<void> party_options_from(const scn_run_config& config, RunOptions& options) {
  for (std::size_t i = 0; config.party_options && i < config.party_option_count; ++i) {
    const scn_party_option& o = config.party_options[i];
    const party::OptionKind kind = kind_of(o.kind);
    const std::string name(party::option_name(kind));
    if (o.kind < SCN_OPTION_UE || o.kind > SCN_OPTION_DRIVE)
      return make_error("a party option of unknown kind " + std::to_string(o.kind));
    std::string value = o.value ? o.value : "";
    if (o.party && *o.party) value = std::string(o.party) + "=" + value;
    if (auto added = add_party_option(options, kind, value); !added)
      return make_error(name + ": " + added.reason());
  }
  return {};
}

// scn_run_config's load fields, checked as the command line's are.
Result<void> load_options_from(const scn_run_config& config, LoadOptions& load) {
  load.on = config.load != 0;
  load.calls = config.load_calls;
  load.duration_ms = config.load_duration_ms;
  if (config.load_rate_mcps == 0) return make_error("--rate: must be above 0");
  load.rate = config.load_rate_mcps / 1000.0;
  if (config.load_concurrency == 0) return make_error("--concurrency: must be at least 1");
  load.concurrency = config.load_concurrency;
  load.threads = config.load_threads;
  if (config.load_stats_file) {
    if (auto applied = apply_load(load, "--stats", config.load_stats_file); !applied)
      return make_error("--stats: " + applied.reason());
  }
  if (config.load_stats_interval_ms == 0) return make_error("--stats-interval: must be positive");
  load.stats_interval_ms = config.load_stats_interval_ms;
  return {};
}

}  // namespace

Result<RunOptions> parse_run_options(int argc, const char* const* argv) {
  RunOptions options;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i] ? argv[i] : "";
    std::string_view name = arg;
    std::optional<std::string_view> inline_value;
    if (auto eq = arg.find('='); arg.starts_with("--") && eq != std::string_view::npos) {
      name = arg.substr(0, eq);
      inline_value = arg.substr(eq + 1);
    }
    if (name == "--help" || name == "-h") {
      options.help = true;
      continue;
    }
    if (name == "--quiet" && !inline_value) {
      options.quiet = true;
      continue;
    }
    if (name == "--verbose" && !inline_value) {
      options.log_level = 1;
      continue;
    }
    if (name == "--load" && !inline_value) {
      options.load.on = true;
      continue;
    }
    if (!takes_value(name)) return make_error("unknown option '" + std::string(arg) + "'");
    std::string_view value;
    if (inline_value) {
      value = *inline_value;
    } else if (i + 1 < argc && argv[i + 1]) {
      value = argv[++i];
    } else {
      return make_error(std::string(name) + ": missing value");
    }
    if (auto applied = apply(options, name, value); !applied)
      return make_error(std::string(name) + ": " + applied.reason());
  }
  if (auto checked = check_load(options); !checked) return checked.error();
  return options;
}

Result<RunOptions> run_options_from(const scn_run_config& config) {
  RunOptions options;
  auto set = [&](const char* name, const char* value) -> Result<void> {
    if (!value) return {};
    if (auto applied = apply(options, name, value); !applied)
      return make_error(std::string(name) + ": " + applied.reason());
    return {};
  };
  for (auto [name, value] : {std::pair{"--testcase", config.testcase}, {"--bind", config.bind},
                             {"--ue", config.ue}, {"--transport", config.transport},
                             {"--trace", config.trace_file}, {"--junit", config.junit_file},
                             {"--pcap", config.pcap_file}, {"--json", config.json_file},
                             {"--html", config.html_file}})
    if (auto applied = set(name, value); !applied) return applied.error();
  if (auto added = party_options_from(config, options); !added) return added.error();
  for (std::size_t i = 0; i < config.setting_count; ++i) {
    const scn_setting& s = config.settings[i];
    if (!s.name || !*s.name || !s.value)
      return make_error("--set: a setting without a name or a value");
    options.settings.emplace_back(s.name, s.value);
  }
  if (config.timeout_ms == 0) return make_error("--timeout: must be positive");
  options.timeout_ms = config.timeout_ms;
  options.quiet = config.quiet != 0;
  options.linger_ms = config.linger_ms;
  options.log_level = config.log_level;
  options.repeat = config.repeat;
  if (auto loaded = load_options_from(config, options.load); !loaded) return loaded.error();
  if (auto checked = check_load(options); !checked) return checked.error();
  return options;
}

std::string run_options_usage(const std::string& program_name) {
  return "usage: " + program_name +
         " [options]\n"
         "  --testcase NAME      which test case (default: the only one)\n"
         "  --bind HOST:PORT     local SIP address of the SS (default 127.0.0.1:5060)\n"
         "  --bind NAME=HOST:PORT  a played party's own address (repeatable)\n"
         "  --ue HOST:PORT       the UE, for requests sent before its Contact is known\n"
         "  --ue NAME=HOST:PORT  where a party under test is (repeatable)\n"
         "  --drive NAME=SPEC    how the upper tester makes a party under test act:\n"
         "                       ctrl:HOST:PORT, cmd:COMMAND LINE or prompt\n"
         "  --transport udp|tcp  SIP transport (default udp)\n"
         "  --set NAME=VALUE     override a parameter or condition (repeatable)\n"
         "  --timeout SECONDS    default wait for a UE message (default 10)\n"
         "  --trace FILE         write every message sent and received\n"
         "  --junit FILE         write a JUnit XML report\n"
         "  --pcap FILE          write every SIP message and RTP packet as a pcap capture\n"
         "  --json FILE          write the run as JSON (steps, timings, messages, verdict)\n"
         "  --html FILE          write the run as an HTML ladder diagram\n"
         "  --quiet              no message flow on stdout\n"
         "  --verbose            the trace also logs every match attempt of every step\n"
         "  --linger SECONDS     after a pass over UDP, answer UE retransmissions until the\n"
         "                       UE is quiet this long (default 4, 0: exit at once)\n"
         "  --repeat N           run the test case N times in a row, each a new call, then a\n"
         "                       summary line (default 1, 0: until SIGINT or SIGTERM)\n"
         "  --load               load mode: many instances at once, statistics instead of\n"
         "                       per-run output (docs/load.md); needs --calls or --duration\n"
         "  --calls N            instances in all\n"
         "  --duration SECONDS   start instances for this long\n"
         "  --rate CPS           instances started per second when the SS calls (10)\n"
         "  --concurrency N      most instances at once (100); beyond: 503\n"
         "  --threads N          receiving threads (default: UDP none, TCP 1; more may reorder a call's messages)\n"
         "  --stats FILE         statistics each interval: CSV, or JSON lines for .json\n"
         "  --stats-interval SECONDS  (1)\n"
         "exit status: 0 pass, 1 fail, 2 inconc, 3 error\n";
}

}  // namespace scn
