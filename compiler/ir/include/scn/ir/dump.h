// The readable text form of the scenario IR (`scn emit ir`): stable, one operation per
// line, golden-tested.
#pragma once

#include <string>

#include "scn/ir/ir.h"

namespace scn::ir {

std::string dump(const Program& program);
std::string value_text(const Value& value);
std::string cond_text(const Cond& cond);
std::string path_text(const Path& path);

}  // namespace scn::ir
