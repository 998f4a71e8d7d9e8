#include "step_text.h"

#include "scn/ast/text.h"

namespace scn::doc {
namespace {

std::string quoted(const std::string& text) { return "\"" + text + "\""; }

struct ItemText {
  std::string operator()(const ast::ExprPtr& e) const { return e ? ast::expr_text(*e) : "?"; }
  std::string operator()(const ast::MatchPresent&) const { return "present"; }
  std::string operator()(const ast::MatchAbsent&) const { return "absent"; }
  std::string operator()(const ast::MatchAny&) const { return "any"; }
  std::string operator()(const ast::MatchStarts& m) const { return "starts " + (*this)(m.prefix); }
  std::string operator()(const ast::MatchRegex& m) const { return "matches /" + m.pattern + "/"; }
  std::string operator()(const ast::MatchOneOf& m) const {
    std::string out = "one of (";
    for (std::size_t i = 0; i < m.options.size(); ++i) out += (i ? ", " : "") + (*this)(m.options[i]);
    return out + ")";
  }
};

// " A = 1  B = 2": rows on one line, each after blanks.
std::string rows_text(const std::vector<ast::Assignment>& rows) {
  std::string out;
  for (const ast::Assignment& row : rows) out += (out.empty() ? " " : "  ") + row_text(row);
  return out;
}

std::string step_text(const ast::Step& step) {
  std::string line = std::to_string(step.number);
  if (step.when) line += " when " + ast::cond_text(*step.when);
  if (step.action) {
    line += "  make " + step.action->party.value + " " + step.action->verb.value;
    for (const ast::ExprPtr& operand : step.action->operands)
      if (operand) line += " " + ast::expr_text(*operand);
  } else if (step.media) {
    line += "  media " + step.direction.from.value + " -> " + step.direction.to.value + "  " +
            step.media->op.value;
  } else {
    line += "  " + step.direction.from.value + " -> " + step.direction.to.value + "  " +
            step.message.text();
  }
  if (step.dialog_as) line += " as " + step.dialog_as->value;
  if (step.dialog_in) line += " in dialog " + step.dialog_in->value;
  if (step.comment) line += "  " + quoted(step.comment->value);
  if (step.use) {
    line += "  use " + quoted(step.use->name.value);
    std::string codes;
    for (const ast::Name& code : step.use->conditions) codes += (codes.empty() ? "" : ", ") + code.value;
    if (!step.use->conditions.empty()) line += " [" + codes + "]";
  }
  if (step.relay) line += "  relay " + step.relay->label();
  if (step.except) line += "  except {" + rows_text(step.except->rows) + " }";
  return line;
}

std::string steps_ref_text(const ast::StepsRef& ref) {
  std::string line = "steps ";
  if (ref.first) line += std::to_string(*ref.first) + (ref.last ? "-" + std::to_string(*ref.last) : "") + " ";
  line += "of " + ref.procedure.value;
  for (std::size_t i = 0; i < ref.parties.size(); ++i)
    line += (i ? ", " : " with ") + ref.parties[i].role.value + " = " + ref.parties[i].party.value;
  if (ref.exceptions.empty()) return line;
  line += " except {";
  for (const ast::StepException& e : ref.exceptions)
    line += " " + std::to_string(e.step) + ": " + (e.message ? e.message->text() + " " : "") +
            "{" + rows_text(e.rows) + " }";
  line += " }";
  return line;
}

void add_lines(std::vector<std::string>& out, const std::vector<ast::StepItem>& items,
               const std::string& indent);

void add_block(std::vector<std::string>& out, const std::string& head, const ast::StepItem& item,
               const std::string& between, const std::string& indent) {
  out.push_back(indent + head);
  std::vector<const std::vector<ast::StepItem>*> blocks = item.blocks();
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (i && !between.empty()) out.push_back(indent + between);
    add_lines(out, *blocks[i], indent + "  ");
  }
}

void add_item(std::vector<std::string>& out, const ast::StepItem& item, const std::string& indent) {
  if (const auto* step = std::get_if<ast::Step>(&item.node)) {
    out.push_back(indent + display_text(step_text(*step)));
  } else if (const auto* ref = std::get_if<ast::StepsRef>(&item.node)) {
    out.push_back(indent + steps_ref_text(*ref));
  } else if (const auto* window = std::get_if<ast::OptionalBlock>(&item.node)) {
    std::string head = "optional within " + ast::expr_text(window->within);
    if (window->comment) head += "  " + quoted(window->comment->value);
    add_block(out, head, item, "", indent);
  } else if (const auto* either = std::get_if<ast::EitherBlock>(&item.node)) {
    add_block(out, "either" + (either->comment ? "  " + quoted(either->comment->value) : ""), item,
              "or", indent);
  } else if (std::holds_alternative<ast::AnyOrderBlock>(item.node)) {
    add_block(out, "in any order", item, "", indent);
  } else if (const auto* when = std::get_if<ast::WhenBlock>(&item.node)) {
    add_block(out, "when " + (when->when ? ast::cond_text(*when->when) : std::string()), item, "",
              indent);
  }
}

void add_lines(std::vector<std::string>& out, const std::vector<ast::StepItem>& items,
               const std::string& indent) {
  for (const ast::StepItem& item : items) add_item(out, item, indent);
}

}  // namespace

std::string display_text(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else out += c;
  }
  return out;
}

std::string row_text(const ast::Assignment& row) {
  std::string value;
  for (std::size_t i = 0; i < row.value.items.size(); ++i)
    value += (i ? ", " : "") + std::visit(ItemText{}, row.value.items[i].node);
  if (row.value.capture) value += (value.empty() ? "-> " : " -> ") + row.value.capture->name;
  return display_text(row.path.text() + " = " + value);
}

std::vector<std::string> step_lines(const std::vector<ast::StepItem>& items) {
  std::vector<std::string> out;
  add_lines(out, items, "");
  return out;
}

}  // namespace scn::doc
