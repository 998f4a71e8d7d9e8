// A stable, readable dump of the AST (scn emit ast): one node per line, indented by
// depth, "Kind@LINE:COL details", children in source order.
#pragma once

#include <string>

#include "scn/ast/module.h"

namespace scn::ast {

std::string dump(const Module& module);

}  // namespace scn::ast
