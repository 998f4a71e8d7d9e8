// The context every part of the checker works in: the schema, where diagnostics go,
// what the current module can name, and program-wide tables.
#pragma once

#include <map>
#include <set>
#include <string>

#include "exprs/types.h"
#include "report.h"
#include "scn/check/checked.h"
#include "scn/schema/schema.hpp"
#include "scope.h"

namespace scn::check {

// Program-wide facts gathered before the steps are checked.
struct ProgramTables {
  std::map<const ast::Param*, std::size_t> param_index;  // into CheckedProgram::params
  std::map<const ast::Param*, StaticType> param_types;
  std::set<std::string> captured_names;        // every `-> name` in the program
  std::set<std::string> dialog_names;          // every `as NAME` in the program
  std::set<const ast::Param*> used_params;     // filled while checking
  std::set<const ast::Param*> resolving;       // parameters being typed, for cycles
};

struct Env {
  const schema::Schema& schema;
  Reporter& report;
  const Scope& scope;
  ProgramTables& tables;
  // Checking the mirror (CheckOptions): played parties send what the rows describe for a
  // UE, so matchers there are examples to send, and the SS's SDP and challenges are
  // checked for presence only.
  bool mirror = false;
};

// The message a row or a path belongs to, as far as it is known.
struct MessageShape {
  bool is_request = true;
  std::string method;  // requests: the method; responses: the answered request's, or ""
  int status = 0;      // responses
  std::string text() const;  // "NOTIFY request", "200 response to INVITE", "200 response"
};

}  // namespace scn::check
