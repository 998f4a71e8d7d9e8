// The repeat loop of a long-running SS: sessions one after the other, the requests that
// came while one lingered handed to the next (its UE already started the next call),
// SIGINT/SIGTERM read from a signalfd between runs.
#include "abi/repeat.h"

#include <array>

#include "abi/session.h"
#include "abi/stop_signals.h"

namespace scn {

namespace {

// How many runs ended in each verdict, in VerdictKind order (SCN_PASS .. SCN_ERROR).
struct Tally {
  std::array<unsigned, 4> runs{};
  std::size_t strays = 0;

  void add(VerdictKind kind) { ++runs[static_cast<std::size_t>(kind)]; }
  unsigned total() const { return runs[0] + runs[1] + runs[2] + runs[3]; }
  // The worst verdict given: error, fail, inconc, pass.
  VerdictKind worst() const {
    for (VerdictKind kind : {VerdictKind::Error, VerdictKind::Fail, VerdictKind::Inconc})
      if (runs[static_cast<std::size_t>(kind)] > 0) return kind;
    return VerdictKind::Pass;
  }
  std::string line() const {
    auto count = [&](VerdictKind kind) { return std::to_string(runs[static_cast<std::size_t>(kind)]); };
    return "runs: " + std::to_string(total()) + ", " + count(VerdictKind::Pass) + " passed, " +
           count(VerdictKind::Fail) + " failed, " + count(VerdictKind::Inconc) + " inconc, " +
           count(VerdictKind::Error) + " error, " + std::to_string(strays) +
           " from no party ignored";
  }
};

RunOptions numbered_options(const RunOptions& options, unsigned run) {
  RunOptions numbered = options;
  for (std::string* file : {&numbered.trace_file, &numbered.junit_file, &numbered.pcap_file,
                            &numbered.json_file, &numbered.html_file})
    *file = numbered_file(*file, run);
  return numbered;
}

// How a run ended: its verdict (nullopt when the session could not open) and the SS's
// address (the port chosen when bound to port 0, kept for the runs after it).
struct RunEnd {
  std::optional<VerdictKind> verdict;
  std::string ss_address;
};

// One run: the session opened, the handed-over requests received, the test case run
// and finished. `next` says whether a run follows (then a new request ends the linger
// and is handed over in `carried`).
RunEnd run_one(const RunOptions& options, const scn_program& program, bool next,
               std::vector<net::Inbound>& carried, std::size_t& strays) {
  auto opened = Session::open(options, program);  // writes the reports when it fails
  if (!opened) {
    print_error_line(opened.reason());
    return {};
  }
  Session& session = *opened.value();
  Executor& executor = session.executor();
  executor.receive_handed_over(carried);
  session.call(session.testcase().entry, false);
  executor.set_hand_over(next);
  const int code = session.finish();  // 3 also when a report could not be written
  carried = executor.handed_over();
  strays += executor.strays();
  const VerdictKind kind = executor.verdict().kind();
  return {code == exit_code(VerdictKind::Error) ? VerdictKind::Error : kind,
          executor.ss_address()};
}

}  // namespace

std::string numbered_file(const std::string& path, unsigned run) {
  if (path.empty()) return path;
  const std::size_t slash = path.find_last_of('/');
  const std::size_t name = slash == std::string::npos ? 0 : slash + 1;
  std::size_t dot = path.find_last_of('.');
  if (dot == std::string::npos || dot <= name) dot = path.size();  // ".hidden" has no extension
  return path.substr(0, dot) + "." + std::to_string(run) + path.substr(dot);
}

int run_repeated(const RunOptions& options, const scn_program& program) {
  StopSignals stop;
  Tally tally;
  RunOptions same = options;  // the address of the first run for all
  std::vector<net::Inbound> carried;
  for (unsigned run = 1; options.repeat == 0 || run <= options.repeat; ++run) {
    if (!options.quiet) print_line("run " + std::to_string(run));
    const bool last = run == options.repeat || stop.requested();
    RunEnd end = run_one(numbered_options(same, run), program, !last, carried, tally.strays);
    tally.add(end.verdict.value_or(VerdictKind::Error));
    // A run that cannot open (the port taken meanwhile) would fail the same way again.
    if (!end.verdict || stop.requested()) break;
    same.bind = end.ss_address;
  }
  print_line(tally.line());
  return exit_code(tally.worst());
}

}  // namespace scn
