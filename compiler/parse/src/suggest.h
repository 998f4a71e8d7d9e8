// "Did you mean ...?" for misspelt keywords.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scn::parse {

// Optimal-string-alignment distance (adjacent transpositions cost 1).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The closest candidate within a third of the word's length (at least 1), if any.
std::optional<std::string> closest_word(std::string_view word,
                                        const std::vector<std::string>& candidates);

}  // namespace scn::parse
