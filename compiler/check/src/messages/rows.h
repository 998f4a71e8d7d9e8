// One row (PATH = VALUE): its path resolved, each value typed against the schema, the
// matchers checked against the direction of the message.
#pragma once

#include <optional>
#include <string>

#include "env.h"
#include "exprs/exprs.h"
#include "scn/ast/value.h"

namespace scn::check {

struct RowMode {
  // The direction of the step the row belongs to; nothing for a default message checked
  // on its own (it serves both directions).
  std::optional<Direction> direction;
  bool from_default = false;  // matchers of default rows are left to the runtime
  RowSource source = RowSource::step_except;
};

struct CheckedRow {
  Row row;
  std::string capture;  // `-> name`, empty if none; the flow assigns its slot
  ast::SourceLoc capture_loc;
};

// Nothing when the path is wrong; a wrong value is reported and dropped from the row.
std::optional<CheckedRow> check_row(const ast::Assignment& row, const MessageShape& shape,
                                    const RowMode& mode, ExprResolver& exprs, Env& env);

// Whether the row only says "absent".
bool is_absent(const Row& row);

}  // namespace scn::check
