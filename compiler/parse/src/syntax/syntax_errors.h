// ANTLR error strategy of the front end: reports syntax errors through explain() into
// the DiagSink (one per statement), and recovers at statement and block boundaries
// rather than wherever ANTLR's follow sets happen to match.
#pragma once

#include <cstddef>
#include <string>

#include "antlr4-runtime.h"
#include "diag_sink.h"
#include "syntax_messages.h"

namespace scn::parse {

// Token index where the statement around ctx starts (steps, imports, headers, rows of a
// default message), or DiagSink::no_statement for file- and block-level positions.
std::size_t statement_key(antlr4::ParserRuleContext* ctx);

class SyntaxErrorStrategy : public antlr4::DefaultErrorStrategy {
public:
  // eof_name replaces "end of file" in messages (for text that is part of a line).
  explicit SyntaxErrorStrategy(DiagSink& sink, std::string eof_name = {})
      : sink_(sink), eof_name_(std::move(eof_name)) {}

  void sync(antlr4::Parser* parser) override;

protected:
  void reportNoViableAlternative(antlr4::Parser* parser,
                                 const antlr4::NoViableAltException& e) override;
  void reportInputMismatch(antlr4::Parser* parser,
                           const antlr4::InputMismatchException& e) override;
  void reportFailedPredicate(antlr4::Parser* parser,
                             const antlr4::FailedPredicateException& e) override;
  void reportUnwantedToken(antlr4::Parser* parser) override;
  void reportMissingToken(antlr4::Parser* parser) override;
  // Skips whole { } groups so that recovery never stops inside a nested block.
  void consumeUntil(antlr4::Parser* parser, const antlr4::misc::IntervalSet& set) override;
  // Braces are never deleted: they carry the structure that recovery relies on.
  antlr4::Token* singleTokenDeletion(antlr4::Parser* parser) override;

private:
  void report(antlr4::Parser* parser, Problem kind, antlr4::Token* token,
              const antlr4::misc::IntervalSet& expected);
  // True when LT(1) starts a new statement on its own line that an enclosing rule can
  // take: the current construct is missing its end (a '}', ']' or ')'). Letting the
  // rule end makes recovery insert the closer and report it as never closed.
  bool leaves_block(antlr4::Parser* parser);
  // Block level: skips a token that cannot start a statement, up to the next token that
  // can, reporting each line that looks like a new statement on its own.
  void skip_unwanted(antlr4::Parser* parser);

  DiagSink& sink_;
  std::string eof_name_;
};

}  // namespace scn::parse
