#include "transformer.h"

#include "literals.h"
#include "parse_tree.h"
#include "syntax/syntax_errors.h"

namespace scn::parse {

std::string token_text(antlr4::Token* token) {
  return real_token(token) != nullptr ? token->getText() : "";
}

std::string token_text(antlr4::tree::TerminalNode* node) {
  return node != nullptr ? token_text(node->getSymbol()) : "";
}

Transformer::StatementScope::StatementScope(Transformer& t, antlr4::ParserRuleContext* ctx)
    : t_(t), saved_(t.statement_) {
  if (ctx != nullptr && ctx->getStart() != nullptr) {
    t_.statement_ = ctx->getStart()->getTokenIndex();
  }
}

ast::SourceLoc Transformer::loc(antlr4::Token* token) const {
  if (token == nullptr) return sink_.loc(0, 0);
  return sink_.loc(static_cast<std::uint32_t>(token->getLine()),
                   static_cast<std::uint32_t>(token->getCharPositionInLine()) + 1);
}

ast::SourceLoc Transformer::loc(antlr4::ParserRuleContext* ctx) const {
  return loc(ctx != nullptr ? ctx->getStart() : nullptr);
}

void Transformer::error(const ast::SourceLoc& at, std::string message) {
  sink_.error(Stage::transformer, statement_, at, std::move(message));
}

void Transformer::warning(const ast::SourceLoc& at, std::string message) {
  sink_.warning(Stage::transformer, statement_, at, std::move(message));
}

std::optional<ast::Text> Transformer::text(antlr4::Token* string_token) {
  if (real_token(string_token) == nullptr) return std::nullopt;
  UnescapedString s = unescape_string(string_token->getText());
  ast::SourceLoc at = loc(string_token);
  if (s.bad_escape) {
    ast::SourceLoc bad = at;
    bad.col += static_cast<std::uint32_t>(*s.bad_escape);
    error(bad, "unknown escape in string: use \\\" \\\\ \\n \\t or \\r");
  }
  return ast::Text{at, std::move(s.value)};
}

std::optional<std::int64_t> Transformer::number(antlr4::Token* int_token, const char* what) {
  if (real_token(int_token) == nullptr) return std::nullopt;
  std::optional<std::int64_t> value = parse_int(int_token->getText());
  if (!value || *value > 0x7FFFFFFF) {
    error(loc(int_token), std::string(what) + " is too large");
    return std::nullopt;
  }
  return value;
}

ast::Module Transformer::transform_module(P::ModuleContext* ctx) {
  ast::Module module;
  module.file = sink_.file();
  if (ctx == nullptr) return module;
  for (P::TopItemContext* item : ctx->topItem()) {
    if (auto* c = item->importDecl()) module.imports.push_back(transform_import(c));
    if (auto* c = item->paramDecl()) module.params.push_back(transform_param(c));
    if (auto* c = item->testcaseDecl()) module.testcases.push_back(transform_testcase(c));
    if (auto* c = item->procedureDecl()) module.procedures.push_back(transform_procedure(c));
    if (auto* c = item->defaultDecl()) module.defaults.push_back(transform_default(c));
    if (auto* c = item->unexpectedBlock()) module.unexpected.push_back(transform_unexpected(c));
  }
  return module;
}

ast::ExprPtr Transformer::transform_interpolation(P::InterpolationContext* ctx) {
  return ctx != nullptr ? transform_expr(ctx->expr()) : nullptr;
}

}  // namespace scn::parse
