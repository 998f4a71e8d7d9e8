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

// The string of a selector's value when it is one quoted string and nothing else.
antlr4::Token* lone_string(grammar::ScnParser::ExprContext* ctx) {
  using P = grammar::ScnParser;
  if (ctx == nullptr || ctx->operand().size() != 1) return nullptr;
  P::OperandContext* operand = ctx->operand(0);
  if (operand == nullptr || !operand->postfix().empty()) return nullptr;
  auto* string = dynamic_cast<P::StringPrimaryContext*>(operand->primary());
  return string != nullptr ? real_token(string->STRING()) : nullptr;
}

}  // namespace

ast::Path Transformer::transform_path(P::PathContext* ctx) {
  ast::Path out;
  out.loc = loc(ctx);
  if (ctx == nullptr) return out;
  ast::PathSegment head;
  head.loc = loc(ctx->pathHead);
  head.name = token_text(ctx->pathHead);
  transform_index(ctx->index(), head);
  out.segments.push_back(std::move(head));
  for (P::PathSegmentContext* segment : ctx->pathSegment()) {
    out.segments.push_back(transform_path_segment(segment));
  }
  return out;
}

ast::PathSegment Transformer::transform_path_segment(P::PathSegmentContext* ctx) {
  ast::PathSegment out;
  out.loc = loc(ctx);
  if (ctx == nullptr) return out;
  if (antlr4::Token* attribute = real_token(ctx->ATTRIBUTE())) {
    out.attribute = true;
    out.name = attribute->getText().substr(1);  // after the '@'
  } else {
    out.name = transform_xml_name(ctx->xmlName(), out.quoted);
  }
  transform_index(ctx->index(), out);
  return out;
}

std::string Transformer::transform_xml_name(P::XmlNameContext* ctx, bool& quoted) {
  quoted = false;
  if (ctx == nullptr) return "";
  std::string out;
  for (P::MemberNameContext* part : ctx->memberName()) {
    bool part_quoted = false;
    out += (out.empty() ? "" : ":") + transform_member_name(part, part_quoted);
    quoted = quoted || part_quoted;
  }
  return out;
}

void Transformer::transform_index(P::IndexContext* ctx, ast::PathSegment& into) {
  if (ctx == nullptr) return;
  if (ctx->key == nullptr) {
    into.index = parse_int(token_text(ctx->INT()));
    return;
  }
  ast::PathSelector selector;
  selector.loc = loc(ctx);
  selector.key = transform_xml_name(ctx->key, selector.key_quoted);
  selector.bare = ctx->ASSIGN() == nullptr;  // [audio] in an SDP body path
  if (selector.bare) {
    // nothing to compare with
  } else if (antlr4::Token* string = lone_string(ctx->value)) {
    if (auto value = text(string)) selector.value = std::move(value->value);
  } else if (ctx->value != nullptr) {
    error(loc(ctx->value),
          "a selector compares with a quoted string, as in user[entity = \"sip:u@h\"]: a "
          "body path is constant data of the compiled program, so a parameter or a step's "
          "field cannot go in it; select by position ([N]) instead");
  }
  into.selector = std::move(selector);
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
