// One step of the flow: its transaction, dialog, condition and rows.
#include <algorithm>

#include "flow.h"
#include "messages/defaults.h"
#include "messages/message_rules.h"

namespace scn::check {

namespace {

std::string quote(const std::string& s) { return "'" + s + "'"; }

const char* party(ast::Role role) { return role == ast::Role::ue ? "UE" : "SS"; }

// The container's own number when it has one, else the outermost procedure's: "3" for
// a step reused by "steps 1-7 of A.15.1", "A.25:3" for one of a whole preamble.
std::string step_label(const FlatStep& f) {
  for (const StepAddress& a : f.addresses)
    if (a.instance == 0) return std::to_string(a.number);
  const StepAddress& outer = f.addresses.back();
  return outer.ns + ":" + std::to_string(outer.number);
}

Direction direction_of(const ast::Step& step) {
  return step.direction.from == ast::Role::ue ? Direction::ue_to_ss : Direction::ss_to_ue;
}

}  // namespace

void Flow::check_step(std::size_t index) {
  const FlatStep& f = flat_.steps[index];
  const ast::Step& s = *f.step;
  Step out;
  out.loc = s.loc;
  out.number = s.number;
  out.procedure = f.procedure;
  out.label = step_label(f);
  if (s.comment) out.comment = s.comment->value;
  out.direction = direction_of(s);
  out.is_request = s.message.kind == ast::Message::Kind::method;
  out.window = f.window;
  const bool method_ok = check_method(s.message, env_);
  answering_.reset();
  if (out.is_request) {
    out.method = s.message.method;
  } else {
    out.status = s.message.status;
    out.reason = s.message.reason;
    answering_ = find_request(s);
    out.answers = answering_;
    if (answering_) out.method = steps_[*answering_].method;
  }
  out.dialog = resolve_dialog(s, answering_);
  steps_.push_back(std::move(out));
  Step& step = steps_.back();
  if (s.when) step.when = condition(*s.when);
  const MessageShape shape{step.is_request, step.method, step.status};
  if (method_ok) step.rows = build_rows(s, step, shape);
  if (method_ok && step.direction == Direction::ss_to_ue)
    check_ss_message(step.rows, shape, s.message.loc,
                     "the SS's " + s.message.text() + " at step " + current_label(), env_);
  if (step.is_request) note_request(s, index);
}

// ---- transactions ----------------------------------------------------------------------

std::optional<std::size_t> Flow::find_request(const ast::Step& step) {
  const ast::Role from = step.direction.from;
  std::optional<std::size_t> dialog;
  if (step.dialog_in) {
    auto it = dialog_names_.find(step.dialog_in->value);
    if (it != dialog_names_.end()) dialog = it->second;
  }
  for (auto it = open_.rbegin(); it != open_.rend(); ++it) {
    if (it->from == from || it->final_answer) continue;
    if (dialog && it->dialog != *dialog) continue;
    if (step.message.status >= 200) it->final_answer = true;
    return it->step;
  }
  const char* other = party(from == ast::Role::ue ? ast::Role::ss : ast::Role::ue);
  const std::string where = dialog ? " in dialog " + quote(step.dialog_in->value) : "";
  const FlatStep& f = current();
  flow_error(step.message.loc,
             std::string(party(from)) + " sends " + step.message.text() + " at step " +
                 current_label() + ", but the " + other + " sent no request" + where +
                 " before it that is still waiting for an answer",
             f.via && f.via->first ? "step " + current_label() + " (" + step.message.text() +
                                         ") answers a request this reference leaves out"
                                   : "");
  return std::nullopt;
}

void Flow::note_request(const ast::Step& step, std::size_t index) {
  const std::string& method = step.message.method;
  if (method == "ACK") {
    const bool acknowledged = std::any_of(open_.begin(), open_.end(), [&](const OpenRequest& r) {
      return r.method == "INVITE" && r.from == step.direction.from && r.final_answer;
    });
    if (!acknowledged)
      flow_error(step.message.loc,
                 std::string("ACK at step ") + current_label() + " acknowledges a final "
                 "response to an INVITE, but no INVITE from the " + party(step.direction.from) +
                 " got one before it", "");
    return;
  }
  const schema::MethodSpec* spec = env_.schema.find_method(method);
  if (spec && !spec->has_responses) return;
  open_.push_back({index, step.direction.from, method, steps_[index].dialog, false});
}

// ---- dialogs ---------------------------------------------------------------------------

std::size_t Flow::resolve_dialog(const ast::Step& step, std::optional<std::size_t> answered) {
  std::size_t id = 0;  // the implicit dialog, as for the runtime
  if (step.dialog_in) {
    if (auto found = dialog(step.dialog_in->value, step.dialog_in->loc)) id = *found;
  } else if (answered) {
    id = steps_[*answered].dialog;
  }
  if (step.dialog_as) {
    const std::string& name = step.dialog_as->value;
    auto it = dialog_names_.find(name);
    if (it != dialog_names_.end() && !current().via) {
      env_.report.error(step.dialog_as->loc, "dialog " + quote(name) +
                                                 " is already named by an earlier step");
    }
    if (step.message.kind == ast::Message::Kind::method) {
      dialogs_.push_back(Dialog{step.dialog_as->loc, name});
      id = dialogs_.size() - 1;
    } else if (dialogs_[id].name.empty()) {
      dialogs_[id] = Dialog{step.dialog_as->loc, name};
    }
    dialog_names_[name] = id;
  }
  return id;
}

// ---- conditions --------------------------------------------------------------------------

std::optional<Cond> Flow::condition(const ast::CondExpr& c) {
  Cond out;
  out.loc = c.loc;
  if (c.op != ast::CondOp::atom) {
    out.kind = c.op == ast::CondOp::not_ ? CondKind::not_
               : c.op == ast::CondOp::and_ ? CondKind::and_ : CondKind::or_;
    bool ok = true;
    for (const auto& operand : c.operands) {
      auto inner = operand ? condition(*operand) : std::nullopt;
      if (inner) out.operands.push_back(std::move(*inner));
      ok = ok && inner;
    }
    return ok ? std::optional(out) : std::nullopt;
  }
  if (!c.atom) return std::nullopt;
  ExprResolver exprs(env_, *this);
  auto typed = exprs.resolve(*c.atom);
  if (!typed) return std::nullopt;
  if (typed->type.kind != Kind::boolean && typed->type.kind != Kind::unknown) {
    env_.report.error(c.atom->loc, "a step's when takes something true or false, such as "
                                   "subscribed(conference) or a true/false parameter, not " +
                                       describe(typed->type));
    return std::nullopt;
  }
  out.atom.push_back(std::move(typed->value));
  return out;
}

}  // namespace scn::check
