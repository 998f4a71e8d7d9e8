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
#pragma once

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace scn {

enum class Direction { SsToUe, UeToSs };

std::string_view to_string(Direction direction);  // "SS -> UE" / "UE -> SS"

struct TraceEntry {
  std::uint64_t ms = 0;      // since the trace started
  Direction direction = Direction::SsToUe;
  std::string transport;     // "udp", "tcp"
  std::string from;          // "127.0.0.1:5060"
  std::string to;
  std::string step;          // "3", "A.15.1:4"; empty outside steps
  std::string raw;           // the message octets
  std::string note;          // e.g. "retransmission", "unexpected"; empty normally
};

class Trace {
 public:
  using Clock = std::chrono::steady_clock;

  Trace() : start_(Clock::now()) {}
  explicit Trace(Clock::time_point start) : start_(start) {}

  // Records a message now.
  const TraceEntry& record(Direction direction, std::string transport, std::string from,
                           std::string to, std::string step, std::string raw,
                           std::string note = {});
  // Records a prepared entry as is (its ms kept), e.g. for replay.
  const TraceEntry& add(TraceEntry entry);

  std::uint64_t elapsed_ms() const;
  const std::vector<TraceEntry>& entries() const { return entries_; }

  // The whole trace in the file format.
  void write(std::ostream& out) const;
  // Writes the file; false (with errno-based reason) when it cannot be written.
  bool write_file(const std::string& path, std::string* reason = nullptr) const;
  // The compact flow, one flow_line() per entry, each ending in '\n'.
  std::string flow() const;

 private:
  Clock::time_point start_;
  std::vector<TraceEntry> entries_;
};

// "[  0.123] step 3  SS -> UE  udp 127.0.0.1:5060 -> 127.0.0.1:5061"
std::string header_line(const TraceEntry& entry);
// "  3  SS -> UE  183 Session Progress (INVITE)"; requests show method and Request-URI.
std::string flow_line(const TraceEntry& entry);
// The message summary used by flow_line(): "INVITE sip:a@b", "183 Session Progress (INVITE)".
std::string summarize(std::string_view raw);

}  // namespace scn
