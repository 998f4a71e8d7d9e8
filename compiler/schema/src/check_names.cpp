// Name clashes between headers, compact forms and pseudo-paths, and duplicates in the
// vocabularies (option tags, event packages, content types, status codes).
#include <algorithm>
#include <unordered_map>

#include "builder.hpp"
#include "scn/support/text.hpp"

namespace scn::schema::detail {

namespace {

using support::iequals;
using support::to_lower;

// Registers a lower-cased name; reports a clash with what registered it first.
class NameTable {
 public:
  explicit NameTable(Builder& b) : b_(b) {}
  void add(const std::string& name, const SourceLoc& loc, const std::string& what) {
    const auto [it, fresh] = seen_.emplace(to_lower(name), what);
    if (!fresh) b_.error(loc, what + " clashes with " + it->second);
  }

 private:
  Builder& b_;
  std::unordered_map<std::string, std::string> seen_;
};

template <class T>
void check_duplicates(Builder& b, const std::vector<T>& items, const char* what) {
  for (std::size_t i = 0; i < items.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (iequals(items[i].name, items[j].name)) {
        b.error(items[i].loc, std::string(what) + " '" + items[i].name + "' declared twice");
        break;
      }
}

void check_event_packages(Builder& b) {
  for (const auto& pkg : b.data.event_packages)
    for (const auto& type : pkg.content_types) {
      const bool known = std::any_of(b.data.content_types.begin(), b.data.content_types.end(),
                                     [&](const ContentType& c) { return c.matches(type); });
      if (!known)
        b.error(pkg.loc, "event package '" + pkg.name + "' names unknown content type '" +
                             type + "'");
    }
}

void check_status_codes(Builder& b) {
  const auto& codes = b.data.status_codes;
  for (std::size_t i = 0; i < codes.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (codes[i].code == codes[j].code) {
        b.error(codes[i].loc, "status " + std::to_string(codes[i].code) + " declared twice");
        break;
      }
}

}  // namespace

void check_names(Builder& b) {
  NameTable names(b);
  for (const auto& h : b.data.headers) {
    names.add(h.name, h.loc, "header '" + h.name + "'");
    if (!h.compact.empty())
      names.add(h.compact, h.loc, "compact form '" + h.compact + "' of header '" + h.name + "'");
  }
  for (const auto& p : b.data.pseudo_paths)
    names.add(p.name, p.loc, "pseudo-path '" + p.name + "'");
  check_duplicates(b, b.data.option_tags, "option tag");
  check_duplicates(b, b.data.event_packages, "event package");
  check_duplicates(b, b.data.content_types, "content type");
  check_status_codes(b);
  check_event_packages(b);
}

}  // namespace scn::schema::detail
