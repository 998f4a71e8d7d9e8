// Who sends and receives each step: party names resolved to the test case's parties, a
// party under test on one side and a played party on the other.
#include "flow.h"

namespace scn::check {

std::optional<std::size_t> Flow::party_index(const std::string& name,
                                             const ast::SourceLoc& loc) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < parties_.size(); ++i) {
    if (parties_[i].name == name) return i;
    names.push_back(parties_[i].name);
  }
  const FlatStep& f = current();
  // A procedure's UE or SS that the test case neither declares nor maps: one error per
  // reference and name. A name `with` maps to is reported with the mapping.
  if (f.via) {
    for (const ast::PartyBinding& b : f.via->parties)
      if (b.party.value == name) return std::nullopt;
    if (!unknown_reported_.insert({f.via, name}).second) return std::nullopt;
  }
  flow_error(loc, "unknown party '" + name + "'" + did_you_mean(name, names),
             "the steps of " + (f.via ? f.via->procedure.value : f.procedure) +
                 " name party '" + name +
                 "', which this test case does not declare: map it with 'with " + name +
                 " = ...'");
  return std::nullopt;
}

namespace {

// The first party of a kind, to go on with after an unknown name.
std::size_t first_of(const std::vector<Party>& parties, bool under_test) {
  for (std::size_t i = 0; i < parties.size(); ++i)
    if (parties[i].under_test == under_test) return i;
  return 0;
}

}  // namespace

void Flow::resolve_direction(const ast::Step& step, Step& out) {
  const FlatStep& f = current();
  auto from = party_index(f.from, step.direction.from.loc);
  auto to = party_index(f.to, step.direction.to.loc);
  if (from && to && parties_[*from].under_test == parties_[*to].under_test) {
    const bool ue = parties_[*from].under_test;
    flow_error(step.direction.to.loc,
               "a step goes between a party under test and a played party: " + f.from +
                   " and " + f.to + (ue ? " are both under test (two UEs exchange messages "
                                          "through a played party: a step to it, then one "
                                          "that relays it)"
                                        : " are both played by scn"),
               "");
  }
  // After an unknown name, go on as if the other side were right.
  if (!from) from = to ? first_of(parties_, !parties_[*to].under_test) : first_of(parties_, true);
  if (!to) to = first_of(parties_, !parties_[*from].under_test);
  out.from = *from;
  out.to = *to;
  out.direction = parties_[*from].under_test ? Direction::ue_to_ss : Direction::ss_to_ue;
}

std::optional<std::string> Flow::party(const std::string& name, const ast::SourceLoc& loc) {
  const auto& renames = current().renames;
  auto renamed = renames.find(name);
  const std::string& mapped = renamed == renames.end() ? name : renamed->second;
  if (!party_index(mapped, loc)) return std::nullopt;
  return mapped;
}

}  // namespace scn::check
