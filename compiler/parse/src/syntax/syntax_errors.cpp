#include "syntax_errors.h"

#include "ScnLexer.h"
#include "ScnParser.h"
#include "parse_tree.h"
#include "scn/support/suggest.hpp"
#include "text_utils.h"

namespace scn::parse {

using grammar::ScnLexer;
using grammar::ScnParser;

namespace {

bool is_default_row(antlr4::ParserRuleContext* row) {
  antlr4::ParserRuleContext* parent = parent_rule(row);
  return parent != nullptr && (parent->getRuleIndex() == ScnParser::RuleDefaultItem ||
                               parent->getRuleIndex() == ScnParser::RuleConditionalRows);
}

// Inside {...} of a URI the end of input is the closing brace.
std::string replace_eof_name(std::string message, const std::string& name) {
  const std::string eof = "end of file";
  for (std::size_t at = message.find(eof); at != std::string::npos; at = message.find(eof, at)) {
    message.replace(at, eof.size(), name);
    at += name.size();
  }
  return message;
}

}  // namespace

std::size_t statement_key(antlr4::ParserRuleContext* ctx) {
  for (; ctx != nullptr; ctx = parent_rule(ctx)) {
    switch (ctx->getRuleIndex()) {
      case ScnParser::RuleStep: case ScnParser::RuleStepsRef: case ScnParser::RuleImportDecl:
      case ScnParser::RuleParamDecl: case ScnParser::RuleTestcaseHead:
      case ScnParser::RuleProcedureHead: case ScnParser::RuleDefaultHead:
      case ScnParser::RuleConditionDecl: case ScnParser::RuleOptionalBlock:
      case ScnParser::RuleConditionalRows:
        return ctx->getStart() != nullptr ? ctx->getStart()->getTokenIndex()
                                          : DiagSink::no_statement;
      case ScnParser::RuleRow:
        if (is_default_row(ctx) && ctx->getStart() != nullptr) {
          return ctx->getStart()->getTokenIndex();
        }
        break;
      case ScnParser::RuleStepBlock: case ScnParser::RuleModule: case ScnParser::RuleDefaultDecl:
      case ScnParser::RuleConditionsBlock: case ScnParser::RuleInterpolation:
        return DiagSink::no_statement;
      default: break;
    }
  }
  return DiagSink::no_statement;
}

void SyntaxErrorStrategy::report(antlr4::Parser* parser, Problem kind, antlr4::Token* token,
                                 const antlr4::misc::IntervalSet& expected) {
  SyntaxProblem problem{parser, parser->getContext(), kind, token, expected};
  Explanation e = explain(problem);
  antlr4::Token* at = e.at != nullptr ? e.at : token;
  std::uint32_t line = at != nullptr ? static_cast<std::uint32_t>(at->getLine()) : 1;
  std::uint32_t col = at != nullptr ? static_cast<std::uint32_t>(at->getCharPositionInLine()) + 1 : 1;
  // Something missing at the end of a line is shown right after that line's last token.
  antlr4::TokenStream* tokens = parser->getTokenStream();
  if (kind == Problem::missing && at == token && token != nullptr && starts_line(tokens, token)) {
    if (antlr4::Token* before = previous_token(tokens, token->getTokenIndex())) {
      line = static_cast<std::uint32_t>(before->getLine());
      col = static_cast<std::uint32_t>(before->getCharPositionInLine() +
                                       code_points(before->getText())) + 1;
    }
  }
  if (!eof_name_.empty()) e.message = replace_eof_name(e.message, eof_name_);
  sink_.error(Stage::parser, statement_key(problem.ctx), sink_.loc(line, col), e.message);
}

void SyntaxErrorStrategy::reportNoViableAlternative(antlr4::Parser* parser,
                                                    const antlr4::NoViableAltException& e) {
  report(parser, Problem::no_viable, e.getOffendingToken(), parser->getExpectedTokens());
}

void SyntaxErrorStrategy::reportInputMismatch(antlr4::Parser* parser,
                                              const antlr4::InputMismatchException& e) {
  report(parser, Problem::mismatch, e.getOffendingToken(), e.getExpectedTokens());
}

void SyntaxErrorStrategy::reportFailedPredicate(antlr4::Parser* parser,
                                                const antlr4::FailedPredicateException& e) {
  report(parser, Problem::mismatch, e.getOffendingToken(), parser->getExpectedTokens());
}

void SyntaxErrorStrategy::reportUnwantedToken(antlr4::Parser* parser) {
  if (inErrorRecoveryMode(parser)) return;
  beginErrorCondition(parser);
  report(parser, Problem::unwanted, parser->getCurrentToken(), getExpectedTokens(parser));
}

void SyntaxErrorStrategy::reportMissingToken(antlr4::Parser* parser) {
  if (inErrorRecoveryMode(parser)) return;
  beginErrorCondition(parser);
  report(parser, Problem::missing, parser->getCurrentToken(), getExpectedTokens(parser));
}

void SyntaxErrorStrategy::consumeUntil(antlr4::Parser* parser,
                                       const antlr4::misc::IntervalSet& set) {
  std::size_t depth = 0;
  for (std::size_t type = parser->getInputStream()->LA(1); type != antlr4::Token::EOF;
       type = parser->getInputStream()->LA(1)) {
    if (depth == 0 && set.contains(type)) return;
    if (type == ScnLexer::LBRACE) ++depth;
    if (type == ScnLexer::RBRACE && depth > 0) --depth;
    parser->consume();
  }
}

bool SyntaxErrorStrategy::leaves_block(antlr4::Parser* parser) {
  antlr4::Token* token = parser->getCurrentToken();
  if (!starts_statement(token->getType()) || !starts_line(parser->getTokenStream(), token)) {
    return false;
  }
  return !expects(parser->getExpectedTokens(), token->getType()) &&
         expects(getErrorRecoverySet(parser), token->getType());
}

antlr4::Token* SyntaxErrorStrategy::singleTokenDeletion(antlr4::Parser* parser) {
  std::size_t type = parser->getInputStream()->LA(1);
  if (type == ScnLexer::LBRACE || type == ScnLexer::RBRACE) return nullptr;
  // Nor is the first word of a statement on a new line: it starts the next statement.
  antlr4::Token* token = parser->getCurrentToken();
  if (starts_statement(type) && starts_line(parser->getTokenStream(), token)) return nullptr;
  return DefaultErrorStrategy::singleTokenDeletion(parser);
}

namespace {

bool is_arrow_like(std::size_t type) {
  return type == ScnLexer::ARROW || type == ScnLexer::BAD_ARROW || type == ScnLexer::MINUS ||
         type == ScnLexer::ASSIGN;
}

// A line that begins like a statement with its own mistake: a misspelt keyword or a
// step whose number is a word. Recovery stops there so that it gets its own error.
bool starts_broken_statement(antlr4::Parser* parser) {
  antlr4::TokenStream* tokens = parser->getTokenStream();
  antlr4::Token* token = parser->getCurrentToken();
  if (token->getType() != ScnLexer::ID || !starts_line(tokens, token)) return false;
  if (tokens->LA(2) == ScnLexer::WHEN ||
      (tokens->LA(2) == ScnLexer::ID && is_arrow_like(tokens->LA(3)))) {
    return true;
  }
  static const std::vector<std::string> keywords = {"import",  "param", "testcase", "procedure",
                                                    "default", "steps", "optional", "party",
                                                    "either"};
  return support::suggest(token->getText(), keywords).has_value();
}

}  // namespace

void SyntaxErrorStrategy::skip_unwanted(antlr4::Parser* parser) {
  if (singleTokenDeletion(parser) != nullptr) return;
  antlr4::misc::IntervalSet stop = parser->getExpectedTokens().Or(getErrorRecoverySet(parser));
  reportUnwantedToken(parser);
  // A token an enclosing rule can use is left to it, as ANTLR's own recovery does.
  if (expects(stop, parser->getInputStream()->LA(1))) return;
  while (true) {
    parser->consume();
    std::size_t depth = 0;
    for (std::size_t type = parser->getInputStream()->LA(1); type != antlr4::Token::EOF;
         type = parser->getInputStream()->LA(1)) {
      if (depth == 0 && (expects(stop, type) || starts_broken_statement(parser))) break;
      if (type == ScnLexer::LBRACE) ++depth;
      if (type == ScnLexer::RBRACE && depth > 0) --depth;
      parser->consume();
    }
    if (!starts_broken_statement(parser)) return;
    endErrorCondition(parser);  // the next line is a new problem, reported on its own
    reportUnwantedToken(parser);
  }
}

void SyntaxErrorStrategy::sync(antlr4::Parser* parser) {
  if (inErrorRecoveryMode(parser)) return;
  const antlr4::atn::ATN& atn = parser->getATN();
  antlr4::atn::ATNState* state = atn.states[parser->getState()];
  std::size_t la = parser->getInputStream()->LA(1);
  antlr4::misc::IntervalSet next = atn.nextTokens(state);
  if (next.contains(antlr4::Token::EPSILON) || next.contains(la)) return;
  if (leaves_block(parser)) return;
  switch (state->getStateType()) {
    case antlr4::atn::ATNState::STAR_LOOP_ENTRY:
    case antlr4::atn::ATNState::STAR_LOOP_BACK:
    case antlr4::atn::ATNState::PLUS_LOOP_BACK:
      skip_unwanted(parser);
      return;
    default:
      DefaultErrorStrategy::sync(parser);
  }
}

}  // namespace scn::parse
