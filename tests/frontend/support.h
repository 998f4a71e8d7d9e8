// Helpers for the front-end unit tests: parse a string, pick nodes, read diagnostics.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <variant>

#include "scn/parse/frontend.h"

namespace scn::test {

inline parse::ParseResult parse(const std::string& text, const parse::Limits& limits = {}) {
  return parse::parse_source("test.scn", text, limits);
}

// Parses a body of steps wrapped in a test case (the body starts on line 2).
inline parse::ParseResult parse_steps(const std::string& body) {
  return parse("testcase t \"title\" {\n" + body + "\n}\n");
}

template <class T>
const T& item_as(const ast::StepItem& item) {
  REQUIRE(std::holds_alternative<T>(item.node));
  return std::get<T>(item.node);
}

inline const ast::Step& step_at(const parse::ParseResult& r, std::size_t i) {
  REQUIRE(r.module.testcases.size() == 1);
  REQUIRE(r.module.testcases[0].items.size() > i);
  return item_as<ast::Step>(r.module.testcases[0].items[i]);
}

template <class T>
const T& node_as(const ast::Expr* expr) {
  REQUIRE(expr != nullptr);
  REQUIRE(std::holds_alternative<T>(expr->node));
  return std::get<T>(expr->node);
}

inline void check_loc(const ast::SourceLoc& loc, std::uint32_t line, std::uint32_t col) {
  CHECK(loc.line == line);
  CHECK(loc.col == col);
  CHECK(loc.path() == "test.scn");
}

// All diagnostics as "LINE:COL: MESSAGE" lines, for compact assertions.
inline std::string messages(const parse::ParseResult& r) {
  std::string out;
  for (const diag::Diagnostic& d : r.diagnostics) {
    out += std::to_string(d.loc.line) + ":" + std::to_string(d.loc.col) + ": " + d.message + "\n";
  }
  return out;
}

}  // namespace scn::test
