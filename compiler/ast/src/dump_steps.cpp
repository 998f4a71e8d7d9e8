// Dump of step items: message, action, media and wait steps, reused ranges, optional windows,
// alternatives and any-order groups.
#include "dump_writer.h"
#include "scn/ast/text.h"

namespace scn::ast::detail {

namespace {

std::string with_text(std::string head, const std::optional<Text>& text) {
  if (!text) return head;
  return head.empty() ? quoted(text->value) : head + " " + quoted(text->value);
}

std::string range_text(const StepsRef& ref) {
  if (!ref.first) return "all of " + ref.procedure.value;
  std::string range = std::to_string(*ref.first);
  if (ref.last) range += "-" + std::to_string(*ref.last);
  return range + " of " + ref.procedure.value;
}

void dump_items(DumpWriter& w, const std::vector<StepItem>& items) {
  for (const StepItem& item : items) dump_step_item(w, item);
}

void dump_action(DumpWriter& w, const Action& action) {
  w.line("Action", action.loc, action.party.value + " " + action.verb.value);
  Nested n(w);
  for (const ExprPtr& operand : action.operands) dump_expr(w, operand.get());
  if (action.within) w.line("Within", action.within->loc, expr_text(*action.within));
}

void dump_media(DumpWriter& w, const Step& step) {
  const Media& media = *step.media;
  w.line("Media", media.loc,
         step.direction.from.value + " -> " + step.direction.to.value + " " + media.op.value);
  Nested n(w);
  if (step.dialog_in) w.line("DialogIn", step.dialog_in->loc, step.dialog_in->value);
  if (media.value) dump_expr(w, media.value.get());
  if (media.duration) w.line("For", media.duration->loc, expr_text(*media.duration));
  for (const MediaCheck& check : media.checks) {
    std::string text = check.what.value;
    if (check.percent) text += " " + check.comparison + " " + std::to_string(*check.percent) + "%";
    if (check.duration) text += " " + check.comparison + " " + expr_text(*check.duration);
    w.line("Check", check.loc, text);
    Nested inner(w);
    if (check.value) dump_expr(w, check.value.get());
  }
}

void dump_message_parts(DumpWriter& w, const Step& step) {
  w.line("Direction", step.direction.loc,
         step.direction.from.value + " -> " + step.direction.to.value);
  w.line("Message", step.message.loc, step.message.text());
  if (step.dialog_as) w.line("DialogAs", step.dialog_as->loc, step.dialog_as->value);
  if (step.dialog_in) w.line("DialogIn", step.dialog_in->loc, step.dialog_in->value);
}

void dump_step(DumpWriter& w, const Step& step) {
  w.line("Step", step.loc, std::to_string(step.number));
  Nested n(w);
  if (step.when) {
    w.line("When", step.when->loc);
    Nested inner(w);
    dump_cond(w, step.when.get());
  }
  if (step.action) dump_action(w, *step.action);
  else if (step.media) dump_media(w, step);
  else if (step.wait) w.line("Wait", step.wait->loc, step.wait->duration ? expr_text(*step.wait->duration) : "");
  else dump_message_parts(w, step);
  if (step.comment) w.line("Comment", step.comment->loc, quoted(step.comment->value));
  if (step.use) {
    w.line("Use", step.use->loc, quoted(step.use->name.value));
    Nested inner(w);
    for (const Name& c : step.use->conditions) w.line("Condition", c.loc, c.value);
  }
  if (step.relay) w.line("Relay", step.relay->loc, step.relay->label());
  if (step.except) {
    w.line("Except", step.except->loc);
    Nested inner(w);
    for (const Assignment& row : step.except->rows) dump_assignment(w, row);
  }
}

void dump_steps_ref(DumpWriter& w, const StepsRef& ref) {
  w.line("Steps", ref.loc, range_text(ref));
  Nested n(w);
  for (const PartyBinding& b : ref.parties)
    w.line("PartyBinding", b.loc, b.role.value + " = " + b.party.value);
  for (const StepException& e : ref.exceptions) {
    std::string details = std::to_string(e.step);
    if (e.message) details += " " + e.message->text();
    w.line("StepException", e.loc, details);
    Nested inner(w);
    for (const Assignment& row : e.rows) dump_assignment(w, row);
  }
}

void dump_optional(DumpWriter& w, const OptionalBlock& block) {
  std::string within = "within " + expr_text(block.within);
  w.line("Optional", block.loc, with_text(within, block.comment));
  Nested n(w);
  dump_items(w, block.items);
}

void dump_either(DumpWriter& w, const EitherBlock& block) {
  w.line("Either", block.loc, with_text("", block.comment));
  Nested n(w);
  for (std::size_t i = 0; i < block.branches.size(); ++i) {
    w.line("Branch", block.branch_locs.at(i), std::to_string(i + 1));
    Nested inner(w);
    dump_items(w, block.branches[i]);
  }
}

void dump_any_order(DumpWriter& w, const AnyOrderBlock& block) {
  w.line("AnyOrder", block.loc);
  Nested n(w);
  dump_items(w, block.items);
}

void dump_when(DumpWriter& w, const WhenBlock& block) {
  w.line("When", block.loc, block.when ? cond_text(*block.when) : std::string());
  Nested n(w);
  dump_items(w, block.items);
}

}  // namespace

void dump_step_item(DumpWriter& w, const StepItem& item) {
  std::visit(
      [&](const auto& node) {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<T, Step>) dump_step(w, node);
        else if constexpr (std::is_same_v<T, StepsRef>) dump_steps_ref(w, node);
        else if constexpr (std::is_same_v<T, OptionalBlock>) dump_optional(w, node);
        else if constexpr (std::is_same_v<T, EitherBlock>) dump_either(w, node);
        else if constexpr (std::is_same_v<T, WhenBlock>) dump_when(w, node);
        else dump_any_order(w, node);
      },
      item.node);
}

void dump_party(DumpWriter& w, const PartyDecl& party) {
  std::string details = party.name.value + " " + party_kind_name(party.kind);
  if (party.description) details += " " + quoted(party.description->value);
  w.line("Party", party.loc, details);
}

}  // namespace scn::ast::detail
