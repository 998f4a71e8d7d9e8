// Parsing of the small value forms used inside schema lines.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "builder.hpp"

namespace scn::schema::detail {

// "R", "r", "rc", "c", "Rr", or status items "180", "2xx", "18x", "300-699" joined by ",".
std::optional<Where> parse_where(std::string_view text);

// "values a b c" or "values a b c ...": the words after the keyword at tokens[first].
ValueSet parse_value_set(const std::vector<Token>& tokens, std::size_t first);

}  // namespace scn::schema::detail
