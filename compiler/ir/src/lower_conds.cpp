// Conditions left to run time: `when subscribed(conference)` before a step, and default
// rows under the codes the step applied and parameters ("when A1 and px_IMS_Security").
// Constants fold here.
#include "lower_context.h"

namespace scn::ir {

namespace {

Cond constant(bool value) {
  Cond c;
  c.kind = CondKind::constant;
  c.value = value;
  return c;
}

// `subscribed(conference)` asks about the party under test of the step it guards.
Cond subscribed(const std::string& package, const ValueScope& scope) {
  Cond c;
  c.kind = CondKind::subscribed;
  c.name = package;
  if (!scope.testcase) return c;
  const check::Step& step = scope.testcase->steps[scope.step];
  const std::size_t ue = step.direction == check::Direction::ue_to_ss ? step.from : step.to;
  c.party = static_cast<int>(ue);
  if (scope.testcase->parties_declared) c.holder = scope.testcase->parties[ue].name;
  return c;
}

Cond atom(const check::Value& value, const ValueScope& scope, Lowering& lowering) {
  if (const auto* s = std::get_if<check::SubscribedValue>(&value.node))
    return subscribed(s->package, scope);
  if (const auto* p = std::get_if<check::ParamValue>(&value.node)) {
    Cond c;
    c.kind = CondKind::param_true;
    c.name = p->name;
    return c;
  }
  if (const auto* code = std::get_if<check::ConditionValue>(&value.node)) {
    Cond c;
    c.kind = CondKind::condition;
    c.name = code->code;
    return c;
  }
  if (const auto* b = std::get_if<check::BoolValue>(&value.node)) return constant(b->value);
  lowering.error(value.loc, "this condition cannot be evaluated at run time");
  return constant(false);
}

// and/or with constant operands folded away.
Cond fold_junction(CondKind kind, std::vector<Cond> operands) {
  const bool absorbing = kind == CondKind::or_;  // true absorbs or, false absorbs and
  Cond out;
  out.kind = kind;
  for (Cond& c : operands) {
    if (c.kind == CondKind::constant) {
      if (c.value == absorbing) return constant(absorbing);
      continue;
    }
    if (c.kind == kind) {
      for (Cond& inner : c.operands) out.operands.push_back(std::move(inner));
      continue;
    }
    out.operands.push_back(std::move(c));
  }
  if (out.operands.empty()) return constant(!absorbing);
  if (out.operands.size() == 1) return std::move(out.operands.front());
  return out;
}

}  // namespace

Cond cond_not(Cond a) {
  if (a.kind == CondKind::constant) return constant(!a.value);
  if (a.kind == CondKind::not_) return std::move(a.operands.front());
  Cond c;
  c.kind = CondKind::not_;
  c.operands.push_back(std::move(a));
  return c;
}

Cond cond_and(Cond a, Cond b) {
  std::vector<Cond> operands;
  operands.push_back(std::move(a));
  operands.push_back(std::move(b));
  return fold_junction(CondKind::and_, std::move(operands));
}

Cond lower_cond(const check::Cond& cond, const ValueScope& scope, Lowering& lowering) {
  switch (cond.kind) {
    case check::CondKind::atom:
      if (cond.atom.empty()) return constant(true);
      return atom(cond.atom.front(), scope, lowering);
    case check::CondKind::not_:
      if (cond.operands.empty()) return constant(true);
      return cond_not(lower_cond(cond.operands.front(), scope, lowering));
    case check::CondKind::and_:
    case check::CondKind::or_: {
      std::vector<Cond> operands;
      for (const check::Cond& c : cond.operands) operands.push_back(lower_cond(c, scope, lowering));
      return fold_junction(cond.kind == check::CondKind::and_ ? CondKind::and_ : CondKind::or_,
                           std::move(operands));
    }
  }
  return constant(true);
}

}  // namespace scn::ir
