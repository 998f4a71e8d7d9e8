// Resolving a path (Contact.isfocus, Record-Route[2], Request-URI, body,
// body.conference-info.@version) against the
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

// Body paths (xml_paths.cpp). False, and reported, when one of the first `count`
// segments is written as only an XML name can be (@name, ci:name, [name = "value"]).
bool no_xml_forms(const ast::Path& path, std::size_t count, const Env& env);
// body.NAME...: `out` gets the XML path (the segments after body) and the type text.
bool resolve_xml_path(const ast::Path& path, const Env& env, ResolvedPath& out);
// body.sdp.FIELD... (sdp_paths.cpp): `out` gets the SDP path (sdp.m[audio].port).
bool resolve_sdp_path(const ast::Path& path, const Env& env, ResolvedPath& out);

}  // namespace scn::check
