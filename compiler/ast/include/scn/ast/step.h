// Steps of a test case or procedure: single steps, reused procedure ranges and
// optional blocks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "scn/ast/value.h"

namespace scn::ast {

enum class Role { ue, ss };
const char* role_name(Role role);

struct Direction {
  SourceLoc loc;
  Role from = Role::ue;
  Role to = Role::ss;
};

// REFER, or 200 OK (the reason phrase is optional).
struct Message {
  SourceLoc loc;
  enum class Kind { method, status } kind = Kind::method;
  std::string method;
  int status = 0;
  std::string reason;  // words joined by single spaces
  std::string text() const;
};

struct Text {  // a quoted string with its location (comments, titles)
  SourceLoc loc;
  std::string value;
};

struct Name {  // an identifier with its location
  SourceLoc loc;
  std::string value;
};

// use "MO REFER" [A1, A5]
struct UseClause {
  SourceLoc loc;
  Text name;
  std::vector<Name> conditions;
};

// except { PATH = VALUE ... } after a step (possibly empty).
struct ExceptBlock {
  SourceLoc loc;
  std::vector<Assignment> rows;
};

struct Step {
  SourceLoc loc;
  int number = 0;
  CondPtr when;  // when EXPR before the direction
  Direction direction;
  Message message;
  std::optional<Name> dialog_as;  // as NAME: this message creates/names the dialog
  std::optional<Name> dialog_in;  // in dialog NAME
  std::optional<Text> comment;
  std::optional<UseClause> use;
  std::optional<ExceptBlock> except;
};

// N: [MESSAGE] { rows } inside "steps A-B of P except { ... }"
struct StepException {
  SourceLoc loc;
  int step = 0;
  std::optional<Message> message;
  std::vector<Assignment> rows;
};

// steps 1-7 of A.15.1 except { ... }; no range means every step.
struct StepsRef {
  SourceLoc loc;
  std::optional<int> first;
  std::optional<int> last;  // absent for a single step
  Name procedure;
  std::vector<StepException> exceptions;
};

struct StepItem;

// optional within 3s "comment" { steps }
struct OptionalBlock {
  SourceLoc loc;
  Expr within;  // holds a DurationLit
  std::optional<Text> comment;
  std::vector<StepItem> items;
};

struct StepItem {
  std::variant<Step, StepsRef, OptionalBlock> node;
  const SourceLoc& loc() const;
};

}  // namespace scn::ast
