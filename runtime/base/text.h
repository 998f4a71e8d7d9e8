// Small text helpers for SIP grammar work (RFC 3261 section 25 character classes).
// All ASCII-only and locale-independent.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace scn::sip {

bool iequals(std::string_view a, std::string_view b);
std::string to_lower(std::string_view text);

// Trims SP, HTAB, CR and LF on both sides.
std::string_view trim(std::string_view text);

bool is_alpha(char c);
bool is_digit(char c);
bool is_hex(char c);
bool is_ws(char c);           // SP or HTAB
bool is_token_char(char c);   // RFC 3261 token
bool is_token(std::string_view text);  // non-empty, all token chars

// Strict decimal parsing: only digits (leading zeros allowed), no sign, no spaces,
// nullopt when empty, non-numeric or above max.
std::optional<std::uint64_t> parse_decimal(std::string_view digits, std::uint64_t max);

// Contents of a quoted-string with quoted-pairs resolved. Input is the quoted form
// including the surrounding DQUOTEs; text that is not quoted is returned unchanged.
std::string unquote(std::string_view text);

// Adds DQUOTEs and escapes '"' and '\\' for use as a quoted-string.
std::string quote(std::string_view text);

}  // namespace scn::sip
