#include "bindings.h"

#include <algorithm>

namespace scn::check {

namespace {

// The party a procedure's UE or SS stands for under `with`; the name itself otherwise.
std::string mapped(const std::string& name, const std::vector<ast::PartyBinding>& bindings) {
  for (const ast::PartyBinding& b : bindings)
    if (b.role.value == name && !name.empty()) return b.party.value;
  return name;
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

void check_binding(const ast::PartyBinding& b, const PartyNames& parties, Env& env) {
  const std::string& role = b.role.value;
  const std::string& party = b.party.value;
  if (role != "UE" && role != "SS") {
    env.report.error(b.role.loc, "a procedure's steps name UE and SS; '" + role +
                                     "' is neither" + did_you_mean(role, {"UE", "SS"}));
    return;
  }
  const bool under_test = role == "UE";
  const auto& same = under_test ? parties.under_test : parties.played;
  const auto& other = under_test ? parties.played : parties.under_test;
  if (contains(same, party)) return;
  if (contains(other, party)) {
    env.report.error(b.party.loc, role + " stands for a party " +
                                      (under_test ? "under test (ue)" : "played by scn (ss)") +
                                      ", and " + party + " is " +
                                      (under_test ? "played by scn" : "under test"));
    return;
  }
  std::vector<std::string> all = same;
  all.insert(all.end(), other.begin(), other.end());
  env.report.error(b.party.loc, "unknown party '" + party + "'" + did_you_mean(party, all));
}

}  // namespace

void check_bindings(const ast::StepsRef& ref, const PartyNames& parties, Env& env) {
  for (const ast::PartyBinding& b : ref.parties) check_binding(b, parties, env);
}

void rename(FlatStep& step, const std::vector<ast::PartyBinding>& bindings) {
  if (bindings.empty()) return;
  step.from = mapped(step.from, bindings);
  step.to = mapped(step.to, bindings);
  for (auto& [written, name] : step.renames) name = mapped(name, bindings);
  for (const ast::PartyBinding& b : bindings) step.renames.emplace(b.role.value, b.party.value);
}

}  // namespace scn::check
