// Plain-language explanations of syntax errors. ANTLR tells us where it stopped, what it
// expected and in which rule; these functions turn that into the message a user of the
// spec tables understands ("expected '->' between UE and SS"), located at the culprit.
#pragma once

#include <string>

#include "antlr4-runtime.h"

namespace scn::parse {

enum class Problem {
  missing,    // a single token is missing before `token` (recovery inserts it)
  unwanted,   // `token` is extra (recovery skips it)
  mismatch,   // `token` is not what the rule needed here
  no_viable,  // no alternative of the rule starts with `token`
};

struct SyntaxProblem {
  antlr4::Parser* parser = nullptr;
  antlr4::ParserRuleContext* ctx = nullptr;  // the rule being parsed
  Problem kind = Problem::mismatch;
  antlr4::Token* token = nullptr;            // where the parser stopped
  antlr4::misc::IntervalSet expected;
};

struct Explanation {
  antlr4::Token* at = nullptr;  // the culprit (may differ from problem.token)
  std::string message;
};

Explanation explain(const SyntaxProblem& problem);

// Tokens that begin a statement (a step number, 'steps', 'testcase', ...).
bool starts_statement(std::size_t token_type);

// Parts used by the rule-specific explanations (syntax_rules.cpp).
std::string describe_expected(const antlr4::misc::IntervalSet& expected,
                              const antlr4::dfa::Vocabulary& vocabulary);
std::string generic_message(const SyntaxProblem& problem);
// Explanations for a few rules; empty message when the rule has nothing special to say.
Explanation explain_in_rule(const SyntaxProblem& problem);
// Explanations for tokens out of place between statements (file and block level).
Explanation explain_in_block(const SyntaxProblem& problem);

}  // namespace scn::parse
