// Steps: message steps (direction, message, dialogs, use or relay, except) and action
// steps of the upper tester.
#include "ScnLexer.h"
#include "literals.h"
#include "scn/ast/actions.h"
#include "parse_tree.h"
#include "transformer.h"

namespace scn::parse {

namespace {

bool is_role(const std::string& name) { return name == "UE" || name == "SS"; }

bool is_string_literal(const ast::ExprPtr& expr) {
  return expr && std::holds_alternative<ast::StringLit>(expr->node);
}

}  // namespace

ast::Step Transformer::transform_step(P::StepContext* ctx) {
  StatementScope scope(*this, ctx);
  ast::Step out;
  out.loc = loc(ctx);
  out.number = transform_step_number(ctx->stepNumber());
  if (P::StepConditionContext* when = ctx->stepCondition()) {
    out.when = transform_cond(when->condExpr());
  }
  if (P::StepActionContext* action = ctx->stepAction()) {
    out.action = transform_step_action(action, out);
    return out;
  }
  if (P::StepMediaContext* media = ctx->stepMedia()) {
    out.media = transform_step_media(media, out);
    return out;
  }
  if (P::WaitStepContext* wait = ctx->waitStep()) {
    out.wait = transform_wait_step(wait, out);
    return out;
  }
  out.direction = transform_direction(ctx->direction());
  out.message = transform_message(ctx->message());
  for (P::DialogClauseContext* clause : ctx->dialogClause()) transform_dialog_clause(clause, out);
  out.comment = text(ctx->comment);
  if (P::UseClauseContext* use = ctx->useClause()) out.use = transform_use(use);
  if (P::RelayClauseContext* relay = ctx->relayClause()) out.relay = transform_relay(relay);
  if (P::ExceptBlockContext* except = ctx->exceptBlock()) out.except = transform_except(except);
  return out;
}

ast::Action Transformer::transform_step_action(P::StepActionContext* ctx, ast::Step& step) {
  ast::Action out;
  out.loc = loc(ctx);
  out.party = ast::Name{loc(ctx->party), token_text(ctx->party)};
  out.verb = ast::Name{loc(ctx->action), token_text(ctx->action)};
  for (P::ActionOperandContext* operand : ctx->actionOperand()) {
    if (ast::ExprPtr expr = transform_action_operand(operand))
      out.operands.push_back(std::move(expr));
  }
  // The comment may be written before `within`; then it is a string one past the
  // operands the action takes.
  const ast::ActionSpec* spec = ast::find_action(out.verb.value);
  if (spec && out.operands.size() == spec->operands.size() + 1 &&
      is_string_literal(out.operands.back()) && real_token(ctx->comment) == nullptr) {
    const ast::Expr& last = *out.operands.back();
    step.comment = ast::Text{last.loc, std::get<ast::StringLit>(last.node).value};
    out.operands.pop_back();
  } else {
    step.comment = text(ctx->comment);
  }
  if (P::DurationContext* within = ctx->duration()) out.within = transform_duration(within);
  return out;
}

ast::Wait Transformer::transform_wait_step(P::WaitStepContext* ctx, ast::Step& step) {
  ast::Wait out;
  out.loc = loc(ctx);
  if (P::DurationContext* duration = ctx->duration()) {
    out.duration = transform_duration(duration);
  } else {
    error(loc(ctx), "a wait step needs a duration, as in wait 2s");
  }
  step.comment = text(ctx->comment);
  return out;
}

ast::ExprPtr Transformer::transform_action_operand(P::ActionOperandContext* ctx) {
  return ctx != nullptr ? transform_expr(ctx->expr()) : nullptr;
}

int Transformer::transform_step_number(P::StepNumberContext* ctx) {
  if (ctx == nullptr) return 0;
  if (antlr4::Token* bad = real_token(ctx->BAD_NUMBER())) {
    error(loc(bad), "step number '" + bad->getText() + "' is not a number");
    return 0;
  }
  return static_cast<int>(number(real_token(ctx->INT()), "step number").value_or(0));
}

ast::Direction Transformer::transform_direction(P::DirectionContext* ctx) {
  ast::Direction out;
  out.loc = loc(ctx);
  if (ctx == nullptr) return out;
  std::string from = token_text(ctx->from);
  std::string to = token_text(ctx->to);
  out.from = ast::Name{loc(ctx->from), from};
  out.to = ast::Name{loc(ctx->to), to};
  antlr4::Token* arrow = first_child_token(ctx->arrow());
  if (arrow != nullptr && arrow->getType() != grammar::ScnLexer::ARROW && !from.empty() &&
      !to.empty()) {
    std::string hint = arrow->getText() == "<-" || arrow->getText() == "\u2190"
                           ? "; for a message from " + to + " to " + from + " write " + to +
                                 " -> " + from
                           : "";
    error(loc(arrow), "expected '->' between " + from + " and " + to + hint);
  }
  // A test case that declares parties may name any of them: the checker knows them.
  if (parties_declared_) return out;
  if (!from.empty() && !is_role(from)) {
    error(loc(ctx->from), "unknown role '" + from + "': expected UE or SS");
  } else if (!to.empty() && !is_role(to)) {
    error(loc(ctx->to), "unknown role '" + to + "': expected UE or SS");
  } else if (!from.empty() && from == to) {
    error(loc(ctx->to), "a step goes between UE and SS, not from " + from + " to " + to);
  }
  return out;
}

ast::Message Transformer::transform_message(P::MessageContext* ctx) {
  ast::Message out;
  out.loc = loc(ctx);
  if (auto* method = dynamic_cast<P::MethodMessageContext*>(ctx)) {
    out.kind = ast::Message::Kind::method;
    out.method = token_text(method->method);
  } else if (auto* status = dynamic_cast<P::StatusMessageContext*>(ctx)) {
    out.kind = ast::Message::Kind::status;
    auto code = number(real_token(status->code), "status code");
    if (code && (*code < 100 || *code > 699)) {
      error(loc(status->code), "status code " + status->code->getText() +
                                   " is not between 100 and 699");
    }
    out.status = static_cast<int>(code.value_or(0));
    for (P::ReasonWordContext* word : status->reasonWord()) {
      std::string w = token_text(word->ID());
      if (w.empty()) continue;
      if (!out.reason.empty()) out.reason += ' ';
      out.reason += w;
    }
  }
  return out;
}

void Transformer::transform_dialog_clause(P::DialogClauseContext* ctx, ast::Step& step) {
  if (auto* as = dynamic_cast<P::DialogAsContext*>(ctx)) {
    if (step.dialog_as) error(loc(ctx), "this step already names its dialog with 'as'");
    step.dialog_as = ast::Name{loc(as->name), token_text(as->name)};
  } else if (auto* in = dynamic_cast<P::DialogInContext*>(ctx)) {
    if (step.dialog_in) error(loc(ctx), "this step already says which dialog it is in");
    step.dialog_in = ast::Name{loc(in->name), token_text(in->name)};
  } else if (auto* bare = dynamic_cast<P::DialogInWithoutWordContext*>(ctx)) {
    error(loc(bare->name), "expected 'dialog' after 'in', as in in dialog sub");
    step.dialog_in = ast::Name{loc(bare->name), token_text(bare->name)};
  }
}

ast::UseClause Transformer::transform_use(P::UseClauseContext* ctx) {
  ast::UseClause out;
  out.loc = loc(ctx);
  if (auto name = text(ctx->name)) out.name = std::move(*name);
  if (P::ConditionListContext* list = ctx->conditionList()) {
    for (P::ConditionRefContext* ref : list->conditionRef()) {
      if (antlr4::Token* id = real_token(ref->ID())) {
        out.conditions.push_back(ast::Name{loc(id), id->getText()});
      }
    }
  }
  return out;
}

ast::RelayClause Transformer::transform_relay(P::RelayClauseContext* ctx) {
  ast::RelayClause out;
  out.loc = loc(ctx);
  if (P::ProcNameContext* proc = ctx->procName()) out.procedure = transform_proc_name(proc);
  out.step = static_cast<int>(number(real_token(ctx->number), "step number").value_or(0));
  return out;
}

ast::ExceptBlock Transformer::transform_except(P::ExceptBlockContext* ctx) {
  ast::ExceptBlock out;
  out.loc = loc(ctx);
  for (P::RowContext* row : ctx->row()) out.rows.push_back(transform_row(row));
  if (out.rows.empty() && real_token(ctx->RBRACE()) != nullptr) {
    warning(loc(ctx), "empty except block: add rows or remove it");
  }
  return out;
}

}  // namespace scn::parse
