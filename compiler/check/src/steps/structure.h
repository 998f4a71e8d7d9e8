// Checks of a container's shape that need no flow: step numbering, optional windows and
// either / any-order groups.
#pragma once

#include <string>

#include "flatten.h"

namespace scn::check {

// Numbers of the container's own steps (those written in it and those a ranged
// reference reuses) are unique and increase.
void check_numbering(const Flattened& flat, const std::string& ns, Env& env);

// Each window written in the container: a duration from 1 ms to 10 min (a warning above
// 60 s), at least one step, a first step that the UE sends and that has no `when`.
void check_windows(const Flattened& flat, const PartyNames& parties, Env& env);

// Each either / any-order block written in the container: no empty branch, no `when`
// inside; each branch of an either starts with a message a party under test sends, and
// every step of an any-order block is one.
void check_groups(const Flattened& flat, const PartyNames& parties, Env& env);

}  // namespace scn::check
