// Rows (PATH = VALUE), paths, matchers and condition expressions.
#include "literals.h"
#include "parse_tree.h"
#include "transformer.h"

namespace scn::parse {

ast::Assignment Transformer::transform_row(P::RowContext* ctx) {
  ast::Assignment out;
  out.loc = loc(ctx);
  out.path = transform_path(ctx->path());
  out.value = transform_row_value(ctx->rowValue());
  return out;
}

namespace {

std::optional<std::int64_t> index_of(grammar::ScnParser::IndexContext* index) {
  if (index == nullptr) return std::nullopt;
  return parse_int(token_text(index->INT()));
}

}  // namespace

ast::Path Transformer::transform_path(P::PathContext* ctx) {
  ast::Path out;
  out.loc = loc(ctx);
  if (ctx == nullptr) return out;
  ast::PathSegment head;
  head.loc = loc(ctx->pathHead);
  head.name = token_text(ctx->pathHead);
  head.index = index_of(ctx->index());
  out.segments.push_back(std::move(head));
  for (P::PathSegmentContext* segment : ctx->pathSegment()) {
    ast::PathSegment part;
    part.loc = loc(segment);
    part.name = transform_member_name(segment->memberName(), part.quoted);
    part.index = index_of(segment->index());
    out.segments.push_back(std::move(part));
  }
  return out;
}

std::string Transformer::transform_member_name(P::MemberNameContext* ctx, bool& quoted) {
  quoted = false;
  if (ctx == nullptr) return "";
  if (antlr4::Token* string = real_token(ctx->STRING())) {
    quoted = true;
    auto t = text(string);
    return t ? t->value : "";
  }
  if (P::KeywordContext* keyword = ctx->keyword()) return token_text(first_child_token(keyword));
  return token_text(ctx->ID());
}

ast::RowValue Transformer::transform_row_value(P::RowValueContext* ctx) {
  ast::RowValue out;
  out.loc = loc(ctx);
  if (ctx == nullptr) return out;
  for (P::ValueItemContext* item : ctx->valueItem()) {
    out.items.push_back(transform_value_item(item));
  }
  if (P::CaptureContext* capture = ctx->capture()) {
    out.capture = ast::Capture{loc(capture), token_text(capture->name)};
  }
  return out;
}

ast::ValueItem Transformer::transform_value_item(P::ValueItemContext* ctx) {
  ast::ValueItem out;
  out.loc = loc(ctx);
  if (dynamic_cast<P::PresentValueContext*>(ctx) != nullptr) {
    out.node = ast::MatchPresent{};
  } else if (dynamic_cast<P::AbsentValueContext*>(ctx) != nullptr) {
    out.node = ast::MatchAbsent{};
  } else if (dynamic_cast<P::AnyValueContext*>(ctx) != nullptr) {
    out.node = ast::MatchAny{};
  } else if (auto* starts = dynamic_cast<P::StartsValueContext*>(ctx)) {
    out.node = ast::MatchStarts{transform_expr(starts->expr())};
  } else if (auto* matches = dynamic_cast<P::MatchesValueContext*>(ctx)) {
    out.node = ast::MatchRegex{regex_body(token_text(matches->REGEX()))};
  } else if (auto* one_of = dynamic_cast<P::OneOfValueContext*>(ctx)) {
    ast::MatchOneOf options;
    for (P::ExprContext* e : one_of->expr()) options.options.push_back(transform_expr(e));
    out.node = std::move(options);
  } else if (auto* value = dynamic_cast<P::ExprValueContext*>(ctx)) {
    out.node = transform_expr(value->expr());
  }
  return out;
}

namespace {

// The two operands of a binary condition node of the given operator, or nothing.
std::optional<std::pair<grammar::ScnParser::CondExprContext*,
                        grammar::ScnParser::CondExprContext*>>
binary_operands(grammar::ScnParser::CondExprContext* ctx, ast::CondOp op) {
  using P = grammar::ScnParser;
  if (op == ast::CondOp::and_) {
    if (auto* c = dynamic_cast<P::CondAndContext*>(ctx)) {
      return std::make_pair(c->condExpr(0), c->condExpr(1));
    }
  } else if (auto* c = dynamic_cast<P::CondOrContext*>(ctx)) {
    return std::make_pair(c->condExpr(0), c->condExpr(1));
  }
  return std::nullopt;
}

}  // namespace

// A chain of one operator ("a or b or c") is a left-leaning spine in the parse tree;
// walk it with a loop so that long chains cannot exhaust the stack.
ast::CondPtr Transformer::flatten_cond(P::CondExprContext* ctx, ast::CondOp op) {
  auto node = std::make_unique<ast::CondExpr>();
  node->op = op;
  node->loc = loc(ctx);
  std::vector<P::CondExprContext*> operands;  // right operands, last first
  P::CondExprContext* current = ctx;
  while (auto pair = binary_operands(current, op)) {
    operands.push_back(pair->second);
    current = pair->first;
  }
  operands.push_back(current);
  for (auto it = operands.rbegin(); it != operands.rend(); ++it) {
    if (ast::CondPtr operand = transform_cond(*it)) node->operands.push_back(std::move(operand));
  }
  return node;
}

ast::CondPtr Transformer::transform_cond(P::CondExprContext* ctx) {
  if (ctx == nullptr) return nullptr;
  if (dynamic_cast<P::CondOrContext*>(ctx) != nullptr) return flatten_cond(ctx, ast::CondOp::or_);
  if (dynamic_cast<P::CondAndContext*>(ctx) != nullptr) {
    return flatten_cond(ctx, ast::CondOp::and_);
  }
  if (auto* paren = dynamic_cast<P::CondParenContext*>(ctx)) {
    return transform_cond(paren->condExpr());
  }
  auto node = std::make_unique<ast::CondExpr>();
  node->loc = loc(ctx);
  if (auto* negated = dynamic_cast<P::CondNotContext*>(ctx)) {
    node->op = ast::CondOp::not_;
    if (ast::CondPtr operand = transform_cond(negated->condExpr())) {
      node->operands.push_back(std::move(operand));
    }
  } else if (auto* atom = dynamic_cast<P::CondAtomContext*>(ctx)) {
    node->atom = transform_expr(atom->expr());
  }
  return node;
}

}  // namespace scn::parse
