// Media steps: `media FOCUS -> UE1 tone 440 Hz`, `media UE1 -> FOCUS check for 3s { ... }`.
// The words (media, the operations, the checks) are identifiers in the grammar; the
// ones this rule's shape fixes are checked here, the rest by the checker.
#include <cctype>

#include "ScnLexer.h"
#include "parse_tree.h"
#include "transformer.h"

namespace scn::parse {

namespace {

// "440Hz" lexes as one bad number: the frequency, when that is what it is.
std::optional<std::int64_t> glued_hertz(const std::string& text) {
  std::size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits == 0 || digits > 9 || text.substr(digits) != "Hz") return std::nullopt;
  return std::stoll(text.substr(0, digits));
}

}  // namespace

ast::ExprPtr Transformer::transform_hertz(P::ExprContext* value, antlr4::Token* unit,
                                          antlr4::Token* glued) {
  if (antlr4::Token* bad = real_token(glued)) {
    auto hz = glued_hertz(bad->getText());
    if (!hz) {
      error(loc(bad), "expected a frequency in Hz, as in 440 Hz, not '" + bad->getText() + "'");
      return nullptr;
    }
    auto out = std::make_unique<ast::Expr>();
    out->loc = loc(bad);
    out->node = ast::IntLit{*hz};
    return out;
  }
  ast::ExprPtr expr = transform_expr(value);
  if (antlr4::Token* u = real_token(unit); u && u->getText() != "Hz")
    error(loc(u), "a frequency is in Hz: write '" + (expr ? std::string("... Hz") : "440 Hz") +
                      "', not '" + u->getText() + "'");
  return expr;
}

ast::Media Transformer::transform_step_media(P::StepMediaContext* ctx, ast::Step& step) {
  ast::Media out;
  out.loc = loc(ctx);
  step.direction = transform_direction(ctx->direction());
  for (P::DialogClauseContext* clause : ctx->dialogClause()) transform_dialog_clause(clause, step);
  step.comment = text(ctx->comment);
  if (auto* check = dynamic_cast<P::MediaCheckContext*>(ctx->mediaOp())) {
    out.op = ast::Name{loc(check->op), token_text(check->op)};
    if (antlr4::Token* word = real_token(check->forWord); word && word->getText() != "for")
      error(loc(word), "expected 'for' after 'check', as in check for 3s");
    if (check->duration()) out.duration = transform_duration(check->duration());
  } else if (auto* word = dynamic_cast<P::MediaWordContext*>(ctx->mediaOp())) {
    out.op = ast::Name{loc(word->op), token_text(word->op)};
    transform_media_operand(word, out, step);
  }
  if (P::MediaChecksContext* checks = ctx->mediaChecks()) {
    if (out.op.value != "check")
      error(loc(checks), "only 'check for DURATION' takes { checks }");
    for (P::MediaCheckItemContext* item : checks->mediaCheckItem())
      out.checks.push_back(transform_media_check(item));
  }
  return out;
}

// tone 440 Hz / 440Hz, dtmf "123"; the others take no operand, so a string after them is
// the step's comment ("stop" "comment" reads as an operand to the grammar).
void Transformer::transform_media_operand(P::MediaWordContext* ctx, ast::Media& out,
                                          ast::Step& step) {
  const std::string& op = out.op.value;
  if (op == "tone") {
    if (!ctx->value && !real_token(ctx->glued))
      error(loc(ctx->op), "expected a frequency after 'tone', as in tone 440 Hz");
    else if (ctx->value && !real_token(ctx->unit))
      error(loc(ctx->value), "a frequency is in Hz: write it as 440 Hz");
    else
      out.value = transform_hertz(ctx->value, ctx->unit, ctx->glued);
    return;
  }
  if (op == "dtmf") {
    if (!ctx->value) error(loc(ctx->op), "expected the digits after 'dtmf', as in dtmf \"123#\"");
    else out.value = transform_expr(ctx->value);
    if (antlr4::Token* unit = real_token(ctx->unit))
      error(loc(unit), "unexpected '" + unit->getText() + "' after the digits");
    return;
  }
  if (!ctx->value && !real_token(ctx->glued)) return;
  ast::ExprPtr operand = ctx->value ? transform_expr(ctx->value) : nullptr;
  const bool comment = operand && std::holds_alternative<ast::StringLit>(operand->node) &&
                       !real_token(ctx->unit) && !step.comment;
  if (comment) {
    step.comment = ast::Text{operand->loc, std::get<ast::StringLit>(operand->node).value};
    return;
  }
  // An operand where none goes: the checker names the operation (a misspelt `tone`).
  out.value = std::move(operand);
  if (!out.value) out.value = transform_hertz(nullptr, nullptr, ctx->glued);
}

ast::MediaCheck Transformer::transform_media_check(P::MediaCheckItemContext* ctx) {
  ast::MediaCheck out;
  out.loc = loc(ctx);
  auto comparison = [&](antlr4::Token* cmp) {
    std::string written = real_token(cmp) ? cmp->getText() : "";
    if (written != "<" && written != "<=")
      error(loc(cmp), "expected '<' or '<=' here, not '" + written + "'");
    return written;
  };
  if (auto* tone = dynamic_cast<P::CheckToneContext*>(ctx)) {
    out.what = ast::Name{loc(tone->what), token_text(tone->what)};
    out.value = transform_hertz(tone->value, tone->unit, tone->glued);
  } else if (auto* dtmf = dynamic_cast<P::CheckDtmfContext*>(ctx)) {
    out.what = ast::Name{loc(dtmf->what), token_text(dtmf->what)};
    out.value = transform_expr(dtmf->value);
  } else if (auto* percent = dynamic_cast<P::CheckPercentContext*>(ctx)) {
    out.what = ast::Name{loc(percent->what), token_text(percent->what)};
    out.comparison = comparison(percent->cmp);
    out.percent = number(real_token(percent->amount), "percentage");
  } else if (auto* word = dynamic_cast<P::CheckWordContext*>(ctx)) {
    out.what = ast::Name{loc(word->what), token_text(word->what)};
  } else if (auto* duration = dynamic_cast<P::CheckDurationContext*>(ctx)) {
    out.what = ast::Name{loc(duration->what), token_text(duration->what)};
    out.comparison = comparison(duration->cmp);
    if (duration->duration()) out.duration = transform_duration(duration->duration());
  }
  return out;
}

}  // namespace scn::parse
