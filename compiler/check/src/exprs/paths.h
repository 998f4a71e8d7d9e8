// Resolving a path (Contact.isfocus, Record-Route[2], Request-URI, body) against the
// header schema, with plain-language errors and "did you mean" suggestions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "env.h"
#include "scn/ast/value.h"

namespace scn::check {

// Nothing when the path is wrong (already reported). `shape` decides whether pseudo-paths
// such as Request-URI and Status exist in the message.
std::optional<ResolvedPath> resolve_path(const ast::Path& path, const MessageShape& shape,
                                         const Env& env);

}  // namespace scn::check
