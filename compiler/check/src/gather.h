// Program-wide facts collected before checking: every stored name and every dialog
// name, so that a procedure or default message checked on its own can tell a name a
// test case may provide from a misspelt one.
#pragma once

#include "env.h"
#include "scn/modules/loader.h"

namespace scn::check {

void gather_names(const modules::Program& program, ProgramTables& tables);

}  // namespace scn::check
