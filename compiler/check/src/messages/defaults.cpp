#include "defaults.h"

#include <algorithm>
#include <map>
#include <set>

#include "exprs/exprs.h"
#include "message_rules.h"
#include "rows.h"
#include "scn/ast/text.h"

namespace scn::check {

namespace {

std::string quoted(const std::string& name) { return "\"" + name + "\""; }

bool declares(const ast::DefaultMessage& decl, const std::string& code) {
  return std::any_of(decl.conditions.begin(), decl.conditions.end(),
                     [&](const ast::ConditionDecl& c) { return c.code == code; });
}

std::vector<std::string> codes_of(const ast::DefaultMessage& decl) {
  std::vector<std::string> out;
  for (const auto& c : decl.conditions) out.push_back(c.code);
  return out;
}

std::string declared_list(const ast::DefaultMessage& decl) {
  const auto codes = codes_of(decl);
  if (codes.empty()) return " (it has no conditions)";
  if (codes.size() > 8) return " (its conditions are " + codes.front() + " to " + codes.back() + ")";
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : ", ") + c;
  return " (its conditions are " + out + ")";
}

std::string not_a_condition(const std::string& code, const ast::DefaultMessage& decl) {
  const std::string hint = did_you_mean(code, codes_of(decl));
  return code + " is not a condition of default message " + quoted(decl.name) +
         (hint.empty() ? declared_list(decl) : hint);
}

// ---- `when` blocks of a declaration --------------------------------------------------

void check_when(const ast::CondExpr& cond, const ast::DefaultMessage& decl, Env& env) {
  if (cond.op != ast::CondOp::atom) {
    for (const auto& operand : cond.operands)
      if (operand) check_when(*operand, decl, env);
    return;
  }
  const auto* name = cond.atom ? std::get_if<ast::NameRef>(&cond.atom->node) : nullptr;
  if (!name) {
    env.report.error(cond.loc, "a default message's when takes its condition codes (A1, A2 "
                               "...) and true/false parameters");
    return;
  }
  if (declares(decl, name->name)) return;
  auto param = env.scope.params.find(name->name);
  if (param == env.scope.params.end()) {
    env.report.error(cond.atom->loc, not_a_condition(name->name, decl));
    return;
  }
  env.tables.used_params.insert(param->second);
  const StaticType type = param_type(env, *param->second);
  if (type.kind != Kind::boolean && type.kind != Kind::unknown)
    env.report.error(cond.atom->loc, "parameter " + name->name +
                                         " is not true or false, so it cannot be a condition");
}

void check_block(const std::vector<ast::Assignment>& rows, const MessageShape& shape,
                 ExprResolver& exprs, Env& env) {
  std::map<std::string, std::uint32_t> seen;  // key -> line
  RowMode mode{std::nullopt, true, RowSource::default_message};
  for (const ast::Assignment& row : rows) {
    auto checked = check_row(row, shape, mode, exprs, env);
    if (!checked) continue;
    const std::string key = checked->row.path.key();
    if (auto [it, added] = seen.emplace(key, row.loc.line); !added) {
      env.report.error(row.path.loc, "'" + checked->row.path.text +
                                         "' is set twice in this block (first at line " +
                                         std::to_string(it->second) + ")");
    }
    check_allowed(checked->row, shape, env);
  }
}

// ---- applying conditions -------------------------------------------------------------

enum class Truth { no, yes, depends };
struct Eval {
  Truth truth = Truth::no;
  Cond cond;  // truth == depends
};

// Decided now, whatever the run time says.
Eval decided(Truth truth) { return {truth, Cond{}}; }

// Left to the run time: a condition of `kind` whose atom or operands the caller adds.
Eval depends(const SourceLoc& loc, CondKind kind) {
  return {Truth::depends, Cond{loc, kind, {}, {}}};
}

Eval evaluate(const ast::CondExpr& c, const std::set<std::string>& applied,
              const ast::DefaultMessage& decl, Env& env) {
  if (c.op == ast::CondOp::atom) {
    const auto* name = c.atom ? std::get_if<ast::NameRef>(&c.atom->node) : nullptr;
    if (!name) return {};
    if (declares(decl, name->name)) {
      if (!applied.count(name->name)) return {};
      // Applied: true as written, but --set CODE=false may withdraw it at run time.
      Eval out = depends(c.loc, CondKind::atom);
      out.cond.atom.push_back(Value{c.atom->loc, ConditionValue{name->name}});
      return out;
    }
    if (!env.scope.params.count(name->name)) return {};
    DetachedFlow flow(env, DetachedFlow::Kind::parameter);
    ExprResolver exprs(env, flow);
    auto typed = exprs.resolve(*c.atom);
    if (!typed) return {};
    Eval out = depends(c.loc, CondKind::atom);
    out.cond.atom.push_back(std::move(typed->value));
    return out;
  }
  if (c.op == ast::CondOp::not_) {
    if (c.operands.empty() || !c.operands.front()) return {};
    Eval inner = evaluate(*c.operands.front(), applied, decl, env);
    if (inner.truth != Truth::depends)
      return decided(inner.truth == Truth::yes ? Truth::no : Truth::yes);
    Eval out = depends(c.loc, CondKind::not_);
    out.cond.operands.push_back(std::move(inner.cond));
    return out;
  }
  const bool is_and = c.op == ast::CondOp::and_;
  const Truth decisive = is_and ? Truth::no : Truth::yes;
  std::vector<Cond> open;
  for (const auto& operand : c.operands) {
    if (!operand) continue;
    Eval e = evaluate(*operand, applied, decl, env);
    if (e.truth == decisive) return decided(decisive);
    if (e.truth == Truth::depends) open.push_back(std::move(e.cond));
  }
  if (open.empty()) return decided(is_and ? Truth::yes : Truth::no);
  if (open.size() == 1) return {Truth::depends, std::move(open.front())};
  Eval out = depends(c.loc, is_and ? CondKind::and_ : CondKind::or_);
  out.cond.operands = std::move(open);
  return out;
}

}  // namespace

MessageShape default_shape(const ast::DefaultMessage& decl) {
  if (decl.message.kind == ast::Message::Kind::method)
    return MessageShape{true, decl.message.method, 0};
  return MessageShape{false, "", decl.message.status};
}

void check_default_decl(const ast::DefaultMessage& decl, Env& env) {
  if (!check_method(decl.message, env)) return;
  const MessageShape shape = default_shape(decl);
  DetachedFlow flow(env, shape.is_request ? DetachedFlow::Kind::request_default
                                          : DetachedFlow::Kind::response_default);
  ExprResolver exprs(env, flow);
  check_block(decl.rows, shape, exprs, env);
  for (const ast::ConditionalRows& block : decl.conditional_rows) {
    if (block.when) check_when(*block.when, decl, env);
    check_block(block.rows, shape, exprs, env);
  }
}

const ast::DefaultMessage* resolve_use(const ast::UseClause& use, const ast::Message& message,
                                       const std::string& step_label, Env& env) {
  const std::string& name = use.name.value;
  auto it = env.scope.defaults.find(name);
  if (it == env.scope.defaults.end()) {
    env.report.error(use.name.loc, "unknown default message " + quoted(name) +
                                       did_you_mean(name, env.scope.default_names(), "\""));
    return nullptr;
  }
  const ast::DefaultMessage& decl = *it->second;
  const bool same_kind = decl.message.kind == message.kind;
  const bool same = same_kind && (message.kind == ast::Message::Kind::method
                                      ? decl.message.method == message.method
                                      : decl.message.status == message.status);
  if (!same) {
    env.report.error(use.name.loc, "default message " + quoted(name) + " describes a " +
                                       decl.message.text() + ", but step " + step_label +
                                       " is a " + message.text());
    return nullptr;
  }
  std::set<std::string> seen;
  for (const ast::Name& code : use.conditions) {
    if (!seen.insert(code.value).second) {
      env.report.warning(code.loc, "condition " + code.value + " is applied twice");
    } else if (!declares(decl, code.value)) {
      env.report.error(code.loc, not_a_condition(code.value, decl));
    }
  }
  return &decl;
}

std::vector<AppliedRow> apply_default(const ast::DefaultMessage& decl,
                                      const std::vector<ast::Name>& conditions, Env& env) {
  std::set<std::string> applied;
  for (const ast::Name& code : conditions) applied.insert(code.value);
  std::vector<AppliedRow> out;
  for (const ast::Assignment& row : decl.rows)
    out.push_back({&row, RowSource::default_message, std::nullopt, {}});
  for (const ast::ConditionalRows& block : decl.conditional_rows) {
    if (!block.when) continue;
    Eval e = evaluate(*block.when, applied, decl, env);
    if (e.truth == Truth::no) continue;
    for (const ast::Assignment& row : block.rows) {
      AppliedRow a{&row, RowSource::default_condition, std::nullopt, ast::cond_text(*block.when)};
      if (e.truth == Truth::depends) a.when = e.cond;
      out.push_back(std::move(a));
    }
  }
  // Annex A tables interleave plain and conditional rows; keep the written order.
  std::stable_sort(out.begin(), out.end(), [](const AppliedRow& a, const AppliedRow& b) {
    return std::pair(a.row->loc.line, a.row->loc.col) < std::pair(b.row->loc.line, b.row->loc.col);
  });
  return out;
}

namespace {

const ast::ConditionDecl* declaration(const ast::DefaultMessage& decl, const std::string& code) {
  for (const auto& c : decl.conditions)
    if (c.code == code) return &c;
  return nullptr;
}

// "MO INVITE: IMS security", added once to the code's description.
void add_meaning(Condition& condition, const std::string& meaning) {
  std::string& text = condition.description;
  if (("; " + text + ";").find("; " + meaning + ";") == std::string::npos)
    text += (text.empty() ? "" : "; ") + meaning;
}

// A1, A2, ..., A10.
bool code_order(const Condition& a, const Condition& b) {
  return std::pair(a.name.size(), a.name) < std::pair(b.name.size(), b.name);
}

}  // namespace

void note_applied_conditions(const Testcase& tc, Env& env, std::vector<Condition>& into) {
  for (const Step& step : tc.steps) {
    if (!step.default_message) continue;
    auto found = env.scope.defaults.find(step.default_message->name);
    if (found == env.scope.defaults.end()) continue;
    const ast::DefaultMessage& decl = *found->second;
    for (const std::string& code : step.default_message->conditions) {
      const ast::ConditionDecl* c = declaration(decl, code);
      if (!c) continue;
      auto it = std::find_if(into.begin(), into.end(),
                             [&](const Condition& known) { return known.name == code; });
      if (it == into.end()) it = into.insert(into.end(), Condition{code, ""});
      add_meaning(*it, decl.name + ": " + c->description);
    }
  }
  std::sort(into.begin(), into.end(), code_order);
}

}  // namespace scn::check
