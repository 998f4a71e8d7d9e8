// A message path typed outside a scenario file (the REPL's `show sent Contact.addr-spec`),
// resolved against the header schema exactly as a row's path is: canonical names,
// compact forms, parts and params, with the same "did you mean" diagnostics.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scn/check/checked.h"
#include "scn/diag/diagnostic.h"
#include "scn/schema/schema.hpp"

namespace scn::check {

struct PathQuery {
  std::optional<ResolvedPath> path;            // nothing when the path is wrong
  std::vector<diag::Diagnostic> diagnostics;  // located in `shown_as`, line 1
};

// `text`: Header, Header[N], Header.part, Header.param, Header.addr-spec.user, a quoted
// segment for a param with dots (Contact."+g.3gpp.icsi-ref"), Request-URI, Status, body,
// body.XML-PATH (body.conference-info.users.user[2].@entity: not checked here; the
// runtime reads it).
// Diagnostics show `typed_line` as line 1 of `shown_as`; the path starts at `column` of
// it (1-based).
PathQuery resolve_path_text(std::string_view text, const schema::Schema& schema,
                            bool in_request, const std::string& shown_as,
                            const std::string& typed_line, std::uint32_t column);

}  // namespace scn::check
