// scn list FILE: the test cases and procedures of a file with their steps, one line each.
#include <iostream>
#include <sstream>

#include "commands.h"
#include "scn/ast/text.h"
#include "stages.h"

namespace scn::driver {

namespace {

void list_items(std::ostream& out, const std::vector<ast::StepItem>& items, int depth);

std::string quoted(const std::string& text) { return "\"" + text + "\""; }

void list_step(std::ostream& out, const ast::Step& step, const std::string& indent) {
  std::ostringstream line;
  line << indent << step.number;
  if (step.when) line << " when " << ast::cond_text(*step.when);
  line << "  " << ast::role_name(step.direction.from) << " -> "
       << ast::role_name(step.direction.to) << "  " << step.message.text();
  if (step.comment) line << "  " << quoted(step.comment->value);
  if (step.use) line << "  use " << quoted(step.use->name.value);
  out << line.str() << "\n";
}

void list_item(std::ostream& out, const ast::StepItem& item, int depth) {
  std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
  if (const auto* step = std::get_if<ast::Step>(&item.node)) {
    list_step(out, *step, indent);
  } else if (const auto* ref = std::get_if<ast::StepsRef>(&item.node)) {
    out << indent << "steps ";
    if (ref->first) {
      out << *ref->first;
      if (ref->last) out << "-" << *ref->last;
      out << " ";
    }
    out << "of " << ref->procedure.value << "\n";
  } else if (const auto* block = std::get_if<ast::OptionalBlock>(&item.node)) {
    out << indent << "optional within " << ast::expr_text(block->within);
    if (block->comment) out << "  " << quoted(block->comment->value);
    out << "\n";
    list_items(out, block->items, depth + 1);
  }
}

void list_items(std::ostream& out, const std::vector<ast::StepItem>& items, int depth) {
  for (const ast::StepItem& item : items) list_item(out, item, depth);
}

}  // namespace

int list(const std::string& file) {
  std::optional<parse::ParseResult> result = parse_file(file);
  if (!result) return exit_unusable;
  if (!result->ok()) return exit_errors;
  for (const ast::Testcase& t : result->module.testcases) {
    std::cout << "testcase " << t.name << "  " << quoted(t.title.value) << "\n";
    list_items(std::cout, t.items, 1);
  }
  for (const ast::Procedure& p : result->module.procedures) {
    std::cout << "procedure " << p.name;
    if (p.title) std::cout << "  " << quoted(p.title->value);
    std::cout << "\n";
    list_items(std::cout, p.items, 1);
  }
  return exit_ok;
}

}  // namespace scn::driver
