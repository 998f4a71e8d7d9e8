// Checks of literal words against the schema's vocabularies: methods, the allowed
// values of a header, part or param, option tags, event packages and media types.
#pragma once

#include "env.h"

namespace scn::check {

// `text` is the literal written for `path`, located at loc.
void check_vocabulary(const ResolvedPath& path, const std::string& text,
                      const ast::SourceLoc& loc, Env& env);

}  // namespace scn::check
