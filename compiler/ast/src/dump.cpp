// Dump of modules, declarations and steps.
#include "scn/ast/dump.h"

#include "dump_writer.h"
#include "scn/ast/text.h"

namespace scn::ast {

namespace detail {

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

void dump_step(DumpWriter& w, const Step& step) {
  w.line("Step", step.loc, std::to_string(step.number));
  Nested n(w);
  if (step.when) {
    w.line("When", step.when->loc);
    Nested inner(w);
    dump_cond(w, step.when.get());
  }
  w.line("Direction", step.direction.loc,
         std::string(role_name(step.direction.from)) + " -> " + role_name(step.direction.to));
  w.line("Message", step.message.loc, step.message.text());
  if (step.dialog_as) w.line("DialogAs", step.dialog_as->loc, step.dialog_as->value);
  if (step.dialog_in) w.line("DialogIn", step.dialog_in->loc, step.dialog_in->value);
  if (step.comment) w.line("Comment", step.comment->loc, quoted(step.comment->value));
  if (step.use) {
    w.line("Use", step.use->loc, quoted(step.use->name.value));
    Nested inner(w);
    for (const Name& c : step.use->conditions) w.line("Condition", c.loc, c.value);
  }
  if (step.except) {
    w.line("Except", step.except->loc);
    Nested inner(w);
    for (const Assignment& row : step.except->rows) dump_assignment(w, row);
  }
}

void dump_steps_ref(DumpWriter& w, const StepsRef& ref) {
  w.line("Steps", ref.loc, range_text(ref));
  Nested n(w);
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
  for (const StepItem& item : block.items) dump_step_item(w, item);
}

void dump_default(DumpWriter& w, const DefaultMessage& d) {
  std::string details = quoted(d.name) + " " + d.message.text();
  w.line("Default", d.loc, with_text(details, d.clause));
  Nested n(w);
  for (const ConditionDecl& c : d.conditions) {
    w.line("ConditionDecl", c.loc, c.code + " " + quoted(c.description));
  }
  for (const Assignment& row : d.rows) dump_assignment(w, row);
  for (const ConditionalRows& group : d.conditional_rows) {
    w.line("When", group.loc);
    Nested inner(w);
    dump_cond(w, group.when.get());
    for (const Assignment& row : group.rows) dump_assignment(w, row);
  }
}

}  // namespace

void dump_step_item(DumpWriter& w, const StepItem& item) {
  if (const auto* step = std::get_if<Step>(&item.node)) dump_step(w, *step);
  if (const auto* ref = std::get_if<StepsRef>(&item.node)) dump_steps_ref(w, *ref);
  if (const auto* block = std::get_if<OptionalBlock>(&item.node)) dump_optional(w, *block);
}

}  // namespace detail

std::string dump(const Module& module) {
  using namespace detail;
  DumpWriter w;
  std::string out = "Module " + (module.file ? module.file->path : std::string("<unknown>")) + "\n";
  w.indent();
  for (const Import& i : module.imports) w.line("Import", i.loc, i.dotted());
  for (const Param& p : module.params) {
    w.line("Param", p.loc, with_text(p.name, p.description));
    Nested n(w);
    dump_expr(w, p.value.get());
  }
  for (const DefaultMessage& d : module.defaults) dump_default(w, d);
  for (const Procedure& p : module.procedures) {
    w.line("Procedure", p.loc, with_text(p.name, p.title));
    Nested n(w);
    for (const StepItem& item : p.items) dump_step_item(w, item);
  }
  for (const Testcase& t : module.testcases) {
    w.line("Testcase", t.loc, t.name + " " + quoted(t.title.value));
    Nested n(w);
    for (const StepItem& item : t.items) dump_step_item(w, item);
  }
  return out + w.take();
}

}  // namespace scn::ast
