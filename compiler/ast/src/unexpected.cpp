// Names of the unexpected-message rule kinds, as the language writes them.
#include "scn/ast/unexpected.h"

namespace scn::ast {

const char* unexpected_what_name(UnexpectedWhat what) {
  switch (what) {
    case UnexpectedWhat::request: return "request";
    case UnexpectedWhat::unknown_dialog: return "request in unknown dialog";
    case UnexpectedWhat::malformed: return "malformed";
  }
  return "request";
}

const char* unexpected_verdict_name(UnexpectedVerdict verdict) {
  switch (verdict) {
    case UnexpectedVerdict::record: return "record";
    case UnexpectedVerdict::fail: return "fail";
    case UnexpectedVerdict::inconc: return "inconc";
  }
  return "record";
}

}  // namespace scn::ast
