// trace: the trace of a run's messages (trace.cpp, trace_format.cpp).
#pragma once

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/base.h"
#include "scn/scn_rt.h"
#include "verdict/verdict.h"

// A trace of every message the SS sent and received: when (ms since the run started,
// monotonic clock), which way, over what, between which addresses, in which step, and
// the raw text.
//
// File format (write()), one block per message:
//   [  0.123] step 3  SS -> UE  udp 127.0.0.1:5060 -> 127.0.0.1:5061
//   SIP/2.0 183 Session Progress
//   ...headers and body as sent...
//   (blank line)
// Console flow (flow_line()), one line per message:
//     3  SS -> UE  183 Session Progress (INVITE)
namespace scn {

// Which way a message went: the runtime's one type for it (steps, traces, inspection),
// with the values of scn_rt.h's enum scn_direction.
enum class Direction { SsToUe = SCN_SS_TO_UE, UeToSs = SCN_UE_TO_SS };

std::string_view to_string(Direction direction);  // "SS -> UE" / "UE -> SS"
// The direction an int of the ABI names, or nullopt when it names none.
std::optional<Direction> direction_from(int direction);

struct TraceEntry {
  std::uint64_t ms = 0;      // since the trace started
  Direction direction = Direction::SsToUe;
  std::string transport;     // "udp", "tcp"
  std::string from;          // "127.0.0.1:5060"
  std::string to;
  std::string step;          // "3", "A.15.1:4"; empty outside steps
  std::string raw;           // the message octets
  std::string note;          // e.g. "retransmission", "unexpected"; empty normally
  std::string parties = {};  // "UE2 -> FOCUS" in test cases that declare parties, else ""
};

class Trace {
 public:
  using Clock = std::chrono::steady_clock;

  Trace() : start_(Clock::now()) {}
  explicit Trace(Clock::time_point start) : start_(start) {}

  // Records a message now.
  const TraceEntry& record(Direction direction, std::string transport, std::string from,
                           std::string to, std::string step, std::string raw,
                           std::string note = {}, std::string parties = {});
  // Records a prepared entry as is (its ms kept), e.g. for replay.
  const TraceEntry& add(TraceEntry entry);

  std::uint64_t elapsed_ms() const;
  Clock::time_point start() const { return start_; }
  const std::vector<TraceEntry>& entries() const { return entries_; }

  // The whole trace in the file format.
  void write(std::ostream& out) const;
  std::string text() const;  // the same as one string
  // Writes the file, or says why it cannot be written (errno-based reason).
  Result<void> write_file(const std::string& path) const;
  // The compact flow, one flow_line() per entry, each ending in '\n'.
  std::string flow() const;

 private:
  Clock::time_point start_;
  std::vector<TraceEntry> entries_;
};

// "[  0.123] step 3  SS -> UE  udp 127.0.0.1:5060 -> 127.0.0.1:5061"
std::string header_line(const TraceEntry& entry);
// "  3  SS -> UE  183 Session Progress (INVITE)"; requests show method and Request-URI.
// With parties: "  3  UE2 -> FOCUS  183 Session Progress (INVITE)". On a terminal
// (style.terminal) the line starts with the time, "[  1.234]   3  ...", and a message
// that ended a wait ends in how long it was waited for, "  (after 0.41 s)"; with colour,
// the step column and the parties are coloured.
std::string flow_line(const TraceEntry& entry, const ConsoleStyle& style = {},
                      std::optional<std::uint64_t> waited_ms = std::nullopt);
// The message summary used by flow_line(): "INVITE sip:a@b", "183 Session Progress (INVITE)".
std::string summarize(std::string_view raw);

}  // namespace scn
