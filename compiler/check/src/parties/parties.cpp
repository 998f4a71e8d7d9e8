#include "parties.h"

#include <map>

namespace scn::check {

std::vector<Party> default_parties() {
  return {Party{{}, "UE", true, "the UE under test"},
          Party{{}, "SS", false, "the system simulator"}};
}

std::vector<Party> test_case_parties(const ast::Testcase& tc, Env& env) {
  if (tc.parties.empty()) return default_parties();
  std::vector<Party> out;
  std::map<std::string, const ast::PartyDecl*> seen;
  bool under_test = false;
  bool played = false;
  for (const ast::PartyDecl& decl : tc.parties) {
    const std::string& name = decl.name.value;
    if (auto [it, added] = seen.emplace(name, &decl); !added) {
      env.report.error(decl.name.loc, "party " + name + " is already declared at line " +
                                          std::to_string(it->second->loc.line));
      continue;
    }
    const bool ue = decl.kind == ast::PartyKind::ue;
    under_test = under_test || ue;
    played = played || !ue;
    out.push_back(Party{decl.loc, name, ue, decl.description ? decl.description->value : ""});
  }
  if (!under_test || !played)
    env.report.error(tc.parties.front().loc,
                     std::string("a test case with parties needs at least one party under test "
                                 "(ue) and one played by scn (ss); this one has no ") +
                         (under_test ? "ss" : "ue") + " party");
  return out;
}

PartyNames party_names(const std::vector<Party>& parties) {
  PartyNames out;
  for (const Party& p : parties) (p.under_test ? out.under_test : out.played).push_back(p.name);
  return out;
}

}  // namespace scn::check
