// Expressions and conditions written back as source-like text, for listings and
// messages ("step(3).Record-Route", "A1 or not A5").
#pragma once

#include <string>

#include "scn/ast/value.h"

namespace scn::ast {

std::string expr_text(const Expr& expr);
std::string cond_text(const CondExpr& cond);

}  // namespace scn::ast
