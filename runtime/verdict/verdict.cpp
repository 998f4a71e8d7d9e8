// Verdicts and the rule that keeps the worst one (TTCN-3: none < pass < inconc < fail,
// and error above all).
#include "base/hints.h"
#include "verdict/verdict.h"

namespace scn {

namespace {

// Spelled out rather than read from the enumerators' values, which are the ABI's.
int severity(VerdictKind kind) {
  switch (kind) {
    case VerdictKind::Pass: return 0;
    case VerdictKind::Inconc: return 1;
    case VerdictKind::Fail: return 2;
    case VerdictKind::Error: return 3;
  }
  return 3;
}

// Line breaks and tabs become spaces; other control bytes of received text are escaped,
// so the verdict stays one line (a NUL once cut it and glued the next line on).
std::string one_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\r') continue;
    out.push_back(c == '\n' || c == '\t' ? ' ' : c);
  }
  return printable(out);
}

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// The reason, or for a fail without one, its first mismatch and how many follow.
std::string reason_text(const Verdict& v) {
  if (!v.reason.empty() || v.mismatches.empty()) return v.reason;
  std::string out = sip::describe(v.mismatches.front());
  if (v.mismatches.size() > 1) {
    out += " (and " + std::to_string(v.mismatches.size() - 1) + " more)";
  }
  return out;
}

}  // namespace

std::string origin_note(std::string_view origin) {
  if (origin.empty()) return {};
  const std::size_t open = origin.find(" (");
  if (open == std::string_view::npos || origin.back() != ')') return "[" + std::string(origin) + "]";
  return "[" + std::string(origin.substr(0, open)) + ", " +
         std::string(origin.substr(open + 2, origin.size() - open - 3)) + "]";
}

std::string_view to_string(VerdictKind kind) {
  switch (kind) {
    case VerdictKind::Pass: return "pass";
    case VerdictKind::Inconc: return "inconc";
    case VerdictKind::Fail: return "fail";
    case VerdictKind::Error: return "error";
  }
  return "error";
}

int exit_code(VerdictKind kind) {
  switch (kind) {
    case VerdictKind::Pass: return 0;
    case VerdictKind::Fail: return 1;
    case VerdictKind::Inconc: return 2;
    case VerdictKind::Error: return 3;
  }
  return 3;
}

bool VerdictKeeper::set(Verdict verdict) {
  history_.push_back(verdict);
  if (severity(verdict.kind) <= severity(verdict_.kind)) return false;
  verdict_ = std::move(verdict);
  return true;
}

bool VerdictKeeper::inconc(std::string step, std::string reason) {
  return set({VerdictKind::Inconc, std::move(step), std::move(reason), {}});
}

bool VerdictKeeper::fail(std::string step, std::string reason,
                         std::vector<sip::Mismatch> mismatches) {
  return set({VerdictKind::Fail, std::move(step), std::move(reason), std::move(mismatches)});
}

bool VerdictKeeper::error(std::string step, std::string reason) {
  return set({VerdictKind::Error, std::move(step), std::move(reason), {}});
}

std::string render_final_line(const Verdict& verdict) {
  std::string out = upper(to_string(verdict.kind));
  const std::string reason = one_line(reason_text(verdict));
  if (verdict.kind == VerdictKind::Pass && reason.empty()) return out;
  if (!verdict.step.empty()) out += " step " + one_line(verdict.step);
  if (!reason.empty()) out += ": " + reason;
  // The row behind the first mismatch, which the reason names.
  if (!verdict.mismatches.empty() && !verdict.mismatches.front().origin.empty())
    out += " " + one_line(origin_note(verdict.mismatches.front().origin));
  return out;
}

std::string render_mismatches(const Verdict& verdict) {
  std::string out;
  for (const sip::Mismatch& m : verdict.mismatches) {
    out += "  " + one_line(sip::describe(m));
    if (!m.origin.empty()) out += " " + one_line(origin_note(m.origin));
    out += "\n";
  }
  return out;
}

}  // namespace scn
