// Source-like text of rows and steps for the catalogue.
#pragma once

#include <string>
#include <vector>

#include "scn/ast/module.h"

namespace scn::doc {

// Control characters of string values shown as their escapes (\r, \n).
std::string display_text(const std::string& text);
std::string row_text(const ast::Assignment& row);  // PATH = VALUE
// One line per step, nested blocks indented by two spaces a level.
std::vector<std::string> step_lines(const std::vector<ast::StepItem>& items);

}  // namespace scn::doc
