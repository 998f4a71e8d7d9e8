// Declarations: imports, parameters, test cases, procedures, default messages.
#include <set>

#include "parse_tree.h"
#include "transformer.h"

namespace scn::parse {

ast::Import Transformer::transform_import(P::ImportDeclContext* ctx) {
  StatementScope scope(*this, ctx);
  ast::Import out;
  out.loc = loc(ctx);
  if (P::ModulePathContext* path = ctx->modulePath()) {
    for (antlr4::tree::ParseTree* child : path->children) {
      auto* dot = dynamic_cast<antlr4::tree::TerminalNode*>(child);
      if (dot != nullptr && (real_token(dot) == nullptr || dot->getSymbol()->getType() == P::DOT))
        continue;
      if (auto* keyword = dynamic_cast<P::KeywordContext*>(child))
        if (real_token(keyword->getStart()) == nullptr) continue;
      out.path.push_back(child->getText());
    }
  }
  return out;
}

ast::Param Transformer::transform_param(P::ParamDeclContext* ctx) {
  StatementScope scope(*this, ctx);
  ast::Param out;
  out.loc = loc(ctx);
  out.name = token_text(ctx->ID());
  out.value = transform_expr(ctx->expr());
  out.description = text(ctx->description);
  return out;
}

ast::Testcase Transformer::transform_testcase(P::TestcaseDeclContext* ctx) {
  ast::Testcase out;
  out.loc = loc(ctx);
  if (P::TestcaseHeadContext* head = ctx->testcaseHead()) {
    StatementScope scope(*this, head);
    out.name = token_text(head->name);
    if (auto title = text(head->title)) out.title = std::move(*title);
  }
  P::StepBlockContext* block = ctx->stepBlock();
  if (block == nullptr) return out;
  // Party lines and the unexpected block come first; one after a step is misplaced
  // (transform_step_item says so).
  std::vector<P::StepItemContext*> items = block->stepItem();
  std::size_t first_step = 0;
  for (; first_step < items.size(); ++first_step) {
    P::StepItemContext* item = items[first_step];
    if (item->partyDecl()) {
      out.parties.push_back(transform_party(item->partyDecl()));
    } else if (P::UnexpectedBlockContext* c = item->unexpectedBlock()) {
      ast::UnexpectedBlock unexpected = transform_unexpected(c);
      if (out.unexpected) {
        StatementScope scope(*this, c);
        error(unexpected.loc, "test case " + out.name + " already has an unexpected block at "
                              "line " + std::to_string(out.unexpected->loc.line) +
                              ": write its rules there");
      } else {
        out.unexpected = std::move(unexpected);
      }
    } else {
      break;
    }
  }
  parties_declared_ = !out.parties.empty();
  for (std::size_t i = first_step; i < items.size(); ++i)
    if (auto item = transform_step_item(items[i])) out.items.push_back(std::move(*item));
  parties_declared_ = false;
  if (block->RBRACE()) out.end = loc(block->RBRACE()->getSymbol());
  return out;
}

ast::PartyDecl Transformer::transform_party(P::PartyDeclContext* ctx) {
  StatementScope scope(*this, ctx);
  ast::PartyDecl out;
  out.loc = loc(ctx);
  out.name = ast::Name{loc(ctx->name), token_text(ctx->name)};
  const std::string kind = token_text(ctx->kind);
  if (kind == "ss") {
    out.kind = ast::PartyKind::ss;
  } else if (!kind.empty() && kind != "ue") {
    error(loc(ctx->kind), "party " + out.name.value + ": expected ue (under test) or ss "
                          "(played by scn), not '" + kind + "'");
  }
  out.description = text(ctx->description);
  return out;
}

std::string Transformer::transform_proc_name(P::ProcNameContext* ctx) {
  if (ctx == nullptr) return "";
  std::string name = token_text(ctx->CLAUSE_ID());
  return name.empty() ? token_text(ctx->ID()) : name;
}

ast::Procedure Transformer::transform_procedure(P::ProcedureDeclContext* ctx) {
  ast::Procedure out;
  out.loc = loc(ctx);
  if (P::ProcedureHeadContext* head = ctx->procedureHead()) {
    StatementScope scope(*this, head);
    out.name = transform_proc_name(head->procName());
    out.title = text(head->title);
  }
  in_procedure_ = true;
  out.items = transform_step_block(ctx->stepBlock());
  in_procedure_ = false;
  return out;
}

ast::DefaultMessage Transformer::transform_default(P::DefaultDeclContext* ctx) {
  ast::DefaultMessage out;
  out.loc = loc(ctx);
  if (P::DefaultHeadContext* head = ctx->defaultHead()) {
    StatementScope scope(*this, head);
    if (auto name = text(head->name)) out.name = std::move(name->value);
    out.message = transform_message(head->message());
    if (P::ClauseRefContext* clause = head->clause) {
      if (auto* id = real_token(clause->CLAUSE_ID())) {
        out.clause = ast::Text{loc(id), id->getText()};
      } else {
        out.clause = text(real_token(clause->STRING()));
      }
    }
  }
  for (P::DefaultItemContext* item : ctx->defaultItem()) {
    if (auto* c = item->conditionsBlock()) transform_conditions(c, out);
    if (auto* c = item->row()) {
      StatementScope scope(*this, c);
      out.rows.push_back(transform_row(c));
    }
    if (auto* c = item->conditionalRows()) {
      out.conditional_rows.push_back(transform_conditional_rows(c));
    }
  }
  return out;
}

void Transformer::transform_conditions(P::ConditionsBlockContext* ctx, ast::DefaultMessage& out) {
  std::set<std::string> seen;
  for (const ast::ConditionDecl& c : out.conditions) seen.insert(c.code);
  for (P::ConditionDeclContext* decl : ctx->conditionDecl()) {
    StatementScope scope(*this, decl);
    ast::ConditionDecl condition;
    condition.loc = loc(decl);
    condition.code = token_text(decl->ID());
    if (auto description = text(decl->description)) condition.description = description->value;
    if (!condition.code.empty() && !seen.insert(condition.code).second) {
      error(condition.loc, "condition " + condition.code + " is declared twice");
    }
    out.conditions.push_back(std::move(condition));
  }
}

ast::ConditionalRows Transformer::transform_conditional_rows(P::ConditionalRowsContext* ctx) {
  ast::ConditionalRows out;
  out.loc = loc(ctx);
  {
    StatementScope scope(*this, ctx);
    out.when = transform_cond(ctx->condExpr());
  }
  for (P::RowContext* row : ctx->row()) {
    StatementScope scope(*this, row);
    out.rows.push_back(transform_row(row));
  }
  return out;
}

}  // namespace scn::parse
