// Default messages: checking their declarations, resolving a step's `use` clause and
// applying the conditions it names.
#pragma once

#include <optional>
#include <vector>

#include "env.h"
#include "scn/ast/module.h"

namespace scn::check {

// Checks a declaration on its own: its message, its rows (paths, value types, rows set
// twice in one block) and the condition codes its `when` blocks use.
void check_default_decl(const ast::DefaultMessage& decl, Env& env);

// The default a step's `use` names, or nothing (reported): unknown name, a default for
// another method or status, unknown or repeated condition codes (repeats only warn).
const ast::DefaultMessage* resolve_use(const ast::UseClause& use, const ast::Message& message,
                                       const std::string& step_label, Env& env);

// One row of a default that applies under the conditions given; `when` holds what is
// left to decide at run time: the applied codes (ConditionValue, which --set CODE=false
// withdraws) and parameters such as px_IMS_Security.
struct AppliedRow {
  const ast::Assignment* row = nullptr;
  RowSource source = RowSource::default_message;
  std::optional<Cond> when;
  std::string selected_when;  // default_condition: its block's condition, as written
};

// Rows in source order; rows of `when` blocks whose condition is false whatever the run
// time decides (a code the step does not apply) are left out.
std::vector<AppliedRow> apply_default(const ast::DefaultMessage& decl,
                                      const std::vector<ast::Name>& conditions, Env& env);

// The codes the test case's steps apply, with their meanings in the defaults applying
// them, added to `into` (one entry per code).
void note_applied_conditions(const Testcase& tc, Env& env, std::vector<Condition>& into);

// The shape of a default's own message, for checking its rows on their own.
MessageShape default_shape(const ast::DefaultMessage& decl);

}  // namespace scn::check
