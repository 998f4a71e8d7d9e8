// The parties of a test case: lookups, and the closest name for a misspelt one.
#include "base/hints.h"
#include "party/party.h"

namespace scn::party {

namespace {

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

std::optional<Index> Roster::first_of_kind(Kind kind) const {
  for (Index i = 0; i < parties_.size(); ++i)
    if (parties_[i].kind == kind) return i;
  return std::nullopt;
}

std::optional<std::string> Roster::closest(std::string_view unknown) const {
  std::vector<std::string> names;
  for (const Party& p : parties_) names.push_back(p.name);
  return closest_name(unknown, names);
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
