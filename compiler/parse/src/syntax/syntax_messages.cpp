#include "syntax_messages.h"

#include <vector>

#include "ScnLexer.h"
#include "ScnParser.h"
#include "parse_tree.h"

namespace scn::parse {

using grammar::ScnLexer;

namespace {

std::string token_phrase(std::size_t type, const antlr4::dfa::Vocabulary& vocabulary) {
  switch (type) {
    case antlr4::Token::EOF: return "end of file";
    case ScnLexer::INT: return "a number";
    case ScnLexer::ID: return "a name";
    case ScnLexer::STRING: return "a quoted string";
    case ScnLexer::URI: return "a <URI>";
    case ScnLexer::DURATION: return "a duration such as 3s";
    case ScnLexer::CLAUSE_ID: return "a clause id such as A.15.1";
    case ScnLexer::REGEX: return "a /regular expression/";
    case ScnLexer::ATTRIBUTE: return "an @attribute";
    // Tokens that exist only to explain mistakes are never what we ask for.
    case ScnLexer::BAD_ARROW: case ScnLexer::BAD_NUMBER: case ScnLexer::UNTERMINATED_STRING:
    case ScnLexer::UNTERMINATED_URI: case ScnLexer::UNTERMINATED_REGEX:
    case ScnLexer::ERROR_CHAR: case ScnLexer::LINE_COMMENT: case ScnLexer::WS:
      return "";
    default: return vocabulary.getLiteralName(type);
  }
}

std::string join_phrases(const std::vector<std::string>& phrases) {
  std::string out;
  for (std::size_t i = 0; i < phrases.size(); ++i) {
    if (i > 0) out += i + 1 == phrases.size() ? " or " : ", ";
    out += phrases[i];
  }
  return out;
}

bool is_value_start(std::size_t type) {
  switch (type) {
    case ScnLexer::STRING: case ScnLexer::INT: case ScnLexer::URI: case ScnLexer::DURATION:
    case ScnLexer::TRUE: case ScnLexer::FALSE: case ScnLexer::ID: case ScnLexer::DIALOG:
      return true;
    default: return false;
  }
}

bool is_matcher_start(std::size_t type) {
  switch (type) {
    case ScnLexer::PRESENT: case ScnLexer::ABSENT: case ScnLexer::ANY: case ScnLexer::STARTS:
    case ScnLexer::MATCHES: case ScnLexer::ONE: case ScnLexer::ARROW:
      return true;
    default: return false;
  }
}

struct Closer {
  std::size_t open;
  std::size_t close;
  const char* message;
};

// An opening bracket in ctx or an enclosing rule that has no closing partner yet.
antlr4::Token* unclosed_opener(antlr4::ParserRuleContext* ctx, const Closer& closer) {
  for (; ctx != nullptr; ctx = parent_rule(ctx)) {
    antlr4::Token* opener = child_token(ctx, closer.open);
    if (opener != nullptr && child_token(ctx, closer.close) == nullptr) return opener;
  }
  return nullptr;
}

// "'{' is never closed", at the '{', when the parser ran into the end of its block.
Explanation explain_unclosed(const SyntaxProblem& p) {
  static constexpr Closer closers[] = {
      {ScnLexer::LBRACE, ScnLexer::RBRACE, "'{' is never closed"},
      {ScnLexer::LBRACK, ScnLexer::RBRACK, "'[' is never closed"},
      {ScnLexer::LPAREN, ScnLexer::RPAREN, "'(' is never closed"},
  };
  bool at_end = p.token == nullptr || p.token->getType() == antlr4::Token::EOF;
  bool new_statement = p.token != nullptr && starts_statement(p.token->getType()) &&
                       starts_line(p.parser->getTokenStream(), p.token);
  // A '}' where ')' or ']' is due closes an enclosing block: the inner bracket is open.
  bool block_end = p.token != nullptr && p.token->getType() == ScnLexer::RBRACE &&
                   !expects(p.expected, ScnLexer::RBRACE);
  if (p.kind != Problem::missing && !at_end && !new_statement && !block_end) return {};
  for (const Closer& closer : closers) {
    if (!expects(p.expected, closer.close)) continue;
    if (antlr4::Token* opener = unclosed_opener(p.ctx, closer)) return {opener, closer.message};
  }
  return {};
}

}  // namespace

bool starts_statement(std::size_t type) {
  switch (type) {
    case ScnLexer::INT: case ScnLexer::STEPS: case ScnLexer::OPTIONAL: case ScnLexer::TESTCASE:
    case ScnLexer::PROCEDURE: case ScnLexer::DEFAULT: case ScnLexer::IMPORT: case ScnLexer::PARAM:
    case ScnLexer::PARTY: case ScnLexer::EITHER:
      return true;
    default: return false;
  }
}

std::string describe_expected(const antlr4::misc::IntervalSet& expected,
                              const antlr4::dfa::Vocabulary& vocabulary) {
  std::vector<std::size_t> types;
  for (ssize_t t : expected.toList()) {
    if (t >= 0 || t == static_cast<ssize_t>(antlr4::Token::EOF)) {
      types.push_back(static_cast<std::size_t>(t));
    }
  }
  bool values = expects(expected, ScnLexer::STRING) && expects(expected, ScnLexer::URI);
  bool matchers = expects(expected, ScnLexer::PRESENT) && expects(expected, ScnLexer::ABSENT);
  std::vector<std::string> phrases;
  if (values) phrases.push_back(matchers ? "a value or a matcher" : "a value");
  for (std::size_t type : types) {
    if ((values && is_value_start(type)) || (matchers && is_matcher_start(type))) continue;
    std::string phrase = token_phrase(type, vocabulary);
    if (!phrase.empty()) phrases.push_back(phrase);
  }
  if (phrases.empty() || phrases.size() > 6) return "";
  return join_phrases(phrases);
}

std::string generic_message(const SyntaxProblem& p) {
  std::string expected = describe_expected(p.expected, p.parser->getVocabulary());
  std::string found = describe_token(p.token);
  if (p.kind == Problem::missing && !expected.empty()) {
    return "missing " + expected + " before " + found;
  }
  if (expected.empty()) return "unexpected " + found;
  return "unexpected " + found + "; expected " + expected;
}

Explanation explain(const SyntaxProblem& p) {
  for (auto explainer : {explain_unclosed, explain_in_block, explain_in_rule}) {
    Explanation e = explainer(p);
    if (!e.message.empty()) {
      if (e.at == nullptr) e.at = p.token;
      return e;
    }
  }
  return {p.token, generic_message(p)};
}

}  // namespace scn::parse
