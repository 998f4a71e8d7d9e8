// The trace of a run: messages recorded with monotonic timestamps, the trace file and
// the compact flow. The other reports are report/'s.
#include "trace/trace.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <ostream>
#include <sstream>

namespace scn {

namespace {

// The raw text with CRLF shown as plain line ends, always ending in one.
std::string readable(std::string_view raw) {
  std::string out;
  out.reserve(raw.size() + 1);
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n') continue;
    out.push_back(raw[i]);
  }
  if (out.empty() || out.back() != '\n') out.push_back('\n');
  return out;
}

}  // namespace

const TraceEntry& Trace::record(Direction direction, std::string transport, std::string from,
                                std::string to, std::string step, std::string raw,
                                std::string note, std::string parties) {
  return add({elapsed_ms(), direction, std::move(transport), std::move(from), std::move(to),
              std::move(step), std::move(raw), std::move(note), std::move(parties)});
}

const TraceEntry& Trace::add(TraceEntry entry) {
  entries_.push_back(std::move(entry));
  return entries_.back();
}

std::uint64_t Trace::elapsed_ms() const {
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start_);
  return elapsed.count() < 0 ? 0 : static_cast<std::uint64_t>(elapsed.count());
}

void Trace::write(std::ostream& out) const {
  for (const TraceEntry& e : entries_) out << header_line(e) << '\n' << readable(e.raw) << '\n';
}

std::string Trace::text() const {
  std::ostringstream out;
  write(out);
  return out.str();
}

Result<void> Trace::write_file(const std::string& path) const {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) return make_error("cannot open " + path + ": " + std::strerror(errno));
  write(file);
  file.flush();
  if (!file) return make_error("cannot write " + path + ": " + std::strerror(errno));
  return {};
}

std::string Trace::flow() const {
  std::string out;
  for (const TraceEntry& e : entries_) out += flow_line(e) + "\n";
  return out;
}

}  // namespace scn

