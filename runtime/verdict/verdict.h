// verdict: the verdicts of a run (verdict.cpp): kinds, the keeper of the worst, and how
// they are printed; and how stdout looks (console.cpp): the style of the terminal,
// colours, the live waiting line.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "scn/scn_rt.h"
#include "template/template.h"
#include "transport/transport.h"

// Test verdicts (TTCN-3 style): pass, inconc, fail, error, each with the step it
// belongs to and a reason. A VerdictKeeper keeps the worst verdict seen and its first
// reason: once fail, a run never goes back to pass or inconc; only error overrides fail.
//
// The final line of every run is render_final_line():
//   PASS
//   FAIL step 9: ACK: Request-URI: expected "sip:final@x", received "sip:y"
//   INCONC step 4: unexpected request MESSAGE
//   ERROR: cannot bind 127.0.0.1:5060: Address already in use
namespace scn {

// With the values of scn_rt.h's SCN_PASS ... SCN_ERROR (what scn_verdict returns).
enum class VerdictKind { Pass = SCN_PASS, Inconc = SCN_INCONC, Fail = SCN_FAIL, Error = SCN_ERROR };

std::string_view to_string(VerdictKind kind);  // "pass", "inconc", "fail", "error"
// Process exit status: 0 pass, 1 fail, 2 inconc, 3 error.
int exit_code(VerdictKind kind);

struct Verdict {
  VerdictKind kind = VerdictKind::Pass;
  std::string step;    // "9", "A.15.1:3"; empty when not tied to a step
  std::string reason;  // empty for a plain pass
  std::vector<sip::Mismatch> mismatches;
};

class VerdictKeeper {
 public:
  // Records a verdict; returns true when it became the kept one (strictly worse than
  // the current one; a verdict as bad as the kept one keeps the first reason).
  bool set(Verdict verdict);
  bool pass(std::string step = {}) { return set({VerdictKind::Pass, std::move(step), {}, {}}); }
  bool inconc(std::string step, std::string reason);
  bool fail(std::string step, std::string reason, std::vector<sip::Mismatch> mismatches = {});
  bool error(std::string step, std::string reason);

  const Verdict& verdict() const { return verdict_; }
  VerdictKind kind() const { return verdict_.kind; }
  int exit_code() const { return scn::exit_code(verdict_.kind); }
  // Every verdict given, in order (for reports).
  const std::vector<Verdict>& history() const { return history_; }

 private:
  Verdict verdict_;
  std::vector<Verdict> history_;
};

// "[stdlib/ts34229/a2_dialog.scn:15, default "PRACK"]" for a row's origin
// ("stdlib/ts34229/a2_dialog.scn:15 (default "PRACK")"); "" for none.
std::string origin_note(std::string_view origin);

// The last stdout line of a run (one line: line breaks in reasons become spaces).
// Without a reason, a fail names its first mismatch and how many more there are; a
// fail with mismatches ends with the origin of the first (origin_note).
std::string render_final_line(const Verdict& verdict);
// Every mismatch, one per line, indented: `  Via.branch: expected ..., received ...`,
// followed by its origin_note when it has one.
std::string render_mismatches(const Verdict& verdict);

}  // namespace scn

// How stdout is styled, decided once per run (console.cpp, detect_console_style()): on a
// terminal, flow lines carry timestamps and waits and a live line shows what a step waits
// for; colours besides, unless NO_COLOR is set and not empty. Captured output is plain.
namespace scn {

struct ConsoleStyle {
  bool terminal = false;  // timestamps, waits, the live waiting line
  bool colour = false;    // ANSI colours
};

}  // namespace scn

// Console styling (console.cpp).
namespace scn {

// The style for stdout as it is: a terminal, and NO_COLOR.
ConsoleStyle detect_console_style();
// The decision itself: colour only on a terminal and when no_color is null or empty.
ConsoleStyle console_style(bool stdout_is_terminal, const char* no_color);

enum class Tone { Pass, Fail, Inconc, Step, Dim };
// The text in the tone's colour when the style has colour, else the text as is.
std::string paint(const ConsoleStyle& style, Tone tone, std::string_view text);
// render_final_line() with its first word coloured: PASS green, FAIL/ERROR red, INCONC yellow.
std::string styled_final_line(const ConsoleStyle& style, const Verdict& verdict);
// "[  1.234]": a time since the run started.
std::string stamp_text(std::uint64_t ms);
// "(after 0.41 s)".
std::string waited_text(std::uint64_t ms);
// "steps 10-13 not run: WHY"; "step 10 not run: WHY" when last is empty or first.
std::string not_run_line(std::string_view first, std::string_view last, std::string_view why);
// "waiting for PRACK from UE (4 s left)"; seconds rounded up.
std::string waiting_line(std::string_view what, Millis left_ms);

// The live waiting line of a terminal: written in place (\r) and cleared before any
// other line is printed. Nothing at all when the style is not a terminal's.
class LiveLine {
 public:
  explicit LiveLine(ConsoleStyle style) : style_(style) {}
  void show(const std::string& text);
  void clear();
  bool shown() const { return shown_; }

 private:
  ConsoleStyle style_;
  bool shown_ = false;
};

}  // namespace scn
