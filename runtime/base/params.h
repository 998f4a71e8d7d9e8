// Generic ";name=value" parameter lists (RFC 3261 generic-param) as used after header
// values (To/From tag, Via branch, Contact expires, Event id, ...). Zero-copy: names and
// values are views into the text that was parsed, so that text must outlive them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/base.h"

namespace scn::sip {

struct Param {
  std::string_view name;
  std::string_view value;   // as written: a quoted-string keeps its DQUOTEs
  bool has_value = false;   // false for a valueless param such as ";lr"
};

class Params {
 public:
  std::vector<Param> items;

  // Case-insensitive lookup of the first param with that name.
  const Param* find(std::string_view name) const;
  bool has(std::string_view name) const { return find(name) != nullptr; }
  // Value as written (quotes kept); nullopt when absent or valueless.
  std::optional<std::string_view> get(std::string_view name) const;
  // Value with quoted-string unquoted; nullopt when absent or valueless.
  std::optional<std::string> get_unquoted(std::string_view name) const;
  std::size_t size() const { return items.size(); }
  bool empty() const { return items.empty(); }
};

// Parses "; name [= value]" repeated, starting at text (which may start with ';' or be
// empty). LWS around ';' and '=' is allowed. Empty params (";;") are an error. Values
// are tokens, quoted-strings, or host-ish text (IPv6 references in [], which is how
// Via received= and maddr= appear).
Result<Params> parse_params(std::string_view text);

// Serialises as ";name=value;name2" (no leading LWS).
std::string serialize(const Params& params);

}  // namespace scn::sip
