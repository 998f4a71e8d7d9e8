// Dump of modules and declarations (steps: dump_steps.cpp).
#include "scn/ast/dump.h"

#include "dump_writer.h"
#include "scn/ast/text.h"

namespace scn::ast {

namespace {

std::string with_text(std::string head, const std::optional<Text>& text) {
  if (!text) return head;
  return head.empty() ? detail::quoted(text->value) : head + " " + detail::quoted(text->value);
}

void dump_default(detail::DumpWriter& w, const DefaultMessage& d) {
  using namespace detail;
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

// Unexpected@L:C "description", then one line per rule:
// UnexpectedRule@L:C OPTIONS in unknown dialog answer 481 "reason" fail
void dump_unexpected(detail::DumpWriter& w, const UnexpectedBlock& block) {
  using namespace detail;
  w.line("Unexpected", block.loc, with_text("", block.description));
  Nested n(w);
  for (const UnexpectedRule& r : block.rules) {
    const bool malformed = r.what == UnexpectedWhat::malformed;
    std::string details = r.method ? r.method->value : malformed ? "malformed" : "request";
    if (r.what == UnexpectedWhat::unknown_dialog) details += " in unknown dialog";
    if (r.answer) details += with_text(" answer " + std::to_string(*r.answer), r.reason);
    details += std::string(" ") + unexpected_verdict_name(r.verdict);
    w.line("UnexpectedRule", r.loc, details);
  }
}

}  // namespace

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
  for (const UnexpectedBlock& b : module.unexpected) dump_unexpected(w, b);
  for (const Procedure& p : module.procedures) {
    w.line("Procedure", p.loc, with_text(p.name, p.title));
    Nested n(w);
    for (const StepItem& item : p.items) dump_step_item(w, item);
  }
  for (const Testcase& t : module.testcases) {
    w.line("Testcase", t.loc, t.name + " " + quoted(t.title.value));
    Nested n(w);
    for (const PartyDecl& p : t.parties) dump_party(w, p);
    if (t.unexpected) dump_unexpected(w, *t.unexpected);
    for (const StepItem& item : t.items) dump_step_item(w, item);
  }
  return out + w.take();
}

}  // namespace scn::ast
