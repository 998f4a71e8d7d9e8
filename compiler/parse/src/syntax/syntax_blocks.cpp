// Tokens out of place between statements: at file level and inside { } blocks.
#include <vector>

#include "ScnLexer.h"
#include "ScnParser.h"
#include "parse_tree.h"
#include "scn/support/suggest.hpp"
#include "syntax_messages.h"

namespace scn::parse {

using grammar::ScnLexer;
using grammar::ScnParser;

namespace {

bool is_block_rule(std::size_t rule) {
  switch (rule) {
    case ScnParser::RuleModule: case ScnParser::RuleStepBlock: case ScnParser::RuleExceptBlock:
    case ScnParser::RuleStepExceptions: case ScnParser::RuleStepException:
    case ScnParser::RuleDefaultDecl: case ScnParser::RuleConditionsBlock:
    case ScnParser::RuleConditionalRows: case ScnParser::RuleUnexpectedBlock:
      return true;
    default: return false;
  }
}

bool is_arrow_like(std::size_t type) {
  return type == ScnLexer::ARROW || type == ScnLexer::BAD_ARROW || type == ScnLexer::MINUS ||
         type == ScnLexer::ASSIGN;
}

std::string unquote(const std::string& literal) {
  return literal.size() >= 2 ? literal.substr(1, literal.size() - 2) : literal;
}

// The step that ends right before `token` in this block, if any.
ScnParser::StepContext* step_before(antlr4::ParserRuleContext* block, antlr4::Token* token) {
  for (auto it = block->children.rbegin(); it != block->children.rend(); ++it) {
    auto* item = dynamic_cast<ScnParser::StepItemContext*>(*it);
    if (item == nullptr) continue;
    ScnParser::StepContext* step = item->step();
    if (step == nullptr || step->getStop() == nullptr) return nullptr;
    std::size_t stop = step->getStop()->getTokenIndex();
    return stop < token->getTokenIndex() ? step : nullptr;
  }
  return nullptr;
}

std::string step_number_text(ScnParser::StepContext* step) {
  ScnParser::StepNumberContext* number = step->stepNumber();
  return number != nullptr && number->getStart() != nullptr ? number->getStart()->getText() : "?";
}

// Keywords the user may have meant: those valid here, plus the parts of a step when the
// word follows one.
std::vector<std::string> keyword_candidates(const SyntaxProblem& p, bool after_step) {
  std::vector<std::string> words;
  const antlr4::dfa::Vocabulary& vocabulary = p.parser->getVocabulary();
  for (ssize_t t : p.expected.toList()) {
    if (t < ScnLexer::IMPORT || t > ScnLexer::FALSE) continue;
    words.push_back(unquote(vocabulary.getLiteralName(static_cast<std::size_t>(t))));
  }
  if (after_step) {
    for (const char* w : {"use", "except", "as", "in", "when", "relay"}) words.emplace_back(w);
  }
  return words;
}

std::string rows_hint(std::size_t rule) {
  switch (rule) {
    case ScnParser::RuleStepExceptions:
      return "expected a step number and ':' (as in 3: 183 { ... }) or '}'";
    case ScnParser::RuleConditionsBlock:
      return "expected a condition code and its description (as in A1 \"IMS security\") or '}'";
    case ScnParser::RuleDefaultDecl:
      return "expected a row (PATH = VALUE), 'conditions', 'when' or '}'";
    case ScnParser::RuleUnexpectedBlock:
      return "expected a rule (a method, 'request' or 'malformed', then answer CODE, fail, "
             "inconc or record, as in OPTIONS answer 200) or '}'";
    default: return "expected a row (PATH = VALUE) or '}'";
  }
}

Explanation explain_at_file_level(const SyntaxProblem& p) {
  antlr4::Token* t = p.token;
  std::size_t type = t->getType();
  if (type == ScnLexer::RBRACE) return {t, "unexpected '}': there is no '{' to close"};
  if (type == ScnLexer::INT || type == ScnLexer::BAD_NUMBER || type == ScnLexer::STEPS ||
      type == ScnLexer::OPTIONAL) {
    return {t, "steps belong inside a testcase or procedure block (is there an extra '}' "
               "before this line?)"};
  }
  return {t, "unexpected " + describe_token(t) +
                 "; expected 'import', 'param', 'testcase', 'procedure', 'default' or "
                 "'unexpected'"};
}

Explanation explain_in_step_block(const SyntaxProblem& p, antlr4::TokenStream* tokens) {
  antlr4::Token* t = p.token;
  std::size_t type = t->getType();
  bool looks_like_step = tokens->LA(2) == ScnLexer::WHEN ||
                         (tokens->LA(2) == ScnLexer::ID && is_arrow_like(tokens->LA(3)));
  if (looks_like_step && type != ScnLexer::INT) {
    return {t, "step number " + describe_token(t) + " is not a number"};
  }
  if (ScnParser::StepContext* step = step_before(p.ctx, t)) {
    bool row_like = type == ScnLexer::ID &&
                    (tokens->LA(2) == ScnLexer::ASSIGN || tokens->LA(2) == ScnLexer::DOT ||
                     tokens->LA(2) == ScnLexer::LBRACK);
    if (row_like) {
      return {t, "rows of step " + step_number_text(step) +
                     " go inside an except block: except { " + t->getText() + " ... }"};
    }
    return {t, "unexpected " + describe_token(t) + " after step " + step_number_text(step) +
                   "; a new step starts with its number"};
  }
  return {t, "unexpected " + describe_token(t) +
                 "; expected a step number, 'steps', 'optional' or '}'"};
}

}  // namespace

Explanation explain_in_block(const SyntaxProblem& p) {
  if (p.kind == Problem::missing || p.token == nullptr || p.ctx == nullptr) return {};
  std::size_t rule = p.ctx->getRuleIndex();
  if (!is_block_rule(rule) || p.token->getType() == antlr4::Token::EOF) return {};
  // Errors on the opening brace itself are the rule's business.
  if ((rule != ScnParser::RuleModule && child_token(p.ctx, ScnLexer::LBRACE) == nullptr)) {
    return {};
  }
  antlr4::TokenStream* tokens = p.parser->getTokenStream();
  antlr4::Token* t = p.token;
  bool after_step = rule == ScnParser::RuleStepBlock && step_before(p.ctx, t) != nullptr;
  if (t->getType() == ScnLexer::ID && !(rule == ScnParser::RuleStepBlock &&
                                        tokens->LA(2) == ScnLexer::ID &&
                                        is_arrow_like(tokens->LA(3)))) {
    if (auto word = support::suggest(t->getText(), keyword_candidates(p, after_step))) {
      return {t, "unknown keyword '" + t->getText() + "'; did you mean '" + *word + "'?"};
    }
  }
  switch (rule) {
    case ScnParser::RuleModule: return explain_at_file_level(p);
    case ScnParser::RuleStepBlock: return explain_in_step_block(p, tokens);
    default: return {t, "unexpected " + describe_token(t) + "; " + rows_hint(rule)};
  }
}

}  // namespace scn::parse
