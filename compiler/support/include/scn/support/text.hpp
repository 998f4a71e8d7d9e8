// Small text helpers shared by the compiler: ASCII case folding and comparison.
// SIP names (headers, params, option tags) compare case-insensitively in ASCII.
#pragma once

#include <string>
#include <string_view>

namespace scn::support {

char ascii_lower(char c) noexcept;
std::string to_lower(std::string_view text);
bool iequals(std::string_view a, std::string_view b) noexcept;
bool istarts_with(std::string_view text, std::string_view prefix) noexcept;
// Text for HTML element content and attribute values: & < > " escaped.
std::string html_escape(std::string_view text);

}  // namespace scn::support
