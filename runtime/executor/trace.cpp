// The reports of a run: the trace (messages recorded with monotonic timestamps, the
// trace file) and the JUnit XML of the verdict, written by hand since the runtime
// depends on nothing beyond the C++ standard library.
#include "executor/executor.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <ostream>

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

// JUnit XML.
namespace scn {

namespace {

bool allowed_control(unsigned char c) { return c == '\t' || c == '\n' || c == '\r'; }

// Length of the well-formed UTF-8 sequence at the start of text, 0 when ill-formed.
std::size_t utf8_length(std::string_view text) {
  const auto lead = static_cast<unsigned char>(text[0]);
  std::size_t n = 0;
  if (lead >= 0xC2 && lead <= 0xDF) n = 2;
  else if (lead >= 0xE0 && lead <= 0xEF) n = 3;
  else if (lead >= 0xF0 && lead <= 0xF4) n = 4;
  if (n == 0 || text.size() < n) return 0;
  for (std::size_t i = 1; i < n; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) return 0;
  }
  const auto second = static_cast<unsigned char>(text[1]);
  if (lead == 0xE0 && second < 0xA0) return 0;  // overlong
  if (lead == 0xED && second > 0x9F) return 0;  // surrogates
  if (lead == 0xF0 && second < 0x90) return 0;  // overlong
  if (lead == 0xF4 && second > 0x8F) return 0;  // above U+10FFFF
  return n;
}

std::string seconds_text(double seconds) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", seconds < 0 ? 0.0 : seconds);
  return buf;
}

std::string verdict_element(const Verdict& v) {
  std::string message = v.reason;
  if (message.empty() && !v.mismatches.empty()) message = sip::describe(v.mismatches.front());
  if (!v.step.empty()) message = "step " + v.step + ": " + message;
  const std::string attrs = " message=\"" + xml_escape(message) + "\" type=\"" +
                            std::string(to_string(v.kind)) + "\"";
  switch (v.kind) {
    case VerdictKind::Pass: return {};
    case VerdictKind::Inconc: return "    <skipped" + attrs + "/>\n";
    case VerdictKind::Fail:
      return "    <failure" + attrs + ">" + xml_escape(render_mismatches(v)) + "</failure>\n";
    case VerdictKind::Error: return "    <error" + attrs + "/>\n";
  }
  return {};
}

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80) {
      const std::size_t n = utf8_length(text.substr(i));
      out += n == 0 ? std::string("?") : std::string(text.substr(i, n));
      i += n == 0 ? 0 : n - 1;
      continue;
    }
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (c < 0x20 && !allowed_control(c)) break;  // not representable in XML 1.0
        out.push_back(ch);
    }
  }
  return out;
}

std::string junit_xml(const JUnitReport& r) {
  const Verdict& v = r.verdict;
  const bool failed = v.kind == VerdictKind::Fail;
  const bool errored = v.kind == VerdictKind::Error;
  const bool skipped = v.kind == VerdictKind::Inconc;
  const std::string time = seconds_text(r.seconds);
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuite name=\"" + xml_escape(r.suite) + "\" tests=\"1\" failures=\"" +
         (failed ? "1" : "0") + "\" errors=\"" + (errored ? "1" : "0") + "\" skipped=\"" +
         (skipped ? "1" : "0") + "\" time=\"" + time + "\">\n";
  out += "  <testcase name=\"" + xml_escape(r.testcase) + "\" classname=\"" + xml_escape(r.suite) +
         "\" time=\"" + time + "\">\n";
  out += verdict_element(v);
  if (!r.system_out.empty()) out += "    <system-out>" + xml_escape(r.system_out) + "</system-out>\n";
  out += "  </testcase>\n</testsuite>\n";
  return out;
}

}  // namespace scn
