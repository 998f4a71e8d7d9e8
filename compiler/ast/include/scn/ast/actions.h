// The upper tester's vocabulary: the actions `make PARTY ACTION OPERAND...` may ask of a
// party under test, with the operands each takes (docs/parties.md). The front end uses
// the operand counts to tell a trailing comment from a last operand; the checker types
// the operands.
#pragma once

#include <span>
#include <string_view>
#include <vector>

namespace scn::ast {

enum class OperandKind {
  uri,      // a SIP or tel URI: "sip:user@home.net", <sip:...>, a parameter
  package,  // an event package: conference, reg, refer
};

struct ActionSpec {
  std::string_view verb;
  std::vector<OperandKind> operands;
};

std::span<const ActionSpec> actions();
const ActionSpec* find_action(std::string_view verb);  // nullptr when unknown

}  // namespace scn::ast
