// Checks of a container's shape that need no flow: step numbering and optional windows.
#pragma once

#include <string>

#include "flatten.h"

namespace scn::check {

// Numbers of the container's own steps (those written in it and those a ranged
// reference reuses) are unique and increase.
void check_numbering(const Flattened& flat, const std::string& ns, Env& env);

// Each window written in the container: a duration from 1 ms to 10 min (a warning above
// 60 s), at least one step, a first step that the UE sends and that has no `when`.
void check_windows(const Flattened& flat, Env& env);

}  // namespace scn::check
