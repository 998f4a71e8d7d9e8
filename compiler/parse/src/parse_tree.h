// Small queries over ANTLR parse trees and token streams, shared by the error reporting
// and the Transformer. Only code under parse/src includes this (it exposes ANTLR types).
#pragma once

#include <cstddef>
#include <string>

#include "antlr4-runtime.h"

namespace scn::parse {

// A token that really is in the input (not one conjured by error recovery), or null.
antlr4::Token* real_token(antlr4::Token* token);
antlr4::Token* real_token(antlr4::tree::TerminalNode* node);

antlr4::ParserRuleContext* parent_rule(antlr4::ParserRuleContext* ctx);

// The first direct child token of this type that is really in the input, or null.
antlr4::Token* child_token(antlr4::ParserRuleContext* ctx, std::size_t type);

// The first direct child token that is really in the input (for rules that match one
// token), or null.
antlr4::Token* first_child_token(antlr4::ParserRuleContext* ctx);

// The nearest default-channel token before the one at index, or null.
antlr4::Token* previous_token(antlr4::TokenStream* tokens, std::size_t index);
// True when no default-channel token precedes this one on its line.
bool starts_line(antlr4::TokenStream* tokens, antlr4::Token* token);

// Whether a set of token types holds this one (avoids IntervalSet's overload ambiguity).
inline bool expects(const antlr4::misc::IntervalSet& set, std::size_t type) {
  return set.contains(type);
}

// Token text for messages: 'text' (shortened), the string "...", or end of file.
std::string describe_token(antlr4::Token* token);

}  // namespace scn::parse
