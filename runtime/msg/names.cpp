// Header names (long and compact forms), list-valued headers and method names. The
// tables are the schema's (schema_headers(), generated from stdlib/sip); this file only
// looks names up in them.
#include <algorithm>

#include "base/base.h"
#include "msg/msg.h"

namespace scn::sip {

namespace {

constexpr char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Case-insensitive ordering: the order of schema_headers().
bool iless(std::string_view a, std::string_view b) {
  const std::size_t n = a.size() < b.size() ? a.size() : b.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (lower(a[i]) != lower(b[i])) return lower(a[i]) < lower(b[i]);
  }
  return a.size() < b.size();
}

// The schema's entry for a canonical or compact name, any letter case; nullptr if none.
const HeaderInfo* find_header(std::string_view name) {
  const std::span<const HeaderInfo> headers = schema_headers();
  if (name.size() == 1) {
    const char letter = lower(name[0]);
    const auto it = std::ranges::find_if(
        headers, [letter](const HeaderInfo& h) { return h.compact != 0 && h.compact == letter; });
    return it != headers.end() ? &*it : nullptr;
  }
  const auto it = std::ranges::lower_bound(headers, name, iless, &HeaderInfo::name);
  return (it != headers.end() && iequals(it->name, name)) ? &*it : nullptr;
}

}  // namespace

std::string_view canonical_header_name(std::string_view name) {
  const HeaderInfo* known = find_header(name);
  return known != nullptr ? known->name : name;
}

char compact_form(std::string_view name) {
  const HeaderInfo* known = find_header(name);
  return known != nullptr ? known->compact : 0;
}

bool same_header(std::string_view a, std::string_view b) {
  return iequals(canonical_header_name(a), canonical_header_name(b));
}

bool is_list_header(std::string_view name) {
  const HeaderInfo* known = find_header(name);
  return known != nullptr && known->comma_list;
}

std::vector<std::string_view> split_list(std::string_view value) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= value.size()) {
    std::size_t comma = detail::find_unquoted(value, ',', start);
    if (comma == std::string_view::npos) comma = value.size();
    const std::string_view element = trim(value.substr(start, comma - start));
    if (!element.empty()) out.push_back(element);
    start = comma + 1;
  }
  return out;
}

bool is_known_method(std::string_view method) {
  return std::ranges::find(schema_methods(), method) != schema_methods().end();
}

}  // namespace scn::sip
