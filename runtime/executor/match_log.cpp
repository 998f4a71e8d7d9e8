// The match attempts of a verbose run as text: appended to the trace file after its
// messages, so that a post-mortem sees every template tried on every message, row by
// row, with the .scn row each expectation comes from.
#include <cstdio>
#include <fstream>

#include "executor/executor.h"

namespace scn {

namespace {

std::string timestamp(std::uint64_t ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "[%3llu.%03llu]", static_cast<unsigned long long>(ms / 1000),
                static_cast<unsigned long long>(ms % 1000));
  return buf;
}

std::string row_line(const sip::RowOutcome& row) {
  std::string line = std::string(row.ok ? "  ok       " : "  MISMATCH ") +
                     sip::describe({row.path, row.expected, row.received, {}});
  if (!row.origin.empty()) line += "  " + origin_note(row.origin);
  return line + "\n";
}

}  // namespace

std::string match_log(const std::vector<MatchAttempt>& attempts) {
  std::string out;
  for (const MatchAttempt& a : attempts) {
    out += timestamp(a.ms) + " match step " + a.step + " " + a.expected + " against \"" +
           a.message + "\": " + (a.matched ? "match" : "mismatch") + "\n";
    for (const sip::Mismatch& m : a.start_line) out += "  MISMATCH " + sip::describe(m) + "\n";
    for (const sip::RowOutcome& row : a.rows) out += row_line(row);
    out += "\n";
  }
  return out;
}

std::string Executor::match_log_section() const {
  if (attempts_.empty()) return {};
  return "# match attempts (--verbose)\n\n" + match_log(attempts_);
}

}  // namespace scn
