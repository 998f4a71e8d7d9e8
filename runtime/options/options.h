// options: the run options of the command-line contract (`scn run` and built executables
// share them), parsed by hand here (run_options.cpp) so that built executables carry only
// the runtime; the report files they name, checked before a run starts (report_paths.cpp).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/base.h"
#include "party/party.h"
#include "scn/scn_rt.h"
#include "template/template.h"
#include "tester/tester.h"
#include "transport/transport.h"

namespace scn::media {
class PortPairs;
}  // namespace scn::media

namespace scn {

// How a --drive SPEC becomes the driver of a party under test (tests give fakes).
using DriverFactory =
    std::function<Result<std::unique_ptr<tester::Driver>>(std::string_view spec, Loop& loop)>;

// How an executor gets its shared transport bound at an address (load mode hands each
// instance a channel of one shared socket); empty: a UDP or TCP socket of its own.
using TransportFactory = std::function<Result<std::unique_ptr<net::Transport>>(
    Loop& loop, const net::Address& address)>;

// Load mode (--load, docs/load.md): many instances of the test case at once.
struct LoadOptions {
  bool on = false;
  unsigned calls = 0;              // instances in all; 0: no count limit
  unsigned duration_ms = 0;        // start instances for this long; 0: no time limit
  double rate = 10;                // instances started per second (originating test cases)
  unsigned concurrency = 100;      // most instances at once
  unsigned threads = 0;            // receiving threads; 0: one per core
  std::string stats_file;          // ".json": one JSON object a line; else CSV
  unsigned stats_interval_ms = 1000;
};

// The parameter and condition values of a run: the program's defaults with --set
// applied. Immutable once made, so that load mode makes one for all its instances (a copy
// per instance cost 6 kB and 70 allocations a call); the REPL's :set makes a new one.
struct SettingsTable {
  std::unordered_map<std::string, std::string> params;
  std::unordered_map<std::string, bool> conditions;
};

struct RunOptions {
  std::string testcase;  // empty: the only test case of the program
  std::string bind = "127.0.0.1:5060";  // the played parties without their own --bind
  std::string ue;        // empty: none; else the only party under test's address
  std::vector<party::Option> party_options;  // --ue NAME=, --bind NAME=, --drive, in order
  std::string transport = "udp";
  std::vector<std::pair<std::string, std::string>> settings;  // --set NAME=VALUE, in order
  unsigned timeout_ms = 10000;
  std::string trace_file;
  std::string junit_file;
  std::string pcap_file;  // SIP and RTP of the run as a pcap capture
  std::string json_file;  // the run as JSON (report::json_text)
  std::string html_file;  // the run as an HTML ladder diagram (report::html_page)
  bool quiet = false;
  int log_level = 0;  // 1 (--verbose): the trace logs every match attempt (MatchAttempt)
  unsigned repeat = 1;  // a long-running SS: this many runs in a row; 0 until stopped
  unsigned linger_ms = 4000;  // RFC 3261 T2: the longest gap between UE retransmissions
  bool help = false;
  DriverFactory make_driver;  // empty: the upper tester's drivers (tester::make_driver)
  LoadOptions load;
  // In-process only (not an option of the command line): a load instance's silence (no
  // banner, verdict line, report or trace of its own: the messages it sends and receives
  // are not kept for them).
  bool silent = false;
  // Load mode: the settings made once for every instance (settings already applied),
  // the regular expressions compiled once for all, and the rows of matching templates
  // made once for all (kept by their static rows' addresses, which last as long as a load
  // run; a REPL's typed steps come and go, so a single run makes them at each expect).
  std::shared_ptr<const SettingsTable> settings_table;
  std::shared_ptr<sip::RegexCache> regexes;
  std::shared_ptr<sip::MatchRowCache> match_rows;
  // Load mode: RTP/RTCP socket pairs that instances hand on (media::PortPairs; not owned).
  media::PortPairs* port_pairs = nullptr;
};

// What differs between the instances of a load run, which share one RunOptions: the
// instance's transport and what its event loop waits in (its fiber; Loop::set_waiter).
// A single run has none.
struct InstanceHooks {
  TransportFactory make_transport;
  Loop::Waiter* waiter = nullptr;
};

// Parses argv[1..argc-1]. Options take their value as the next argument or after '='
// ("--bind=127.0.0.1:5070"). Errors name the option: "--timeout: not a number of
// seconds: 'x'". Every value is checked here (addresses, transport, timeout, NAME=VALUE);
// --set names are checked against the program later (check_settings), party names
// against the test case when the run starts (party::assign).
Result<RunOptions> parse_run_options(int argc, const char* const* argv);

// The same options from the C struct of the JIT driver (its fields already parsed).
Result<RunOptions> run_options_from(const scn_run_config& config);

// Usage text of the run options, for --help and option errors.
std::string run_options_usage(const std::string& program_name);

// Before anything is sent: each report file (--trace, --junit, --json, --html, --pcap)
// can be created, its folder exists and is writable. The first one refused is the
// error ("--trace: cannot write /x/t.trace: no folder /x"); the paths refused are
// cleared, so the reports of the failed start go only where they can.
Result<void> check_report_paths(RunOptions& options);

}  // namespace scn
