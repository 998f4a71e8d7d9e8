// Rules about whole messages: known methods, which headers a message may carry (the
// schema's per-method tables) and which ones a message the SS sends must carry.
#pragma once

#include <string>
#include <vector>

#include "env.h"
#include "scn/ast/step.h"

namespace scn::check {

// False (and reported) for a method the schema does not know.
bool check_method(const ast::Message& message, Env& env);

// The rows of a message as written: rows under applied codes count as given, so the
// static checks see what they saw before codes became run-time conditions (--set CODE=
// false is the user's explicit choice). A row that surely holds replaces earlier rows
// of its path, as an unconditional one does.
std::vector<const Row*> rows_as_written(const std::vector<Row>& rows);

// A row giving a value to a header that the message may not carry.
void check_allowed(const Row& row, const MessageShape& shape, Env& env);

// For a message the SS builds: mandatory headers missing from its rows (those the runtime
// fills are not required), a mandatory header set to absent, a body without Content-Type.
// `who` names the message in the error: "the SS's NOTIFY at step 12". Rows under the
// condition codes the step applies count as given (the test case as written).
void check_ss_message(const std::vector<Row>& rows, const MessageShape& shape,
                      const ast::SourceLoc& at, const std::string& who, Env& env);

}  // namespace scn::check
