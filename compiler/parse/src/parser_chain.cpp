#include "parser_chain.h"

#include <cstdio>

#include "parse_tree.h"

namespace scn::parse {

using grammar::ScnLexer;

ParserChain::ParserChain(const std::string& text, DiagSink& sink, const Limits& limits,
                         std::optional<NestedAt> nested)
    : sink_(sink), limits_(limits), input_(text), lexer_(&input_), tokens_(&lexer_) {
  lexer_.removeErrorListeners();  // ERROR_CHAR catches every character anyway
  if (nested) {
    lexer_.setLine(nested->line);
    lexer_.setCharPositionInLine(nested->col - 1);
  }
  parser_ = std::make_unique<grammar::ScnParser>(&tokens_);
  parser_->removeErrorListeners();  // errors go through the strategy into the sink
  // Inside {...} the end of the text is the closing brace, not the end of the file.
  strategy_ = std::make_shared<SyntaxErrorStrategy>(sink_, nested ? "'}'" : "");
  parser_->setErrorHandler(strategy_);
}

void ParserChain::problem(antlr4::Token* token, std::string message) {
  // One lexer problem per line: the rest of a broken line is usually collateral damage.
  if (!lexer_problems_.empty() && lexer_problems_.back().at.line == token->getLine()) return;
  if (lexer_problems_.size() > 2 * limits_.max_errors) return;
  ast::SourceLoc at = sink_.loc(static_cast<std::uint32_t>(token->getLine()),
                                static_cast<std::uint32_t>(token->getCharPositionInLine()) + 1);
  lexer_problems_.push_back({token->getTokenIndex(), std::move(at), std::move(message)});
}

namespace {

std::string describe_char(const std::string& text) {
  unsigned char c = text.empty() ? 0 : static_cast<unsigned char>(text[0]);
  if (c >= 0x20 && c != 0x7F) return "'" + text + "'";
  char code[16];
  std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
  return code;
}

std::string error_char_message(const std::string& text) {
  if (text == "'") return "strings use double quotes: \"...\", not '...'";
  if (text == ";") return "unexpected ';': steps and rows need no separator";
  if (text == "@")
    return "unexpected '@': only an attribute in a body path starts with it, written with "
           "no space after the '@', as in body.conference-info.@state";
  if (text == "/") return "unexpected '/': a regular expression is written /.../ on one line";
  return "unexpected character " + describe_char(text);
}

}  // namespace

void ParserChain::check_token(antlr4::Token* token) {
  auto* writable = dynamic_cast<antlr4::WritableToken*>(token);
  if (writable == nullptr) return;
  switch (token->getType()) {
    case ScnLexer::UNTERMINATED_STRING:
      problem(token, "unterminated string: add a closing \"");
      writable->setType(ScnLexer::STRING);
      break;
    case ScnLexer::UNTERMINATED_URI:
      problem(token, "unterminated URI: add a closing '>'");
      writable->setType(ScnLexer::URI);
      break;
    case ScnLexer::UNTERMINATED_REGEX:
      problem(token, "unterminated regular expression: add a closing '/'");
      writable->setType(ScnLexer::REGEX);
      break;
    case ScnLexer::ERROR_CHAR:
      problem(token, error_char_message(token->getText()));
      writable->setChannel(antlr4::Token::HIDDEN_CHANNEL);
      break;
    default: break;
  }
}

bool ParserChain::check_depth() {
  std::size_t depth = 0;
  std::size_t nots = 0;
  for (std::size_t i = 0; i < tokens_.size(); ++i) {
    antlr4::Token* token = tokens_.get(i);
    if (token->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
    std::size_t type = token->getType();
    nots = type == ScnLexer::NOT ? nots + 1 : 0;
    if (type == ScnLexer::LBRACE || type == ScnLexer::LPAREN || type == ScnLexer::LBRACK) {
      ++depth;
    } else if ((type == ScnLexer::RBRACE || type == ScnLexer::RPAREN ||
                type == ScnLexer::RBRACK) && depth > 0) {
      --depth;
    }
    if (depth > limits_.max_depth || nots > limits_.max_depth) {
      sink_.error(Stage::lexer, DiagSink::no_statement,
                  sink_.loc(static_cast<std::uint32_t>(token->getLine()),
                            static_cast<std::uint32_t>(token->getCharPositionInLine()) + 1),
                  "nested too deeply (more than " + std::to_string(limits_.max_depth) +
                      " levels); the file is not parsed further");
      return false;
    }
  }
  return true;
}

bool ParserChain::prepare() {
  tokens_.fill();
  for (std::size_t i = 0; i < tokens_.size(); ++i) check_token(tokens_.get(i));
  bool ok = check_depth();
  tokens_.seek(0);
  return ok;
}

namespace {

// The deepest rule context whose tokens include index.
antlr4::ParserRuleContext* deepest_rule_at(antlr4::tree::ParseTree* root, std::size_t index) {
  auto* current = dynamic_cast<antlr4::ParserRuleContext*>(root);
  while (current != nullptr) {
    antlr4::ParserRuleContext* next = nullptr;
    for (antlr4::tree::ParseTree* child : current->children) {
      auto* rule = dynamic_cast<antlr4::ParserRuleContext*>(child);
      if (rule == nullptr) continue;
      antlr4::misc::Interval span = rule->getSourceInterval();
      if (span.a >= 0 && span.b >= span.a && static_cast<std::size_t>(span.a) <= index &&
          index <= static_cast<std::size_t>(span.b)) {
        next = rule;
        break;
      }
    }
    if (next == nullptr) return current;
    current = next;
  }
  return nullptr;
}

}  // namespace

void ParserChain::file_lexer_problems(antlr4::tree::ParseTree* root) {
  for (LexerProblem& p : lexer_problems_) {
    std::size_t key = DiagSink::no_statement;
    if (root != nullptr) key = statement_key(deepest_rule_at(root, p.token_index));
    sink_.error(Stage::lexer, key, std::move(p.at), std::move(p.message));
  }
  lexer_problems_.clear();
}

}  // namespace scn::parse
