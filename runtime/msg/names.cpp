// Header names (long and compact forms), list-valued headers and method names. The
// tables are the schema's (schema_headers(), generated from stdlib/sip); this file only
// looks names up in them.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include "base/base.h"
#include "msg/msg.h"

namespace scn::sip {

namespace {

constexpr char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Length and three octets with the case bit set: enough to spread the schema's names
// over the table, cheaper than hashing every octet (iequals decides among the few that
// collide). One multiplication; its top bits are the slot (Fibonacci hashing).
std::uint32_t name_hash(std::string_view name) {
  const std::size_t n = name.size();
  if (n == 0) return 0;
  const auto at = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(name[i]) | 0x20u); };
  const std::uint32_t key = static_cast<std::uint32_t>(n) | at(0) << 8 | at(n / 2) << 16 | at(n - 1) << 24;
  return key * 2654435761u;
}

// a == b for the short texts header names are, without a call to memcmp: loads of 8 (or
// 4) octets from both ends, overlapping when shorter; single octets below 4.
bool same_octets(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  const auto same = [&](std::size_t at, auto width) {
    decltype(width) x, y;
    std::memcpy(&x, a.data() + at, sizeof x);
    std::memcpy(&y, b.data() + at, sizeof y);
    return x == y;
  };
  constexpr std::uint64_t k8{};
  constexpr std::uint32_t k4{};
  if (n > 32) return a == b;
  if (n > 16) return same(0, k8) && same(8, k8) && same(n - 16, k8) && same(n - 8, k8);
  if (n >= 8) return same(0, k8) && same(n - 8, k8);
  if (n >= 4) return same(0, k4) && same(n - 4, k4);
  return n == 0 || (a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1]);
}

// schema_headers() as an open-addressed hash table: a name is looked up once per received
// header field, and a binary search with case folding cost as much as the field's scan.
class HeaderIndex {
 public:
  HeaderIndex() : headers_(schema_headers()) {
    std::size_t size = 16;
    while (size < 4 * headers_.size()) size *= 2, ++bits_;
    slots_.resize(size);
    for (const HeaderInfo& h : headers_) {
      std::size_t slot = name_hash(h.name) >> (32 - bits_);
      while (slots_[slot].info != nullptr) slot = (slot + 1) & (size - 1);
      slots_[slot] = Slot{h.name, &h};
      if (h.compact != 0) compact_[static_cast<unsigned char>(h.compact)] = &h;
    }
  }

  // The entry for a canonical or compact name, any letter case; nullptr if none.
  const HeaderInfo* find(std::string_view name) const {
    if (name.size() == 1) return compact_[static_cast<unsigned char>(lower(name[0]))];
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t slot = name_hash(name) >> (32 - bits_); slots_[slot].info != nullptr; slot = (slot + 1) & mask) {
      // Most received names are spelled as the schema spells them: compare octets first.
      const Slot& s = slots_[slot];
      if (same_octets(s.name, name) || iequals(s.name, name)) return s.info;
    }
    return nullptr;
  }

 private:
  // The name beside its entry: one load less on the way to the comparison.
  struct Slot {
    std::string_view name;
    const HeaderInfo* info = nullptr;
  };
  std::span<const HeaderInfo> headers_;
  std::vector<Slot> slots_;
  unsigned bits_ = 4;  // slots_.size() == 1 << bits_
  std::array<const HeaderInfo*, 256> compact_{};
};

const HeaderInfo* find_header(std::string_view name) {
  static const HeaderIndex index;
  return index.find(name);
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

// Every message built or matched compares names many times: a long name skips the table.
std::string_view comparable_header_name(std::string_view name) {
  return name.size() > 1 ? name : canonical_header_name(name);
}

bool same_header(std::string_view a, std::string_view b) {
  return iequals(comparable_header_name(a), comparable_header_name(b));
}

bool is_list_header(std::string_view name) {
  const HeaderInfo* known = find_header(name);
  return known != nullptr && known->comma_list;
}

namespace {

// The element from `start` to the next comma outside quotes and <>, trimmed (maybe
// empty); `start` moves past the comma.
std::string_view next_element(std::string_view value, std::size_t& start) {
  std::size_t comma = detail::find_unquoted(value, ',', start);
  if (comma == std::string_view::npos) comma = value.size();
  const std::string_view element = trim(value.substr(start, comma - start));
  start = comma + 1;
  return element;
}

}  // namespace

std::vector<std::string_view> split_list(std::string_view value) {
  std::vector<std::string_view> out;
  append_elements(value, out);
  return out;
}

void append_elements(std::string_view value, std::vector<std::string_view>& out) {
  for (std::size_t start = 0; start <= value.size();)
    if (const std::string_view element = next_element(value, start); !element.empty())
      out.push_back(element);
}

std::optional<std::string_view> first_element(std::string_view value) {
  for (std::size_t start = 0; start <= value.size();)
    if (const std::string_view element = next_element(value, start); !element.empty())
      return element;
  return std::nullopt;
}

bool is_known_method(std::string_view method) {
  return std::ranges::find(schema_methods(), method) != schema_methods().end();
}

}  // namespace scn::sip
