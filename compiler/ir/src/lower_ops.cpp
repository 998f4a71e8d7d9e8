// The operations of a test case: per step its begin and its send, expect, relay or
// action; `when` branches, optional windows, alternatives (either) and any-order groups.
#include "lower_context.h"
#include "lower_mirror.h"
#include "scn/ir/dump.h"

namespace scn::ir {

namespace {

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
  Path contact;
  contact.header = "Contact";
  auto earlier = latest_contact(scope, step.dialog, contact);
  if (!earlier) return std::nullopt;
  return SendRow{contact, SendOp::set, std::move(*earlier), std::nullopt};
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

// A row that judges Status decides which response the step takes (docs/parties.md): the
// template takes any final response and the rows compare its status. Rows under a
// condition decide only when it holds; otherwise the step's own status is required.
void status_by_rows(Expect& expect, int status) {
  std::vector<Cond> conditions;
  bool judged = false;
  for (const MatchRow& row : expect.rows) {
    if (row.path.target != Target::status) continue;
    if (!row.when) return void(expect.status = 0);
    judged = true;
    conditions.push_back(*row.when);
  }
  if (!judged) return;
  expect.status = 0;
  Cond any = conditions.size() == 1 ? conditions.front()
                                    : Cond{CondKind::or_, false, "", conditions, -1, ""};
  Path path;
  path.target = Target::status;
  expect.rows.insert(expect.rows.begin(), MatchRow{path, MatchKind::equal,
                                                   {Value{Const{std::to_string(status)}}}, "",
                                                   cond_not(std::move(any)), ""});
}

Expect expect_of(const check::Step& step, const ValueScope& scope, const check::Window* window,
                 Lowering& lowering) {
  Expect expect;
  if (step.is_request) expect.method = step.method;
  expect.status = step.is_request ? 0 : step.status;
  expect.rows = lower_match_rows(step, scope, lowering);
  if (!step.is_request && step.status >= 200) status_by_rows(expect, step.status);
  if (window) {
    expect.optional = true;
    expect.timeout_ms = window->within_ms;
  }
  return expect;
}

Op relay_op(const check::Testcase& tc, const check::Step& step, const ValueScope& scope,
            const check::Window* window, Lowering& lowering) {
  // In the mirror the relaying party is under test: the played receiver judges what it
  // forwarded against what the played sender sent, the relay's rows included.
  if (mirrored(scope) && tc.parties.at(step.from).under_test) {
    Expect expect = expect_of(step, scope, window, lowering);
    for (MatchRow& row : relayed_identity_rows(tc, step)) expect.rows.push_back(std::move(row));
    return Op{std::move(expect)};
  }
  return Op{Relay{tc.steps.at(*step.relays).label, lower_send_rows(step, scope, lowering)}};
}

Op act_op(const check::Step& step, const ValueScope& scope, Lowering& lowering) {
  // The mirror plays the party told to act: its next step's message is the action.
  if (mirrored(scope) && !scope.testcase->parties.at(step.from).under_test)
    return Op{Wait{0}};
  Act act{step.action->verb, {}, step.action->within_ms};
  for (const check::Value& v : step.action->operands)
    act.operands.push_back(lower_value(v, scope, lowering));
  return Op{std::move(act)};
}

MediaOp media_op_of(check::MediaOp op) {
  switch (op) {
    case check::MediaOp::tone: return MediaOp::tone;
    case check::MediaOp::silence: return MediaOp::silence;
    case check::MediaOp::mix: return MediaOp::mix;
    case check::MediaOp::dtmf: return MediaOp::dtmf;
    case check::MediaOp::stop: return MediaOp::stop;
    case check::MediaOp::check: return MediaOp::check;
  }
  return MediaOp::check;
}

Media media_of(const check::Step& step, const ValueScope& scope, Lowering& lowering) {
  const check::Media& m = *step.media;
  Media out;
  out.op = media_op_of(m.op);
  out.dialog = m.dialog;
  if (m.value) out.value = lower_value(*m.value, scope, lowering);
  out.duration_ms = m.duration_ms;
  for (const check::Value& v : m.tones) out.tones.push_back(lower_value(v, scope, lowering));
  if (m.dtmf) out.dtmf = lower_value(*m.dtmf, scope, lowering);
  out.max_loss_permille = static_cast<int>(m.max_loss_permille);
  out.max_jitter_us = static_cast<int>(m.max_jitter_us);
  out.flags = (m.loss_inclusive ? SCN_MEDIA_LOSS_INCLUSIVE : 0) |
              (m.jitter_inclusive ? SCN_MEDIA_JITTER_INCLUSIVE : 0) | (m.rtcp ? SCN_MEDIA_RTCP : 0);
  return out;
}

// In the mirror: the check of what the network under test sends the played party while
// the played party sends (a check step as written): the tone or DTMF the network was last
// told to send, else only that the stream flows; none before the network was told to send.
std::optional<Media> network_check(const check::Testcase& tc, std::size_t index,
                                   Lowering& lowering) {
  const check::Step* sent = network_media_before(tc, index);
  if (!sent || sent->media->op == check::MediaOp::stop) return std::nullopt;
  ValueScope scope{&tc, static_cast<std::size_t>(sent - tc.steps.data()), false};
  Media check;
  check.op = MediaOp::check;
  if (sent->media->value && sent->media->op == check::MediaOp::tone)
    check.tones.push_back(lower_value(*sent->media->value, scope, lowering));
  if (sent->media->value && sent->media->op == check::MediaOp::dtmf)
    check.dtmf = lower_value(*sent->media->value, scope, lowering);
  return check;
}

// What a step does after its begin.
Op body_op(const check::Testcase& tc, std::size_t index, const check::Window* opens,
           Lowering& lowering) {
  const check::Step& step = tc.steps[index];
  ValueScope scope{&tc, index, step.direction == check::Direction::ue_to_ss};
  if (step.action) return act_op(step, scope, lowering);
  if (step.media) return Op{media_of(step, scope, lowering)};
  if (step.wait_ms) return Op{Wait{*step.wait_ms}};
  if (step.relays) return relay_op(tc, step, scope, opens, lowering);
  if (step.direction == check::Direction::ss_to_ue) return send_op(tc, step, scope, lowering);
  return Op{expect_of(step, scope, opens, lowering)};
}

// One step: begin, then its body; under its `when`, if any. `opens` is the window the
// step opens (its first step), whose expect is optional.
void step_op(const check::Testcase& tc, std::size_t index, const check::Window* opens,
             Lowering& lowering, std::vector<Op>& out) {
  const check::Step& step = tc.steps[index];
  std::vector<Op> ops;
  ops.push_back(Op{StepBegin{index}});
  if (step.media && tc.mirrored) {
    ValueScope scope{&tc, index, step.direction == check::Direction::ue_to_ss};
    Media media = media_of(step, scope, lowering);
    std::optional<Media> heard;
    if (step.media->op == check::MediaOp::check) heard = network_check(tc, index, lowering);
    else if (step.media->op != check::MediaOp::stop && !judged_later(tc, index))
      lowering.warning(step.loc, "in the mirror what " + tc.parties.at(step.from).name +
                                     " sends here is judged during a later check of " +
                                     tc.parties.at(step.to).name + "'s stream, and there "
                                     "is none: it is not judged");
    for (Op& op : mirror_media_ops(step, std::move(media), std::move(heard)))
      ops.push_back(std::move(op));
  } else {
    ops.push_back(body_op(tc, index, opens, lowering));
  }
  if (!step.when) {
    for (Op& op : ops) out.push_back(std::move(op));
    return;
  }
  ValueScope scope{&tc, index, step.direction == check::Direction::ue_to_ss};
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

Awaited awaited(const check::Testcase& tc, std::size_t index, Lowering& lowering) {
  ValueScope scope{&tc, index, true};
  return Awaited{index, expect_of(tc.steps[index], scope, nullptr, lowering)};
}

Op either_op(const check::Testcase& tc, const check::Group& group, Lowering& lowering) {
  ExpectFirst first;
  first.comment = group.comment;
  for (const check::StepRange& branch : group.branches) {
    first.alternatives.push_back(awaited(tc, branch.first, lowering));
    std::vector<Op> rest;
    for (std::size_t j = branch.first + 1; j <= branch.last; ++j)
      step_op(tc, j, nullptr, lowering, rest);
    first.branches.push_back(std::move(rest));
  }
  return Op{std::move(first)};
}

Op any_order_op(const check::Testcase& tc, const check::Group& group, Lowering& lowering) {
  ExpectEach each;
  for (const check::StepRange& branch : group.branches)
    for (std::size_t j = branch.first; j <= branch.last; ++j)
      each.members.push_back(awaited(tc, j, lowering));
  return Op{std::move(each)};
}

// The last step of a group (its branches are consecutive runs of steps).
std::size_t group_end(const check::Group& group) {
  std::size_t last = 0;
  for (const check::StepRange& branch : group.branches) last = std::max(last, branch.last);
  return last;
}

}  // namespace

std::vector<Op> lower_ops(const check::Testcase& tc, Lowering& lowering) {
  std::vector<Op> out;
  for (std::size_t i = 0; i < tc.steps.size(); ++i) {
    const check::Step& step = tc.steps[i];
    if (step.group && tc.mirrored) {  // the played party chooses: the first branch, in order
      const check::Group& group = tc.groups.at(*step.group);
      const std::size_t last = group.kind == check::GroupKind::either ? group.branches.front().last
                                                                      : group_end(group);
      for (std::size_t j = i; j <= last; ++j) step_op(tc, j, nullptr, lowering, out);
      i = group_end(group);
      continue;
    }
    if (step.group) {
      const check::Group& group = tc.groups.at(*step.group);
      out.push_back(group.kind == check::GroupKind::either ? either_op(tc, group, lowering)
                                                           : any_order_op(tc, group, lowering));
      i = group_end(group);
      continue;
    }
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

}  // namespace scn::ir
