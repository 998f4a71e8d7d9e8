// scn list FILE: the test cases (with their parties, when declared) and procedures of a
// file with their steps, one line each.
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
  if (step.action) {
    line << "  make " << step.action->party.value << " " << step.action->verb.value;
    for (const ast::ExprPtr& operand : step.action->operands)
      if (operand) line << " " << ast::expr_text(*operand);
  } else if (step.media) {
    line << "  media " << step.direction.from.value << " -> " << step.direction.to.value << "  "
         << step.media->op.value;
    if (step.media->value) line << " " << ast::expr_text(*step.media->value);
    if (step.media->duration) line << " for " << ast::expr_text(*step.media->duration);
  } else if (step.wait) {
    line << "  wait";
    if (step.wait->duration) line << " " << ast::expr_text(*step.wait->duration);
  } else {
    line << "  " << step.direction.from.value << " -> " << step.direction.to.value << "  "
         << step.message.text();
  }
  if (step.comment) line << "  " << quoted(step.comment->value);
  if (step.use) line << "  use " << quoted(step.use->name.value);
  if (step.relay) line << "  relay " << step.relay->label();
  out << line.str() << "\n";
}

void list_block(std::ostream& out, const std::string& head,
                const std::vector<const std::vector<ast::StepItem>*>& blocks,
                const std::string& between, int depth) {
  std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
  out << indent << head << "\n";
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (i) out << indent << between << "\n";
    list_items(out, *blocks[i], depth + 1);
  }
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
    out << "of " << ref->procedure.value;
    for (std::size_t i = 0; i < ref->parties.size(); ++i)
      out << (i ? ", " : " with ") << ref->parties[i].role.value << " = "
          << ref->parties[i].party.value;
    out << "\n";
  } else if (const auto* block = std::get_if<ast::OptionalBlock>(&item.node)) {
    out << indent << "optional within " << ast::expr_text(block->within);
    if (block->comment) out << "  " << quoted(block->comment->value);
    out << "\n";
    list_items(out, block->items, depth + 1);
  } else if (const auto* either = std::get_if<ast::EitherBlock>(&item.node)) {
    list_block(out, "either" + (either->comment ? "  " + quoted(either->comment->value) : ""),
               item.blocks(), "or", depth);
  } else if (std::holds_alternative<ast::AnyOrderBlock>(item.node)) {
    list_block(out, "in any order", item.blocks(), "", depth);
  } else if (const auto* when = std::get_if<ast::WhenBlock>(&item.node)) {
    list_block(out, "when " + (when->when ? ast::cond_text(*when->when) : std::string()),
               item.blocks(), "", depth);
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
    for (const ast::PartyDecl& p : t.parties) {
      std::cout << "  party " << p.name.value << " " << ast::party_kind_name(p.kind);
      if (p.description) std::cout << "  " << quoted(p.description->value);
      std::cout << "\n";
    }
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
