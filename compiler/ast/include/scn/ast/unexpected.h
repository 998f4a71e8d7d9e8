// unexpected { ... }: what the SS does with a message no step waits for (a TTCN-3 default
// altstep), one rule per line: a pattern and what it does (docs/language.md).
#pragma once

#include <optional>
#include <vector>

#include "scn/ast/step.h"

namespace scn::ast {

enum class UnexpectedWhat {
  request,         // a request of `method` (any method when empty)
  unknown_dialog,  // ... with a To tag of no dialog the SS knows
  malformed,       // a message that does not parse
};
enum class UnexpectedVerdict { record, fail, inconc };

const char* unexpected_what_name(UnexpectedWhat what);        // "request", ...
const char* unexpected_verdict_name(UnexpectedVerdict verdict);  // "record", ...

// OPTIONS answer 200, request in unknown dialog answer 481 "...", malformed answer 400, fail
struct UnexpectedRule {
  SourceLoc loc;
  UnexpectedWhat what = UnexpectedWhat::request;
  std::optional<Name> method;  // as written; absent for `request` and `malformed`
  std::optional<int> answer;   // the final response code
  SourceLoc answer_loc;
  std::optional<Text> reason;
  UnexpectedVerdict verdict = UnexpectedVerdict::record;
};

struct UnexpectedBlock {  // unexpected "description" { rules }
  SourceLoc loc;
  std::optional<Text> description;
  std::vector<UnexpectedRule> rules;
};

}  // namespace scn::ast
