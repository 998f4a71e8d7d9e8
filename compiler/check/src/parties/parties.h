// The parties of a test case (docs/parties.md): its `party` lines checked, or UE and SS
// when it has none.
#pragma once

#include <vector>

#include "env.h"
#include "scn/ast/module.h"
#include "steps/flatten.h"

namespace scn::check {

// UE (under test) and SS (played): the parties of a test case that declares none, and
// the names procedures are written with.
std::vector<Party> default_parties();

// The declared parties, each name once, at least one under test and one played; UE and
// SS when the test case declares none.
std::vector<Party> test_case_parties(const ast::Testcase& tc, Env& env);

PartyNames party_names(const std::vector<Party>& parties);

}  // namespace scn::check
