// Body paths (body.conference-info.users.user[2].endpoint.status) against the rest of
// their message: the body must be XML, of the type whose root element the path starts
// with, and a message the SS builds must have a body to edit.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "env.h"

namespace scn::check {

// The media type of the message (application/conference-info+xml, lower case) when
// one Content-Type row among `rows` (as written) gives it as literal text.
std::optional<std::string> known_media_type(const std::vector<const Row*>& rows);

// When the message's Content-Type is known at compile time: a warning for a body path
// in a message whose body is not XML (+xml, /xml) or, for an SDP path (body.sdp...), not
// application/sdp; an error for an XML path that starts with another root element than
// the schema gives for the type (content-type ... root).
void check_body_paths(const std::vector<Row>& rows, Env& env);

// For a message the SS builds: a body path that sets a value needs a body to edit.
// `who` names the message: "the SS's NOTIFY at step 12".
void check_body_edits(const std::vector<Row>& rows, const std::string& who, Env& env);

}  // namespace scn::check
