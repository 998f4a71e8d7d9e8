// Line-oriented writer shared by the AST dump functions.
#pragma once

#include <string>
#include <string_view>

#include "scn/ast/module.h"

namespace scn::ast::detail {

class DumpWriter {
public:
  // Writes "<indent>kind@LINE:COL details" (details omitted when empty).
  void line(std::string_view kind, const SourceLoc& loc, std::string_view details = {});
  void indent() { ++depth_; }
  void dedent() { --depth_; }
  std::string take() { return std::move(out_); }

private:
  std::string out_;
  int depth_ = 0;
};

// RAII: children of the line just written.
class Nested {
public:
  explicit Nested(DumpWriter& w) : w_(w) { w_.indent(); }
  ~Nested() { w_.dedent(); }
  Nested(const Nested&) = delete;
  Nested& operator=(const Nested&) = delete;

private:
  DumpWriter& w_;
};

// "text" with quotes, backslashes and control characters escaped.
std::string quoted(std::string_view text);

void dump_expr(DumpWriter& w, const Expr* expr);
void dump_cond(DumpWriter& w, const CondExpr* cond);
void dump_assignment(DumpWriter& w, const Assignment& row);
void dump_step_item(DumpWriter& w, const StepItem& item);
void dump_party(DumpWriter& w, const PartyDecl& party);

}  // namespace scn::ast::detail
