// Text for people: received bytes made safe to print, and "did you mean" hints.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scn {

// Received text made safe for one line of a terminal or a report: every control byte
// (below 0x20, and DEL) as \xNN, so a NUL cannot cut the line it is printed on.
std::string printable(std::string_view text);

// Edit distance (insertions, deletions, substitutions), letter case ignored.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to a misspelt name ("UE3" -> "UE2"), if one is close enough:
// two edits, or a third of the longer name. Of equally close ones the later.
std::optional<std::string> closest_name(std::string_view unknown,
                                        const std::vector<std::string>& candidates);

}  // namespace scn
