// Steps: numbered steps, reused procedure ranges, optional blocks.
#include "ScnLexer.h"
#include "literals.h"
#include "parse_tree.h"
#include "transformer.h"

namespace scn::parse {

namespace {

std::optional<ast::Role> role_of(const std::string& name) {
  if (name == "UE") return ast::Role::ue;
  if (name == "SS") return ast::Role::ss;
  return std::nullopt;
}

}  // namespace

std::vector<ast::StepItem> Transformer::transform_step_block(P::StepBlockContext* ctx) {
  std::vector<ast::StepItem> items;
  if (ctx == nullptr) return items;
  for (P::StepItemContext* item : ctx->stepItem()) {
    if (auto transformed = transform_step_item(item)) items.push_back(std::move(*transformed));
  }
  return items;
}

std::optional<ast::StepItem> Transformer::transform_step_item(P::StepItemContext* ctx) {
  if (auto* c = ctx->step()) return ast::StepItem{transform_step(c)};
  if (auto* c = ctx->stepsRef()) return ast::StepItem{transform_steps_ref(c)};
  if (auto* c = ctx->optionalBlock()) return ast::StepItem{transform_optional(c)};
  return std::nullopt;
}

ast::Step Transformer::transform_step(P::StepContext* ctx) {
  StatementScope scope(*this, ctx);
  ast::Step out;
  out.loc = loc(ctx);
  out.number = transform_step_number(ctx->stepNumber());
  if (P::StepConditionContext* when = ctx->stepCondition()) {
    out.when = transform_cond(when->condExpr());
  }
  out.direction = transform_direction(ctx->direction());
  out.message = transform_message(ctx->message());
  for (P::DialogClauseContext* clause : ctx->dialogClause()) transform_dialog_clause(clause, out);
  out.comment = text(ctx->comment);
  if (P::UseClauseContext* use = ctx->useClause()) out.use = transform_use(use);
  if (P::ExceptBlockContext* except = ctx->exceptBlock()) out.except = transform_except(except);
  return out;
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
  auto from_role = role_of(from);
  auto to_role = role_of(to);
  antlr4::Token* arrow = first_child_token(ctx->arrow());
  if (arrow != nullptr && arrow->getType() != grammar::ScnLexer::ARROW && !from.empty() &&
      !to.empty()) {
    std::string hint = arrow->getText() == "<-" || arrow->getText() == "\u2190"
                           ? "; for a message from " + to + " to " + from + " write " + to +
                                 " -> " + from
                           : "";
    error(loc(arrow), "expected '->' between " + from + " and " + to + hint);
  }
  if (!from.empty() && !from_role) {
    error(loc(ctx->from), "unknown role '" + from + "': expected UE or SS");
  } else if (!to.empty() && !to_role) {
    error(loc(ctx->to), "unknown role '" + to + "': expected UE or SS");
  } else if (from_role && to_role && *from_role == *to_role) {
    error(loc(ctx->to), "a step goes between UE and SS, not from " + from + " to " + to);
  }
  out.from = from_role.value_or(ast::Role::ue);
  out.to = to_role.value_or(out.from == ast::Role::ue ? ast::Role::ss : ast::Role::ue);
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

ast::ExceptBlock Transformer::transform_except(P::ExceptBlockContext* ctx) {
  ast::ExceptBlock out;
  out.loc = loc(ctx);
  for (P::RowContext* row : ctx->row()) out.rows.push_back(transform_row(row));
  if (out.rows.empty() && real_token(ctx->RBRACE()) != nullptr) {
    warning(loc(ctx), "empty except block: add rows or remove it");
  }
  return out;
}

ast::StepsRef Transformer::transform_steps_ref(P::StepsRefContext* ctx) {
  StatementScope scope(*this, ctx);
  ast::StepsRef out;
  out.loc = loc(ctx);
  if (P::StepRangeContext* range = ctx->stepRange()) {
    auto first = number(real_token(range->first), "step number");
    auto last = number(real_token(range->last), "step number");
    if (first) out.first = static_cast<int>(*first);
    if (last) out.last = static_cast<int>(*last);
    if (first && last && *last < *first) {
      error(loc(range), "step range " + std::to_string(*first) + "-" + std::to_string(*last) +
                            " runs backwards");
    }
  }
  if (P::ProcNameContext* proc = ctx->procName()) {
    out.procedure = ast::Name{loc(proc), transform_proc_name(proc)};
  }
  if (P::StepExceptionsContext* exceptions = ctx->stepExceptions()) {
    for (P::StepExceptionContext* e : exceptions->stepException()) {
      out.exceptions.push_back(transform_step_exception(e));
    }
  }
  return out;
}

ast::StepException Transformer::transform_step_exception(P::StepExceptionContext* ctx) {
  ast::StepException out;
  out.loc = loc(ctx);
  out.step = static_cast<int>(number(real_token(ctx->INT()), "step number").value_or(0));
  if (P::MessageContext* message = ctx->message()) out.message = transform_message(message);
  for (P::RowContext* row : ctx->row()) out.rows.push_back(transform_row(row));
  return out;
}

ast::OptionalBlock Transformer::transform_optional(P::OptionalBlockContext* ctx) {
  ast::OptionalBlock out;
  out.loc = loc(ctx);
  {
    StatementScope scope(*this, ctx);
    out.within = transform_duration(ctx->duration());
    out.comment = text(ctx->comment);
  }
  out.items = transform_step_block(ctx->stepBlock());
  return out;
}

ast::Expr Transformer::transform_duration(P::DurationContext* ctx) {
  ast::Expr out;
  out.loc = loc(ctx);
  ast::DurationLit duration;
  antlr4::Token* token = first_child_token(ctx);
  std::size_t type = token != nullptr ? token->getType() : 0;
  if (type != grammar::ScnLexer::DURATION && type != grammar::ScnLexer::INT &&
      type != grammar::ScnLexer::BAD_NUMBER) {
    out.node = duration;
    return out;
  }
  std::string written = token->getText();
  SplitDuration parts = split_duration(written);
  auto amount = parse_int(parts.digits);
  auto unit = time_unit(parts.unit);
  if (type == grammar::ScnLexer::INT) {
    error(loc(token), "duration needs a unit (ms, s or min)");
  } else if (!unit) {
    error(loc(token), "unknown duration unit '" + std::string(parts.unit) + "': use ms, s or min");
  } else if (!amount || *amount > 0x7FFFFFFF) {
    error(loc(token), "duration is too long");
  }
  duration.amount = amount.value_or(0);
  duration.unit = unit.value_or(ast::TimeUnit::s);
  out.node = duration;
  return out;
}

}  // namespace scn::parse
