// media A -> B OP ...: RTP between a played party and a party under test. The parties,
// the operation against the direction, its operand and the checks of a check step are
// checked here (docs/media.md).
#include <algorithm>
#include <cctype>

#include "exprs/types.h"
#include "flow.h"

namespace scn::check {

namespace {

constexpr std::int64_t kMaxCheckMs = 600'000;

struct OpName {
  const char* name;
  MediaOp op;
  bool sends;  // from the played party; else a check of what the party under test sends
};
constexpr OpName kOps[] = {{"tone", MediaOp::tone, true},     {"silence", MediaOp::silence, true},
                           {"mix", MediaOp::mix, true},       {"dtmf", MediaOp::dtmf, true},
                           {"stop", MediaOp::stop, true},     {"check", MediaOp::check, false}};

const OpName* find_op(const std::string& word) {
  for (const OpName& o : kOps)
    if (word == o.name) return &o;
  return nullptr;
}

std::vector<std::string> op_names() {
  std::vector<std::string> out;
  for (const OpName& o : kOps) out.emplace_back(o.name);
  return out;
}

// RFC 4733 3.2: the events 0-9, *, #, A-D.
bool dtmf_digits(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || c == '*' || c == '#' ||
           (c >= 'A' && c <= 'D');
  });
}

}  // namespace

const char* media_op_name(MediaOp op) {
  for (const OpName& o : kOps)
    if (o.op == op) return o.name;
  return "?";
}

void Flow::check_media(const ast::Step& step, Step out) {
  const ast::Media& media = *step.media;
  const FlatStep& f = current();
  if (step.dialog_as)
    flow_error(step.dialog_as->loc, "a media step names no new dialog: write 'in dialog NAME' "
                                    "for the stream of that dialog", "");
  if (f.group)
    flow_error(media.loc, "a media step cannot be in an 'either' or 'in any order' block: "
                          "write it after the block", "");
  resolve_direction(step, out);
  out.is_request = false;
  Media checked;
  const OpName* op = find_op(media.op.value);
  if (!op) {
    flow_error(media.op.loc, "unknown media operation '" + media.op.value + "'" +
                                 did_you_mean(media.op.value, op_names()) +
                                 " (tone, silence, mix, dtmf and stop send from a played "
                                 "party; check watches what a party under test sends)", "");
  } else {
    checked.op = op->op;
    // In the mirror the roles are swapped: a send of the party now under test is what the
    // played receiver checks, a check is what the played sender sends (lower_mirror_media).
    const bool ue_sends = (out.direction == Direction::ue_to_ss) != env_.mirror;
    if (op->sends && ue_sends)
      flow_error(media.op.loc, "'" + media.op.value + "' is sent by a played party: write " +
                                   f.to + " -> " + f.from + ", or check what " + f.from +
                                   " sends with 'check for DURATION'", "");
    if (!op->sends && !ue_sends)
      flow_error(media.op.loc, "'check' watches what a party under test sends: write " +
                                   f.to + " -> " + f.from, "");
  }
  const bool takes_value = op && (op->op == MediaOp::tone || op->op == MediaOp::dtmf);
  if (media.value && op && !takes_value)
    flow_error(media.value->loc, "'" + media.op.value + "' takes no operand", "");
  else if (media.value && takes_value)
    checked.value = media_value(*media.value, checked.op == MediaOp::dtmf);
  if (media.duration) checked.duration_ms = check_window(*media.duration);
  for (const ast::MediaCheck& c : media.checks) add_media_check(c, checked);
  if (step.dialog_in && dialog(step.dialog_in->value, step.dialog_in->loc))
    checked.dialog = step.dialog_in->value;
  out.media = std::move(checked);
  out.dialog = 0;
  steps_.push_back(std::move(out));
  steps_.back().when = step_condition(step.when);
}

// A frequency (Hz, as text: a parameter may hold it) or DTMF digits.
std::optional<Value> Flow::media_value(const ast::Expr& expr, bool digits) {
  if (const auto* n = std::get_if<ast::IntLit>(&expr.node)) {
    if (digits || n->value < 50 || n->value > 3950) {
      flow_error(expr.loc, digits ? std::string("DTMF digits are a string such as \"123#\"")
                                  : "a tone is from 50 to 3950 Hz (8 kHz sampling), not " +
                                        std::to_string(n->value) + " Hz", "");
      return std::nullopt;
    }
    return Value{expr.loc, TextValue{std::to_string(n->value)}};
  }
  ExprResolver exprs(env_, *this);
  auto typed = exprs.resolve(expr);
  if (!typed) return std::nullopt;
  if (typed->type.list || typed->type.kind == Kind::boolean || typed->type.kind == Kind::duration) {
    flow_error(expr.loc, std::string(digits ? "DTMF digits" : "a frequency") +
                             " is text or a number, not " + describe(typed->type), "");
    return std::nullopt;
  }
  if (auto text = literal_text(typed->value)) {
    if (digits && !dtmf_digits(*text)) {
      flow_error(expr.loc, "DTMF digits are 0-9, *, # and A-D (RFC 4733 3.2), not \"" + *text +
                               "\"", "");
      return std::nullopt;
    }
    if (!digits) {
      const bool number = !text->empty() && text->size() < 6 &&
                          std::all_of(text->begin(), text->end(),
                                      [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
      if (!number || std::stoi(*text) < 50 || std::stoi(*text) > 3950) {
        flow_error(expr.loc, "a tone is from 50 to 3950 Hz, not \"" + *text + "\"", "");
        return std::nullopt;
      }
    }
  }
  return std::move(typed->value);
}

std::int64_t Flow::check_window(const ast::Expr& duration) {
  const auto* d = std::get_if<ast::DurationLit>(&duration.node);
  const std::int64_t ms = d ? d->millis() : 0;
  if (d && (ms < 100 || ms > kMaxCheckMs))
    flow_error(duration.loc, "a media check watches a stream from 100 ms to 10min", "");
  return std::clamp<std::int64_t>(ms, 0, kMaxCheckMs);
}

void Flow::add_media_check(const ast::MediaCheck& c, Media& into) {
  const std::string& what = c.what.value;
  const bool inclusive = c.comparison == "<=";
  if (what == "tone") {
    if (c.value)
      if (auto v = media_value(*c.value, false)) into.tones.push_back(std::move(*v));
  } else if (what == "dtmf") {
    if (into.dtmf) flow_error(c.loc, "one dtmf check per step: give all the digits in it", "");
    if (c.value) into.dtmf = media_value(*c.value, true);
  } else if (what == "loss" && c.percent) {
    if (*c.percent > 100) flow_error(c.loc, "loss is at most 100%", "");
    into.max_loss_permille = std::min<std::int64_t>(*c.percent, 100) * 10;
    into.loss_inclusive = inclusive;
  } else if (what == "jitter" && c.duration) {
    const auto* d = std::get_if<ast::DurationLit>(&c.duration->node);
    into.max_jitter_us = d ? std::min<std::int64_t>(d->millis(), 60'000) * 1000 : 0;
    into.jitter_inclusive = inclusive;
  } else if (what == "rtcp") {
    if (c.value || c.percent || c.duration)
      flow_error(c.loc, "rtcp takes no value: write { rtcp } for an RTCP packet in the window", "");
    into.rtcp = true;
  } else if (what == "loss" || what == "jitter") {
    flow_error(c.loc, what == "loss" ? "write loss as a percentage: loss < 5%"
                                     : "write jitter as a duration: jitter < 30ms", "");
  } else {
    flow_error(c.what.loc, "unknown media check '" + what + "'" +
                               did_you_mean(what, {"tone", "dtmf", "loss", "jitter", "rtcp"}) +
                               " (the checks are tone F Hz, dtmf \"DIGITS\", loss < N%, "
                               "jitter < DURATION, rtcp)", "");
  }
}

}  // namespace scn::check
