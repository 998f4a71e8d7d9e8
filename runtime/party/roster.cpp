// The parties of a test case: lookups, and the closest name for a misspelt one.
#include <algorithm>

#include "party/party.h"

namespace scn::party {

namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Edit distance (insertions, deletions, substitutions), letter case ignored.
std::size_t distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t change = diagonal + (lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, change});
      diagonal = above;
    }
  }
  return row[b.size()];
}

bool same_as_defaults(const std::vector<Party>& parties) {
  return parties.size() == 2 && parties[0].name == "UE" && parties[0].kind == Kind::UnderTest &&
         parties[1].name == "SS" && parties[1].kind == Kind::Played;
}

}  // namespace

Roster Roster::defaults() { return Roster({}); }

Roster::Roster(std::vector<Party> parties) : parties_(std::move(parties)) {
  if (parties_.empty()) parties_ = {{"UE", Kind::UnderTest, {}}, {"SS", Kind::Played, {}}};
  declared_ = !same_as_defaults(parties_);
}

std::optional<Index> Roster::find(std::string_view name) const {
  for (Index i = 0; i < parties_.size(); ++i)
    if (parties_[i].name == name) return i;
  return std::nullopt;
}

std::vector<Index> Roster::of_kind(Kind kind) const {
  std::vector<Index> found;
  for (Index i = 0; i < parties_.size(); ++i)
    if (parties_[i].kind == kind) found.push_back(i);
  return found;
}

// Close enough: two edits, or a third of the longer name. Of equally close names the
// later one ("UE3" -> "UE2" rather than "UE1").
std::optional<std::string> Roster::closest(std::string_view unknown) const {
  std::optional<std::string> best;
  std::size_t best_distance = 0;
  for (const Party& p : parties_) {
    const std::size_t d = distance(unknown, p.name);
    const std::size_t limit = std::max<std::size_t>(2, std::max(unknown.size(), p.name.size()) / 3);
    if (d > limit || (best && d > best_distance)) continue;
    best = p.name;
    best_distance = d;
  }
  return best;
}

std::string Roster::names(std::optional<Kind> kind) const {
  std::string text;
  for (const Party& p : parties_) {
    if (kind && p.kind != *kind) continue;
    text += (text.empty() ? "" : ", ") + p.name;
  }
  return text;
}

}  // namespace scn::party
