#include "parse_tree.h"

#include "ScnLexer.h"
#include "text_utils.h"

namespace scn::parse {

using grammar::ScnLexer;

antlr4::Token* real_token(antlr4::Token* token) {
  if (token == nullptr || token->getTokenIndex() == INVALID_INDEX) return nullptr;
  return token;
}

antlr4::Token* real_token(antlr4::tree::TerminalNode* node) {
  return node == nullptr ? nullptr : real_token(node->getSymbol());
}

antlr4::ParserRuleContext* parent_rule(antlr4::ParserRuleContext* ctx) {
  return ctx == nullptr ? nullptr : dynamic_cast<antlr4::ParserRuleContext*>(ctx->parent);
}

antlr4::Token* child_token(antlr4::ParserRuleContext* ctx, std::size_t type) {
  if (ctx == nullptr) return nullptr;
  for (antlr4::tree::ParseTree* child : ctx->children) {
    auto* node = dynamic_cast<antlr4::tree::TerminalNode*>(child);
    if (node == nullptr || dynamic_cast<antlr4::tree::ErrorNode*>(child) != nullptr) continue;
    antlr4::Token* token = real_token(node);
    if (token != nullptr && token->getType() == type) return token;
  }
  return nullptr;
}

antlr4::Token* first_child_token(antlr4::ParserRuleContext* ctx) {
  if (ctx == nullptr) return nullptr;
  for (antlr4::tree::ParseTree* child : ctx->children) {
    if (dynamic_cast<antlr4::tree::ErrorNode*>(child) != nullptr) continue;
    if (auto* node = dynamic_cast<antlr4::tree::TerminalNode*>(child)) {
      if (antlr4::Token* token = real_token(node)) return token;
    }
  }
  return nullptr;
}

antlr4::Token* previous_token(antlr4::TokenStream* tokens, std::size_t index) {
  if (index == INVALID_INDEX || index > tokens->size()) return nullptr;
  for (std::size_t i = index; i-- > 0;) {
    antlr4::Token* token = tokens->get(i);
    if (token->getChannel() == antlr4::Token::DEFAULT_CHANNEL) return token;
  }
  return nullptr;
}

bool starts_line(antlr4::TokenStream* tokens, antlr4::Token* token) {
  if (token == nullptr) return false;
  antlr4::Token* before = previous_token(tokens, token->getTokenIndex());
  return before == nullptr || before->getLine() < token->getLine();
}

std::string describe_token(antlr4::Token* token) {
  if (token == nullptr || token->getType() == antlr4::Token::EOF) return "end of file";
  std::string text = token->getText();
  constexpr std::size_t max_points = 30;
  if (code_points(text) > max_points) {
    std::size_t bytes = 0;
    for (std::size_t points = 0; bytes < text.size(); ++bytes) {
      if ((static_cast<unsigned char>(text[bytes]) & 0xC0) != 0x80 && points++ == max_points) {
        break;
      }
    }
    text = text.substr(0, bytes) + "...";
  }
  if (token->getType() == ScnLexer::STRING || token->getType() == ScnLexer::UNTERMINATED_STRING) {
    return "string " + text;
  }
  return "'" + text + "'";
}

}  // namespace scn::parse
