// Lexer, token checks and parser for one piece of text: a whole file, or the {expr}
// inside a URI (which starts at a given line and column of its file).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ScnLexer.h"
#include "ScnParser.h"
#include "antlr4-runtime.h"
#include "diag_sink.h"
#include "scn/parse/frontend.h"
#include "syntax/syntax_errors.h"

namespace scn::parse {

class ParserChain {
public:
  // Where a nested piece of text (the {...} of a URI) starts in its file.
  struct NestedAt {
    std::uint32_t line;
    std::uint32_t col;
  };

  ParserChain(const std::string& text, DiagSink& sink, const Limits& limits,
              std::optional<NestedAt> nested = std::nullopt);

  // Lexes everything, reports malformed tokens (and turns them into the token they were
  // meant to be), checks nesting depth. False when the text must not be parsed.
  bool prepare();

  grammar::ScnParser& parser() { return *parser_; }

  // Files lexer problems under the statement that contains their token.
  void file_lexer_problems(antlr4::tree::ParseTree* root);

private:
  struct LexerProblem {
    std::size_t token_index;
    ast::SourceLoc at;
    std::string message;
  };
  void check_token(antlr4::Token* token);
  bool check_depth();
  void problem(antlr4::Token* token, std::string message);

  DiagSink& sink_;
  Limits limits_;
  antlr4::ANTLRInputStream input_;
  grammar::ScnLexer lexer_;
  antlr4::CommonTokenStream tokens_;
  std::unique_ptr<grammar::ScnParser> parser_;  // created once the lexer is set up
  std::shared_ptr<SyntaxErrorStrategy> strategy_;
  std::vector<LexerProblem> lexer_problems_;
};

}  // namespace scn::parse
