// Blocks of steps: step lists, reused procedure ranges (with their party mapping),
// optional windows, alternatives (either ... or) and any-order groups.
#include "ScnLexer.h"
#include "literals.h"
#include "parse_tree.h"
#include "transformer.h"

namespace scn::parse {

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
  if (auto* c = ctx->eitherBlock()) return ast::StepItem{transform_either(c)};
  if (auto* c = ctx->anyOrderBlock()) return ast::StepItem{transform_any_order(c)};
  if (auto* c = ctx->whenBlock()) return ast::StepItem{transform_when_block(c)};
  // A test case takes its own party lines and unexpected block (transform_testcase); any
  // other is misplaced.
  if (auto* c = ctx->unexpectedBlock()) {
    StatementScope scope(*this, c);
    error(loc(c), in_procedure_ ? "a procedure has no unexpected block: write it in the test "
                                  "cases that use the procedure, or at file level"
                                : "an unexpected block stands at the start of a test case, "
                                  "before its steps, or at file level");
  }
  if (auto* c = ctx->partyDecl()) {
    StatementScope scope(*this, c);
    error(loc(c), in_procedure_ ? "a procedure declares no parties: its steps are written with "
                                  "UE and SS, which 'steps ... of P with UE = ..., SS = ...' maps"
                                : "parties are declared at the start of a test case, before "
                                  "its steps");
  }
  return std::nullopt;
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
  if (P::PartyMapContext* map = ctx->partyMap()) out.parties = transform_party_map(map);
  if (P::StepExceptionsContext* exceptions = ctx->stepExceptions()) {
    for (P::StepExceptionContext* e : exceptions->stepException()) {
      out.exceptions.push_back(transform_step_exception(e));
    }
  }
  return out;
}

std::vector<ast::PartyBinding> Transformer::transform_party_map(P::PartyMapContext* ctx) {
  std::vector<ast::PartyBinding> out;
  for (P::PartyBindingContext* binding : ctx->partyBinding()) {
    ast::PartyBinding b = transform_party_binding(binding);
    for (const ast::PartyBinding& earlier : out)
      if (!b.role.value.empty() && earlier.role.value == b.role.value)
        error(b.loc, b.role.value + " is already mapped to " + earlier.party.value);
    out.push_back(std::move(b));
  }
  return out;
}

ast::PartyBinding Transformer::transform_party_binding(P::PartyBindingContext* ctx) {
  ast::PartyBinding out;
  out.loc = loc(ctx);
  out.role = ast::Name{loc(ctx->role), token_text(ctx->role)};
  out.party = ast::Name{loc(ctx->party), token_text(ctx->party)};
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

ast::EitherBlock Transformer::transform_either(P::EitherBlockContext* ctx) {
  ast::EitherBlock out;
  out.loc = loc(ctx);
  {
    StatementScope scope(*this, ctx);
    out.comment = text(ctx->comment);
  }
  for (P::StepBlockContext* block : ctx->stepBlock()) {
    out.branch_locs.push_back(loc(block));
    out.branches.push_back(transform_step_block(block));
  }
  return out;
}

ast::AnyOrderBlock Transformer::transform_any_order(P::AnyOrderBlockContext* ctx) {
  ast::AnyOrderBlock out;
  out.loc = loc(ctx);
  if (antlr4::Token* word = real_token(ctx->order); word != nullptr && word->getText() != "order") {
    StatementScope scope(*this, ctx);
    error(loc(word), "expected 'order' after 'in any', as in: in any order { ... }");
  }
  out.items = transform_step_block(ctx->stepBlock());
  return out;
}

ast::WhenBlock Transformer::transform_when_block(P::WhenBlockContext* ctx) {
  ast::WhenBlock out;
  out.loc = loc(ctx);
  {
    StatementScope scope(*this, ctx);
    out.when = transform_cond(ctx->condExpr());
  }
  out.items = transform_step_block(ctx->stepBlock());
  return out;
}

}  // namespace scn::parse
