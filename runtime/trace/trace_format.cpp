// One-line forms of trace entries: the file's header line and the console flow.
#include "base/hints.h"
#include "trace/trace.h"

namespace scn {

namespace {

constexpr std::size_t kMaxSummary = 120;

std::string_view first_line(std::string_view text) {
  const std::size_t end = text.find_first_of("\r\n");
  return end == std::string_view::npos ? text : text.substr(0, end);
}

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    const char a = static_cast<char>(text[i] | 0x20), b = static_cast<char>(prefix[i] | 0x20);
    if (a != b) return false;
  }
  return true;
}

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The method in the CSeq header line of the header section, or "".
std::string_view cseq_method(std::string_view raw) {
  std::size_t pos = raw.find('\n');
  while (pos != std::string_view::npos && pos + 1 < raw.size()) {
    const std::string_view line = first_line(raw.substr(pos + 1));
    if (line.empty()) break;  // end of the header section
    if (starts_with_nocase(line, "cseq")) {
      const std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) break;
      const std::string_view value = trim_spaces(line.substr(colon + 1));
      const std::size_t space = value.find_first_of(" \t");
      return space == std::string_view::npos ? std::string_view{} : trim_spaces(value.substr(space));
    }
    pos = raw.find('\n', pos + 1);
  }
  return {};
}

}  // namespace

std::string_view to_string(Direction direction) {
  return direction == Direction::SsToUe ? "SS -> UE" : "UE -> SS";
}

std::optional<Direction> direction_from(int direction) {
  switch (direction) {
    case SCN_SS_TO_UE: return Direction::SsToUe;
    case SCN_UE_TO_SS: return Direction::UeToSs;
    default: return std::nullopt;
  }
}

std::string summarize(std::string_view raw) {
  std::string_view line = trim_spaces(first_line(raw));
  if (line.empty()) return "(empty)";
  std::string out;
  if (line.starts_with("SIP/2.0 ")) {
    out = std::string(trim_spaces(line.substr(8)));
    const std::string_view method = cseq_method(raw);
    if (!method.empty()) out += " (" + std::string(method) + ")";
  } else {
    if (line.ends_with(" SIP/2.0")) line.remove_suffix(8);
    out = std::string(trim_spaces(line));
  }
  out = printable(out);  // a received start line may hold any byte
  if (out.size() > kMaxSummary) out = out.substr(0, kMaxSummary - 3) + "...";
  return out;
}

namespace {

// "SS -> UE", or the parties of a test case that declares them.
std::string who(const TraceEntry& e) {
  return e.parties.empty() ? std::string(to_string(e.direction)) : e.parties;
}

}  // namespace

std::string header_line(const TraceEntry& e) {
  std::string out = stamp_text(e.ms);
  out += " step " + (e.step.empty() ? std::string("-") : e.step);
  out += "  " + who(e) + "  " + e.transport + " " + e.from + " -> " + e.to;
  if (!e.note.empty()) out += "  (" + printable(e.note) + ")";
  return out;
}

std::string flow_line(const TraceEntry& e, const ConsoleStyle& style,
                      std::optional<std::uint64_t> waited_ms) {
  std::string step = e.step.empty() ? std::string("-") : e.step;
  if (step.size() < 3) step.insert(0, 3 - step.size(), ' ');  // right-aligned step column
  std::string out = style.terminal ? paint(style, Tone::Dim, stamp_text(e.ms)) + " " : "";
  out += paint(style, Tone::Step, step) + "  " + paint(style, Tone::Dim, who(e)) + "  " +
         summarize(e.raw);
  if (!e.note.empty()) out += "  (" + printable(e.note) + ")";
  if (style.terminal && waited_ms) out += "  " + paint(style, Tone::Dim, waited_text(*waited_ms));
  return out;
}

}  // namespace scn
