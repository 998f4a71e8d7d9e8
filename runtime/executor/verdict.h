// Verdicts of a run (verdict.cpp): kinds, the keeper of the worst, and how they are printed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "scn/scn_rt.h"
#include "template/template.h"

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
