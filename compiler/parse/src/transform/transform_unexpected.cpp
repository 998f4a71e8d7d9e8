// unexpected { PATTERN ACTION, ACTION ... }: rules for messages no step waits for. The
// words of a rule are identifiers in the grammar; their meaning is checked here (methods
// against the schema by the checker).
#include "literals.h"
#include "parse_tree.h"
#include "scn/support/suggest.hpp"
#include "transformer.h"

namespace scn::parse {

namespace {

constexpr std::string_view action_words[] = {"answer", "fail", "inconc", "record"};

std::optional<ast::UnexpectedVerdict> verdict_word(const std::string& word) {
  if (word == "fail") return ast::UnexpectedVerdict::fail;
  if (word == "inconc") return ast::UnexpectedVerdict::inconc;
  if (word == "record") return ast::UnexpectedVerdict::record;
  return std::nullopt;
}

std::string hint(const std::string& word) {
  std::optional<std::string> close = support::suggest(word, action_words);
  return close ? "; did you mean '" + *close + "'?" : "";
}

}  // namespace

ast::UnexpectedBlock Transformer::transform_unexpected(P::UnexpectedBlockContext* ctx) {
  ast::UnexpectedBlock out;
  out.loc = loc(ctx);
  {
    StatementScope scope(*this, ctx);
    out.description = text(ctx->description);
  }
  for (P::UnexpectedRuleContext* rule : ctx->unexpectedRule())
    out.rules.push_back(transform_unexpected_rule(rule));
  return out;
}

ast::UnexpectedRule Transformer::transform_unexpected_rule(P::UnexpectedRuleContext* ctx) {
  StatementScope scope(*this, ctx);
  ast::UnexpectedRule out;
  out.loc = loc(ctx);
  const std::string pattern = token_text(ctx->pattern);
  if (pattern == "malformed") {
    out.what = ast::UnexpectedWhat::malformed;
  } else if (pattern != "request" && !pattern.empty()) {
    out.method = ast::Name{loc(ctx->pattern), pattern};  // the checker knows the methods
  }
  if (antlr4::Token* unknown = real_token(ctx->unknown)) {
    if (unknown->getText() != "unknown")
      error(loc(unknown), "expected 'unknown' after 'in', as in: request in unknown dialog");
    if (out.what == ast::UnexpectedWhat::malformed)
      error(loc(unknown), "a malformed message belongs to no dialog: write 'malformed' alone");
    else
      out.what = ast::UnexpectedWhat::unknown_dialog;
  }
  bool has_verdict = false;
  for (P::UnexpectedActionContext* action : ctx->unexpectedAction())
    transform_unexpected_action(action, out, has_verdict);
  return out;
}

void Transformer::transform_unexpected_action(P::UnexpectedActionContext* ctx,
                                              ast::UnexpectedRule& rule, bool& has_verdict) {
  antlr4::Token* word = real_token(ctx->word);
  if (word == nullptr) return;
  const std::string text_of = word->getText();
  if (text_of == "answer") {
    transform_answer(ctx, rule);
    return;
  }
  std::optional<ast::UnexpectedVerdict> verdict = verdict_word(text_of);
  if (!verdict) {
    error(loc(word), "unknown action '" + text_of + "': expected answer CODE, fail, inconc "
                     "or record" + hint(text_of));
    return;
  }
  if (has_verdict) error(loc(word), "this rule already has a verdict");
  has_verdict = true;
  rule.verdict = *verdict;
  antlr4::Token* extra = real_token(ctx->code) ? real_token(ctx->code) : real_token(ctx->glued);
  if (extra == nullptr) extra = real_token(ctx->reason);
  if (extra != nullptr)
    error(loc(extra), "only 'answer' takes a status code and a reason, not '" + text_of + "'");
}

void Transformer::transform_answer(P::UnexpectedActionContext* ctx, ast::UnexpectedRule& rule) {
  antlr4::Token* word = real_token(ctx->word);
  if (rule.answer) error(loc(word), "this rule already answers " + std::to_string(*rule.answer));
  if (antlr4::Token* glued = real_token(ctx->glued)) {
    error(loc(glued), "'" + glued->getText() + "' is not a status code: write a final "
                      "response code (200-699)");
    return;
  }
  antlr4::Token* code = real_token(ctx->code);
  if (code == nullptr) {
    error(loc(word), "'answer' needs a final response code (200-699), as in: answer 200");
    return;
  }
  std::optional<std::int64_t> status = parse_int(code->getText());
  if (!status || *status < 200 || *status > 699) {
    error(loc(code), "answer " + code->getText() + ": the SS answers with a final response "
                     "code (200-699)");
    return;
  }
  rule.answer = static_cast<int>(*status);
  rule.answer_loc = loc(code);
  rule.reason = text(ctx->reason);
}

}  // namespace scn::parse
