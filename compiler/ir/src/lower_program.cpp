// The checked program -> scenario IR: parameters with their defaults evaluated, and per
// test case its parties, the step table and the operation tree (lower_ops.cpp).
#include <filesystem>

#include "lower_context.h"
#include "scn/ir/dump.h"
#include "scn/ir/lower.h"

namespace scn::ir {

void Lowering::error(const check::SourceLoc& loc, std::string message) {
  diagnostics.push_back(diag::Diagnostic{loc, diag::Severity::error, std::move(message)});
}

void Lowering::warning(const check::SourceLoc& loc, std::string message) {
  diagnostics.push_back(diag::Diagnostic{loc, diag::Severity::warning, std::move(message)});
}

namespace {

std::string message_text(const check::Step& step) {
  if (step.is_request) return step.method;
  std::string text = std::to_string(step.status);
  if (!step.reason.empty()) text += " " + step.reason;
  return text;
}

// "2s", "1500ms": a wait step's duration as its descriptor names it.
std::string duration_text(std::int64_t ms) {
  return ms % 1000 == 0 ? std::to_string(ms / 1000) + "s" : std::to_string(ms) + "ms";
}

// The parties of the checked test case: UE (0, under test) and SS (1, played) when it
// declares none.
std::vector<PartyDef> parties_of(const check::Testcase& tc) {
  std::vector<PartyDef> out;
  for (const check::Party& p : tc.parties)
    out.push_back(PartyDef{p.name, p.under_test, p.description});
  return out;
}

StepDesc describe(const check::Testcase& tc, const check::Step& step) {
  if (step.action)
    return StepDesc{step.label, step.direction, step.action->verb, step.comment, "",
                    upper_tester, static_cast<int>(step.to), StepKind::action, {}};
  if (step.wait_ms)
    return StepDesc{step.label, step.direction, "wait " + duration_text(*step.wait_ms),
                    step.comment, "", upper_tester, upper_tester, StepKind::wait, {}};
  if (step.media)
    return StepDesc{step.label, step.direction, std::string("media ") +
                        check::media_op_name(step.media->op), step.comment, step.media->dialog,
                    static_cast<int>(step.from), static_cast<int>(step.to), StepKind::media, {}};
  return StepDesc{step.label,   step.direction,
                  message_text(step), step.comment,
                  tc.dialogs.at(step.dialog).name, static_cast<int>(step.from),
                  static_cast<int>(step.to), StepKind::message, {}};
}

UnexpectedRule lower_unexpected(const check::UnexpectedRule& rule, Lowering& lowering) {
  UnexpectedWhat what = UnexpectedWhat::request;
  if (rule.what == check::UnexpectedWhat::unknown_dialog) what = UnexpectedWhat::unknown_dialog;
  if (rule.what == check::UnexpectedWhat::malformed) what = UnexpectedWhat::malformed;
  UnexpectedVerdict verdict = UnexpectedVerdict::record;
  if (rule.verdict == check::UnexpectedVerdict::fail) verdict = UnexpectedVerdict::fail;
  if (rule.verdict == check::UnexpectedVerdict::inconc) verdict = UnexpectedVerdict::inconc;
  return UnexpectedRule{what, rule.method, rule.status, rule.reason, verdict,
                        line_origin(rule.loc, lowering)};
}

Testcase lower_testcase(const check::Testcase& tc, Lowering& lowering) {
  Testcase out;
  out.name = tc.name;
  out.title = tc.title;
  out.parties = parties_of(tc);
  out.parties_declared = tc.parties_declared;
  for (const check::Step& step : tc.steps) out.steps.push_back(describe(tc, step));
  // The first step of a window names its last, for reports of a window that never ran.
  for (const check::Window& w : tc.windows)
    if (w.first < out.steps.size() && w.last < tc.steps.size())
      out.steps[w.first].window_end = tc.steps[w.last].label;
  out.ops = lower_ops(tc, lowering);
  StepsRead read = steps_read(out.ops);
  for (StepDesc& s : out.steps) {
    s.message_read = read.reads(s.id);
    if (auto fields = read.fields.find(s.id); fields != read.fields.end())
      s.fields_read = std::move(fields->second);
  }
  for (const check::UnexpectedRule& r : tc.unexpected)
    out.unexpected.push_back(lower_unexpected(r, lowering));
  return out;
}

ParamDef lower_param(const check::Parameter& param, Lowering& lowering) {
  auto value = evaluate_default(param.value, lowering);
  if (!value) lowering.error(param.loc, "the default of '" + param.name +
                                            "' is not a constant the compiler can evaluate");
  return ParamDef{param.name, value.value_or(""), param.description};
}

}  // namespace

LowerResult lower(const check::CheckedProgram& program, const std::string& name,
                  const std::string& stdlib_root) {
  LowerResult result;
  std::error_code ec;
  const std::filesystem::path root =
      stdlib_root.empty() ? std::filesystem::path() : std::filesystem::weakly_canonical(stdlib_root, ec);
  Lowering lowering{program, result.diagnostics, ec ? stdlib_root : root.string(), {}};
  result.program.name = name;
  for (const check::Parameter& p : program.params)
    result.program.params.push_back(lower_param(p, lowering));
  for (const check::Condition& c : program.conditions)
    result.program.conditions.push_back(ConditionDef{c.name, true, c.description});
  for (const check::Testcase& tc : program.testcases)
    result.program.testcases.push_back(lower_testcase(tc, lowering));
  diag::sort_diagnostics(result.diagnostics);
  return result;
}

std::string program_name_for(const std::string& file) {
  return std::filesystem::path(file).stem().string();
}

}  // namespace scn::ir
