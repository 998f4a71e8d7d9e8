#include "scn/parse/frontend.h"

#include <exception>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "parser_chain.h"
#include "text_utils.h"
#include "transform/transformer.h"

namespace scn::parse {

namespace {

// Refuses input the parser should not see: too large, or not UTF-8.
bool acceptable(const ast::SourceFile& file, DiagSink& sink, const Limits& limits) {
  if (file.text.size() > limits.max_bytes) {
    sink.error(Stage::lexer, DiagSink::no_statement, sink.loc(1, 1),
               "file is too large (" + std::to_string(file.text.size()) + " bytes; the limit is " +
                   std::to_string(limits.max_bytes) + ")");
    return false;
  }
  if (auto bad = find_invalid_utf8(file.text)) {
    LineCol at = line_col_at(file.text, *bad);
    sink.error(Stage::lexer, DiagSink::no_statement, sink.loc(at.line, at.col),
               "the file is not valid UTF-8 (byte " + std::to_string(*bad) + ")");
    return false;
  }
  return true;
}

}  // namespace

ParseResult parse_source(std::string path, std::string text, const Limits& limits) {
  auto file = std::make_shared<const ast::SourceFile>(ast::SourceFile{std::move(path),
                                                                      std::move(text)});
  DiagSink sink(file);
  ParseResult result;
  result.module.file = file;
  if (acceptable(*file, sink, limits)) {
    try {
      ParserChain chain(file->text, sink, limits);
      if (chain.prepare()) {
        grammar::ScnParser::ModuleContext* tree = chain.parser().module();
        chain.file_lexer_problems(tree);
        Transformer transformer(sink, limits);
        result.module = transformer.transform_module(tree);
      } else {
        chain.file_lexer_problems(nullptr);
      }
    } catch (const std::exception& e) {
      // The ANTLR runtime reports its own failures as exceptions; never let one escape.
      sink.error(Stage::lexer, DiagSink::no_statement, sink.loc(1, 1),
                 std::string("internal error while parsing: ") + e.what());
    }
  }
  result.diagnostics = sink.finish(limits.max_errors);
  return result;
}

std::optional<std::string> read_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return content.str();
}

}  // namespace scn::parse
