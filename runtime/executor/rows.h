// The rows of a matching template as they count in this run.
#pragma once

#include <cstddef>

#include "scn/scn_rt.h"

namespace scn {

// Calls visit(row, index) for each row that is on (row_on), with its run-time operands
// (row_values) in place of the static ones, in order, until visit returns false.
template <class Visit>
void visit_rows(const scn_match_template& tmpl, Visit&& visit) {
  for (std::size_t i = 0; i < tmpl.row_count; ++i) {
    if (tmpl.row_on && !tmpl.row_on[i]) continue;
    scn_match_row row = tmpl.rows[i];
    if (tmpl.row_values && tmpl.row_values[i]) row.values = tmpl.row_values[i];
    if (!visit(static_cast<const scn_match_row&>(row), i)) return;
  }
}

}  // namespace scn
