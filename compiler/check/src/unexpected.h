// Rules for unexpected messages (`unexpected { ... }`): their methods checked against
// the schema, and the list a test case tries in order.
#pragma once

#include <cstddef>
#include <vector>

#include "env.h"
#include "scn/ast/module.h"
#include "scn/modules/loader.h"

namespace scn::check {

// Reports rules naming an unknown method or answering what is never answered.
void check_unexpected(const ast::UnexpectedBlock& block, Env& env);

// The rules a test case of module `index` tries, in order: its own block's, then its
// file's top-level blocks', then those of the modules the file imports, in import order
// (each module before the modules it imports in turn).
std::vector<UnexpectedRule> unexpected_rules(const ast::Testcase& tc,
                                             const modules::Program& program,
                                             std::size_t index);

}  // namespace scn::check
