// Turning token text into values: strings with escapes, numbers, durations, URIs with
// {interpolations}, regular expressions. Pure functions, no ANTLR.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scn/ast/expr.h"

namespace scn::parse {

struct UnescapedString {
  std::string value;
  std::optional<std::size_t> bad_escape;  // code-point offset in the token of a bad '\'
};
// raw is the token text: an opening quote, the body, and normally a closing quote.
UnescapedString unescape_string(std::string_view raw);

// Decimal digits to a non-negative number; nothing on overflow or a non-digit.
std::optional<std::int64_t> parse_int(std::string_view digits);

struct SplitDuration {
  std::string_view digits;
  std::string_view unit;  // everything after the digits
};
SplitDuration split_duration(std::string_view text);
std::optional<ast::TimeUnit> time_unit(std::string_view unit);

// A piece of a URI token: literal text or the inside of {...}; offset is the code-point
// offset of the piece (for an interpolation: of its first character after '{').
struct UriPiece {
  bool interpolation = false;
  std::string text;
  std::size_t offset = 0;
};
// raw is the token text "<scheme:...>" (the closing '>' may be missing).
std::vector<UriPiece> split_uri(std::string_view raw);

// The pattern between the slashes of /.../, with "\/" turned into "/".
std::string regex_body(std::string_view raw);

}  // namespace scn::parse
