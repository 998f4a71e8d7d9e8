// make PARTY ACTION OPERAND... [within DURATION]: the upper tester makes a party under
// test act. The party, the action, its operands and its wait are checked here.
#include <algorithm>

#include "flow.h"

namespace scn::check {

namespace {

constexpr std::int64_t kMaxWithinMs = 600'000;

std::string operand_list(const ast::ActionSpec& spec) {
  if (spec.operands.empty()) return "no operand";
  std::string out;
  for (std::size_t i = 0; i < spec.operands.size(); ++i) {
    if (i) out += i + 1 == spec.operands.size() ? " and " : ", ";
    out += spec.operands[i] == ast::OperandKind::uri ? "a URI" : "an event package";
  }
  return out;
}

std::vector<std::string> verbs() {
  std::vector<std::string> out;
  for (const ast::ActionSpec& spec : ast::actions()) out.emplace_back(spec.verb);
  return out;
}

std::string verb_list() {
  std::string out;
  const std::vector<std::string> all = verbs();
  for (std::size_t i = 0; i < all.size(); ++i)
    out += (i == 0 ? "" : i + 1 == all.size() ? " or " : ", ") + all[i];
  return out;
}

}  // namespace

void Flow::check_action(const ast::Step& step, Step out) {
  const ast::Action& action = *step.action;
  const FlatStep& f = current();
  out.is_request = false;
  out.direction = Direction::ss_to_ue;  // the upper tester, on the SS's side, acts
  auto party = party_index(f.to, action.party.loc);
  // In the mirror the party is played: it acts by sending its next step's message.
  if (party && !parties_[*party].under_test && !env_.mirror)
    flow_error(action.party.loc, "only a party under test acts: " + f.to + " is played by scn",
               "");
  out.from = out.to = party.value_or(0);
  Action checked{action.verb.value, {}, 0};
  const ast::ActionSpec* spec = ast::find_action(action.verb.value);
  if (!spec) {
    flow_error(action.verb.loc, "unknown action '" + action.verb.value + "'" +
                                    did_you_mean(action.verb.value, verbs()) +
                                    " (the actions are " + verb_list() + ")", "");
  } else if (action.operands.size() != spec->operands.size()) {
    const SourceLoc& at = action.operands.size() > spec->operands.size()
                              ? action.operands[spec->operands.size()]->loc
                              : action.verb.loc;
    const std::size_t given = action.operands.size();
    flow_error(at, std::string(spec->verb) + " takes " + operand_list(*spec) +
                       "; this step gives " +
                       (given == 0 ? std::string("none") : std::to_string(given)), "");
  } else {
    for (std::size_t i = 0; i < spec->operands.size(); ++i)
      if (auto value = action_operand(*action.operands[i], spec->operands[i]))
        checked.operands.push_back(std::move(*value));
  }
  if (action.within) {
    const auto* d = std::get_if<ast::DurationLit>(&action.within->node);
    const std::int64_t ms = d ? d->millis() : 0;
    if (d && (ms <= 0 || ms > kMaxWithinMs))
      flow_error(action.within->loc, "an action waits from 1 ms to 10min for the driver to "
                                     "confirm it", "");
    checked.within_ms = std::clamp<std::int64_t>(ms, 0, kMaxWithinMs);
  }
  out.action = std::move(checked);
  out.dialog = 0;
  steps_.push_back(std::move(out));
  steps_.back().when = step_condition(step.when);
}

// A URI: text, a URI literal or a value holding one. An event package: its name, written
// as a word (conference) or a string.
std::optional<Value> Flow::action_operand(const ast::Expr& expr, ast::OperandKind kind) {
  if (kind == ast::OperandKind::package) {
    const auto* word = std::get_if<ast::NameRef>(&expr.node);
    const auto* text = std::get_if<ast::StringLit>(&expr.node);
    const std::string name = word ? word->name : text ? text->value : "";
    if (name.empty() || !env_.schema.find_event_package(name)) {
      std::vector<std::string> known;
      for (auto n : env_.schema.event_package_names()) known.emplace_back(n);
      flow_error(expr.loc, (name.empty() ? std::string("expected an event package")
                                         : "unknown event package '" + name + "'") +
                               did_you_mean(name, known), "");
      return std::nullopt;
    }
    return Value{expr.loc, TextValue{name}};
  }
  ExprResolver exprs(env_, *this);
  auto typed = exprs.resolve(expr);
  if (!typed) return std::nullopt;
  if (auto why = mismatch(schema::ValueType::uri, typed->type, typed->value)) {
    flow_error(expr.loc, "this operand expects " + expectation(schema::ValueType::uri) + *why, "");
    return std::nullopt;
  }
  return std::move(typed->value);
}

}  // namespace scn::check
