// One step of the flow: its parties, transaction, dialog, condition and rows.
#include <algorithm>

#include "flow.h"
#include "messages/defaults.h"
#include "messages/message_rules.h"
#include "messages/xml_bodies.h"

namespace scn::check {

namespace {

std::string quote(const std::string& s) { return "'" + s + "'"; }

// The container's own number when it has one, else the outermost procedure's: "3" for
// a step reused by "steps 1-7 of A.15.1", "A.25:3" for one of a whole preamble.
std::string step_label(const FlatStep& f) {
  for (const StepAddress& a : f.addresses)
    if (a.instance == 0) return std::to_string(a.number);
  const StepAddress& outer = f.addresses.back();
  return outer.ns + ":" + std::to_string(outer.number);
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
  out.window = f.window;
  out.group = f.group;
  out.branch = f.branch;
  if (s.action) return check_action(s, std::move(out));
  if (s.media) return check_media(s, std::move(out));
  if (s.wait) return check_wait(s, std::move(out));
  resolve_direction(s, out);
  out.is_request = s.message.kind == ast::Message::Kind::method;
  const bool method_ok = check_method(s.message, env_);
  answering_.reset();
  if (out.is_request) {
    out.method = s.message.method;
  } else {
    out.status = s.message.status;
    out.reason = s.message.reason;
    answering_ = find_request(s, out);
    out.answers = answering_;
    if (answering_) out.method = steps_[*answering_].method;
  }
  if (s.relay) out.relays = relay_source(s, out);
  out.dialog = resolve_dialog(s, out, answering_);
  steps_.push_back(std::move(out));
  Step& step = steps_.back();
  step.when = step_condition(s.when);
  const MessageShape shape{step.is_request, step.method, step.status};
  if (method_ok) step.rows = build_rows(s, step, shape);
  if (step.direction == Direction::ue_to_ss && !step.is_request && step.status < 200)
    check_provisional_status(step);
  if (method_ok) check_body_paths(step.rows, env_);
  // A relayed message is the received one: its headers and body are there already.
  if (method_ok && step.direction == Direction::ss_to_ue && !s.relay) {
    const std::string who = "the SS's " + s.message.text() + " at step " + current_label();
    check_ss_message(step.rows, shape, s.message.loc, who, env_);
    check_body_edits(step.rows, who, env_);
  }
  if (step.is_request) note_request(s, index);
}

// A row judging Status makes the step take any final response (the rows decide); the
// runtime cannot wait for "any provisional response", so such rows judge final ones only.
void Flow::check_provisional_status(const Step& step) {
  for (const Row& row : step.rows)
    if (row.path.root == PathRoot::status)
      flow_error(row.loc, "rows judge the status of final responses only: step " +
                              current_label() + " waits for a " + std::to_string(step.status) +
                              " response; write the status in the step", "");
}

// ---- transactions ----------------------------------------------------------------------

// A response answers the latest request still open that its receiver sent to its sender.
std::optional<std::size_t> Flow::find_request(const ast::Step& step, const Step& out) {
  std::optional<std::size_t> dialog;
  if (step.dialog_in) {
    auto it = dialog_names_.find(step.dialog_in->value);
    if (it != dialog_names_.end()) dialog = it->second;
  }
  for (auto it = open_.rbegin(); it != open_.rend(); ++it) {
    if (it->from != out.to || it->to != out.from || it->final_answer) continue;
    if (dialog && it->dialog != *dialog) continue;
    if (step.message.status >= 200) it->final_answer = true;
    return it->step;
  }
  const std::string where = dialog ? " in dialog " + quote(step.dialog_in->value) : "";
  const FlatStep& f = current();
  flow_error(step.message.loc,
             party_name(out.from) + " sends " + step.message.text() + " at step " +
                 current_label() + ", but the " + party_name(out.to) + " sent no request" +
                 where + " before it that is still waiting for an answer",
             f.via && f.via->first ? "step " + current_label() + " (" + step.message.text() +
                                         ") answers a request this reference leaves out"
                                   : "");
  return std::nullopt;
}

void Flow::note_request(const ast::Step& step, std::size_t index) {
  const std::string& method = step.message.method;
  const Step& out = steps_[index];
  if (method == "ACK") {
    const bool acknowledged = std::any_of(open_.begin(), open_.end(), [&](const OpenRequest& r) {
      return r.method == "INVITE" && r.from == out.from && r.to == out.to && r.final_answer;
    });
    if (!acknowledged)
      flow_error(step.message.loc,
                 std::string("ACK at step ") + current_label() + " acknowledges a final "
                 "response to an INVITE, but no INVITE from the " + party_name(out.from) +
                 " got one before it", "");
    return;
  }
  const schema::MethodSpec* spec = env_.schema.find_method(method);
  if (spec && !spec->has_responses) return;
  open_.push_back({index, out.from, out.to, method, out.dialog, false});
}

// ---- conditions --------------------------------------------------------------------------

std::optional<Cond> Flow::step_condition(const ast::CondPtr& own) {
  std::vector<Cond> parts;
  for (const ast::CondExpr* block : current().whens) {
    auto [it, added] = block_conditions_.try_emplace(block);
    if (added) it->second = condition(*block);  // resolved once: one error per block
    if (it->second) parts.push_back(*it->second);
  }
  if (own)
    if (auto c = condition(*own)) parts.push_back(std::move(*c));
  if (parts.size() <= 1) return parts.empty() ? std::nullopt : std::optional(parts.front());
  Cond all;
  all.loc = parts.back().loc;
  all.kind = CondKind::and_;
  all.operands = std::move(parts);
  return all;
}

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
