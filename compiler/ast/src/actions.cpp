#include "scn/ast/actions.h"

#include <algorithm>

namespace scn::ast {

std::span<const ActionSpec> actions() {
  using enum OperandKind;
  static const std::vector<ActionSpec> specs = {
      {"dial", {uri}},        {"answer", {}},
      {"hangup", {}},         {"transfer", {uri}},
      {"conference_create", {}}, {"conference_add", {uri}},
      {"subscribe", {uri, package}}, {"unsubscribe", {}},
  };
  return specs;
}

const ActionSpec* find_action(std::string_view verb) {
  auto all = actions();
  auto it = std::find_if(all.begin(), all.end(),
                         [&](const ActionSpec& s) { return s.verb == verb; });
  return it == all.end() ? nullptr : &*it;
}

}  // namespace scn::ast
