// "Did you mean ...?" suggestions for misspelt names (headers, params, default-message
// names, procedures). Distance is Damerau-Levenshtein in its optimal-string-alignment
// form (adjacent transpositions cost 1), compared case-insensitively.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace scn::support {

// Edit distance between a and b, ignoring ASCII case.
std::size_t edit_distance(std::string_view a, std::string_view b);

// Largest distance still worth suggesting for a name of this length: a third of the
// length, at least 1. Short names tolerate one typo, long ones a few.
std::size_t suggestion_limit(std::size_t name_length) noexcept;

// The closest candidate within suggestion_limit(name.size()), or nothing. Ties go to
// the candidate listed first. A candidate equal to name ignoring case is returned too:
// it tells the user the spelling differs only in case.
std::optional<std::string> suggest(std::string_view name,
                                   std::span<const std::string_view> candidates);
std::optional<std::string> suggest(std::string_view name,
                                   std::span<const std::string> candidates);

// Every candidate within the limit, closest first (stable for equal distances).
std::vector<std::string> suggest_all(std::string_view name,
                                     std::span<const std::string_view> candidates);

// Candidates that start with prefix ignoring case, in their given order (completion).
std::vector<std::string> complete(std::string_view prefix,
                                  std::span<const std::string_view> candidates);

}  // namespace scn::support
