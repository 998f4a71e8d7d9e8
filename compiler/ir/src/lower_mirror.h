// The mirror's lowering (check::CheckOptions::mirror): a played party sends what the rows
// describe for a UE, so each matcher becomes one value that satisfies it; what a played
// party receives is checked as the SS's rows say, except the SS's own SDP and challenges,
// which can only be checked for presence.
#pragma once

#include <optional>
#include <string>

#include "scn/check/checked.h"

namespace scn::ir {

// A text the ECMAScript `pattern` matches (std::regex_search), built from its shortest
// branches; nothing when the pattern uses what this cannot invert (back-references, ...)
// or the text built does not match after all.
std::optional<std::string> regex_example(const std::string& pattern);

// What a played party sends for `present` on `path`: nothing when the runtime fills the
// value itself (Via, tags, Contact, ...), else a text of the path's type.
std::optional<std::string> present_example(const check::ResolvedPath& path);

}  // namespace scn::ir
