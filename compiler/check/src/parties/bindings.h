// "steps ... of P with UE = UE1, SS = FOCUS": the parties a procedure's UE and SS stand
// for in the container that reuses it.
#pragma once

#include <string>
#include <vector>

#include "env.h"
#include "scn/ast/step.h"
#include "steps/flatten.h"

namespace scn::check {

// Each mapping renames UE (to a party under test) or SS (to a played party) into a
// party the container declares; reported at the mapping.
void check_bindings(const ast::StepsRef& ref, const PartyNames& parties, Env& env);

// The step under the container's names: its sender and receiver, and what its own
// procedure's names stand for (for party(NAME) in its rows).
void rename(FlatStep& step, const std::vector<ast::PartyBinding>& bindings);

}  // namespace scn::check
