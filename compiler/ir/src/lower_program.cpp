// The checked program -> scenario IR: parameters with their defaults evaluated, and per
// test case the step table and the operation tree (steps, `when` branches, windows).
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

// The parties of a test case that declares none: the UE under test (0) and the SS (1).
constexpr int kDefaultUe = 0;
constexpr int kDefaultSs = 1;

std::vector<PartyDef> default_parties() {
  return {PartyDef{"UE", true, "the UE under test"}, PartyDef{"SS", false, "the system simulator"}};
}

StepDesc describe(const check::Testcase& tc, const check::Step& step) {
  const bool from_ue = step.direction == check::Direction::ue_to_ss;
  return StepDesc{step.label,   step.direction,
                  message_text(step), step.comment,
                  tc.dialogs.at(step.dialog).name, from_ue ? kDefaultUe : kDefaultSs,
                  from_ue ? kDefaultSs : kDefaultUe, StepKind::message};
}

// Whether an unconditional row of the step gives the whole Contact (a value or its
// absence); `present` asks the sender to fill its own. A conditional row (under a code
// --set may withdraw) replaces the kept Contact only when it holds.
bool gives_contact(const check::Step& step) {
  for (const check::Row& row : step.rows)
    if (!row.when && row.path.root == check::PathRoot::header && row.path.name == "Contact" &&
        row.path.member_kind == check::MemberKind::none && !row.items.empty() &&
        row.items.front().kind != check::MatchKind::present)
      return true;
  return false;
}

// The SS keeps its Contact within a dialog (its target): a later target refresh or 2xx
// of the SS without its own Contact row repeats the last one the SS sent there.
std::optional<SendRow> kept_contact(const check::Step& step, const ValueScope& scope) {
  if (!carries_contact(step) || gives_contact(step)) return std::nullopt;
  const check::Step* earlier = ss_contact_step(scope, step.dialog);
  if (!earlier) return std::nullopt;
  Path contact;
  contact.header = "Contact";
  return SendRow{contact, SendOp::set, Value{StepFieldRef{earlier->label, contact}}, std::nullopt};
}

Op send_op(const check::Testcase& tc, const check::Step& step, const ValueScope& scope,
           Lowering& lowering) {
  Send send;
  send.request = step.is_request;
  send.method = step.method;
  send.status = step.status;
  send.reason = step.reason;
  send.dialog = tc.dialogs.at(step.dialog).name;
  if (auto contact = kept_contact(step, scope)) send.rows.push_back(std::move(*contact));
  for (SendRow& row : lower_send_rows(step, scope, lowering)) send.rows.push_back(std::move(row));
  return Op{std::move(send)};
}

Op expect_op(const check::Step& step, const ValueScope& scope, const check::Window* window,
             Lowering& lowering) {
  Expect expect;
  if (step.is_request) expect.method = step.method;
  expect.status = step.is_request ? 0 : step.status;
  expect.rows = lower_match_rows(step, scope, lowering);
  if (window) {
    expect.optional = true;
    expect.timeout_ms = window->within_ms;
  }
  return Op{std::move(expect)};
}

// One step: begin, then send or expect; under its `when`, if any. `opens` is the window
// the step opens (its first step), whose expect is optional.
void step_op(const check::Testcase& tc, std::size_t index, const check::Window* opens,
             Lowering& lowering, std::vector<Op>& out) {
  const check::Step& step = tc.steps[index];
  ValueScope scope{&tc, index, step.direction == check::Direction::ue_to_ss};
  std::vector<Op> ops;
  ops.push_back(Op{StepBegin{index}});
  ops.push_back(step.direction == check::Direction::ss_to_ue
                    ? send_op(tc, step, scope, lowering)
                    : expect_op(step, scope, opens, lowering));
  if (!step.when) {
    for (Op& op : ops) out.push_back(std::move(op));
    return;
  }
  If branch{lower_cond(*step.when, scope, lowering), std::move(ops)};
  // Adjacent steps under the same condition share one test: a step may change what the
  // condition reads (a NOTIFY ending the subscription that `subscribed(...)` asks about),
  // and the spec table means its conditional steps to run together.
  If* previous = out.empty() ? nullptr : std::get_if<If>(&out.back().node);
  if (previous && cond_text(previous->cond) == cond_text(branch.cond)) {
    for (Op& op : branch.ops) previous->ops.push_back(std::move(op));
    return;
  }
  out.push_back(Op{std::move(branch)});
}

std::vector<Op> lower_ops(const check::Testcase& tc, Lowering& lowering) {
  std::vector<Op> out;
  for (std::size_t i = 0; i < tc.steps.size(); ++i) {
    const check::Step& step = tc.steps[i];
    const check::Window* window = step.window ? &tc.windows.at(*step.window) : nullptr;
    if (!window || window->first != i) {
      step_op(tc, i, nullptr, lowering, out);
      continue;
    }
    Window w{window->within_ms, window->comment, {}};
    step_op(tc, i, window, lowering, w.ops);
    for (std::size_t j = i + 1; j <= window->last && j < tc.steps.size(); ++j)
      step_op(tc, j, nullptr, lowering, w.ops);
    i = window->last;
    out.push_back(Op{std::move(w)});
  }
  return out;
}

Testcase lower_testcase(const check::Testcase& tc, Lowering& lowering) {
  Testcase out{tc.name, tc.title, default_parties(), {}, {}};
  for (const check::Step& step : tc.steps) out.steps.push_back(describe(tc, step));
  out.ops = lower_ops(tc, lowering);
  return out;
}

ParamDef lower_param(const check::Parameter& param, Lowering& lowering) {
  auto value = evaluate_default(param.value, lowering);
  if (!value) lowering.error(param.loc, "the default of '" + param.name +
                                            "' is not a constant the compiler can evaluate");
  return ParamDef{param.name, value.value_or(""), param.description};
}

}  // namespace

LowerResult lower(const check::CheckedProgram& program, const std::string& name) {
  LowerResult result;
  Lowering lowering{program, result.diagnostics};
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
