// Expressions: literals, names, calls, member access, indexing, concatenation, URIs.
#include "literals.h"
#include "parse_tree.h"
#include "parser_chain.h"
#include "transformer.h"

namespace scn::parse {

namespace {

ast::ExprPtr make_expr(ast::SourceLoc at, auto node) {
  auto expr = std::make_unique<ast::Expr>();
  expr->loc = std::move(at);
  expr->node = std::move(node);
  return expr;
}

}  // namespace

ast::ExprPtr Transformer::transform_expr(P::ExprContext* ctx) {
  if (ctx == nullptr) return nullptr;
  std::vector<P::OperandContext*> operands = ctx->operand();
  if (operands.size() == 1) return transform_operand(operands.front());
  ast::Concat concat;
  for (P::OperandContext* operand : operands) {
    if (ast::ExprPtr part = transform_operand(operand)) concat.parts.push_back(std::move(part));
  }
  return make_expr(loc(ctx), std::move(concat));
}

ast::ExprPtr Transformer::transform_operand(P::OperandContext* ctx) {
  if (ctx == nullptr) return nullptr;
  ast::ExprPtr current = transform_primary(ctx->primary());
  std::vector<P::PostfixContext*> postfixes = ctx->postfix();
  if (postfixes.size() > limits_.max_depth) {
    error(loc(postfixes[limits_.max_depth]), "too many '.' or '[N]' in a row (more than " +
                                                 std::to_string(limits_.max_depth) + ")");
    return current;
  }
  for (P::PostfixContext* postfix : postfixes) {
    if (current == nullptr) return nullptr;
    if (auto* member = dynamic_cast<P::MemberPostfixContext*>(postfix)) {
      ast::Member m;
      m.object = std::move(current);
      m.member = transform_member_name(member->memberName(), m.quoted);
      antlr4::ParserRuleContext* name_ctx = member->memberName();
      current = make_expr(loc(name_ctx != nullptr ? name_ctx : postfix), std::move(m));
    } else if (auto* index = dynamic_cast<P::IndexPostfixContext*>(postfix)) {
      ast::Index i;
      i.object = std::move(current);
      i.index = number(real_token(index->INT()), "index").value_or(0);
      current = make_expr(loc(postfix), std::move(i));
    }
  }
  return current;
}

ast::ExprPtr Transformer::transform_string(antlr4::Token* token) {
  auto t = text(token);
  if (!t) return nullptr;
  return make_expr(t->loc, ast::StringLit{std::move(t->value)});
}

ast::ExprPtr Transformer::transform_int(antlr4::Token* token) {
  auto value = number(token, "number");
  if (!value) return nullptr;
  return make_expr(loc(token), ast::IntLit{*value});
}

ast::ExprPtr Transformer::transform_primary(P::PrimaryContext* ctx) {
  if (ctx == nullptr) return nullptr;
  if (auto* s = dynamic_cast<P::StringPrimaryContext*>(ctx)) {
    return transform_string(real_token(s->STRING()));
  }
  if (auto* i = dynamic_cast<P::IntPrimaryContext*>(ctx)) {
    return transform_int(real_token(i->INT()));
  }
  if (auto* d = dynamic_cast<P::DurationPrimaryContext*>(ctx)) {
    std::string written = token_text(d->DURATION());
    SplitDuration parts = split_duration(written);
    auto amount = parse_int(parts.digits);
    if (!amount) error(loc(ctx), "duration is too long");
    return make_expr(loc(ctx), ast::DurationLit{amount.value_or(0),
                                                time_unit(parts.unit).value_or(ast::TimeUnit::s)});
  }
  if (auto* u = dynamic_cast<P::UriPrimaryContext*>(ctx)) return transform_uri(real_token(u->URI()));
  if (auto* b = dynamic_cast<P::BoolPrimaryContext*>(ctx)) {
    return make_expr(loc(ctx), ast::BoolLit{real_token(b->TRUE()) != nullptr});
  }
  if (auto* call = dynamic_cast<P::CallPrimaryContext*>(ctx)) {
    ast::Call c;
    c.callee = call->callee() != nullptr ? token_text(first_child_token(call->callee())) : "";
    for (P::ArgumentContext* argument : call->argument()) {
      if (ast::ExprPtr arg = transform_argument(argument)) c.args.push_back(std::move(arg));
    }
    return make_expr(loc(ctx), std::move(c));
  }
  if (auto* name = dynamic_cast<P::NamePrimaryContext*>(ctx)) {
    return make_expr(loc(ctx), ast::NameRef{token_text(name->ID())});
  }
  return nullptr;
}

ast::ExprPtr Transformer::transform_argument(P::ArgumentContext* ctx) {
  if (auto* ref = dynamic_cast<P::StepRefArgumentContext*>(ctx)) {
    ast::StepRef r;
    r.procedure = transform_proc_name(ref->procName());
    r.step = number(real_token(ref->INT()), "step number").value_or(0);
    return make_expr(loc(ctx), std::move(r));
  }
  if (auto* e = dynamic_cast<P::ExprArgumentContext*>(ctx)) return transform_expr(e->expr());
  return nullptr;
}

ast::ExprPtr Transformer::transform_uri(antlr4::Token* token) {
  if (token == nullptr) return nullptr;
  ast::SourceLoc at = loc(token);
  ast::UriLit uri;
  for (UriPiece& piece : split_uri(token->getText())) {
    ast::UriPart part;
    part.loc = at;
    part.loc.col += static_cast<std::uint32_t>(piece.offset);
    if (!piece.interpolation) {
      part.text = std::move(piece.text);
    } else if (piece.text.find_first_not_of(" \t") == std::string::npos) {
      error(part.loc, "empty {} in URI: put an expression inside, as in <sip:{ss.address}>");
      continue;
    } else {
      part.expr = interpolate(piece.text, part.loc.line, part.loc.col);
      if (part.expr == nullptr) continue;
    }
    uri.parts.push_back(std::move(part));
  }
  return make_expr(at, std::move(uri));
}

// Parses the inside of {...} in a URI as an expression, located where it is written.
ast::ExprPtr Transformer::interpolate(const std::string& text, std::uint32_t line,
                                      std::uint32_t col) {
  DiagSink inner(sink_.file());
  ParserChain chain(text, inner, limits_, ParserChain::NestedAt{line, col});
  ast::ExprPtr expr;
  if (chain.prepare()) {
    P::InterpolationContext* tree = chain.parser().interpolation();
    chain.file_lexer_problems(tree);
    Transformer nested(inner, limits_);
    expr = nested.transform_interpolation(tree);
  } else {
    chain.file_lexer_problems(nullptr);
  }
  for (diag::Diagnostic& d : inner.raw()) {
    sink_.report(Stage::parser, statement_, std::move(d));
  }
  return expr;
}

}  // namespace scn::parse
