// Expressions: the values a row, a parameter or a condition is made of.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "scn/ast/source_loc.h"

namespace scn::ast {

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct StringLit { std::string value; };  // escapes already resolved
struct IntLit { std::int64_t value = 0; };
struct BoolLit { bool value = false; };

enum class TimeUnit { ms, s, min };
struct DurationLit {
  std::int64_t amount = 0;
  TimeUnit unit = TimeUnit::s;
  std::int64_t millis() const;
};

// One piece of a URI: literal text, or an interpolated {expr}.
struct UriPart {
  SourceLoc loc;
  std::string text;  // used when expr is null
  ExprPtr expr;
};
struct UriLit { std::vector<UriPart> parts; };  // between '<' and '>'

struct NameRef { std::string name; };  // a parameter or a stored value

// object.member; quoted when written "..." (feature tags such as "+g.3gpp.icsi-ref").
struct Member {
  ExprPtr object;
  std::string member;
  bool quoted = false;
};
struct Index {  // object[N], 1-based as in the spec tables
  ExprPtr object;
  std::int64_t index = 0;
};
struct Call {  // step(3), dialog(focus), reverse(...), subscribed(conference)
  std::string callee;
  std::vector<ExprPtr> args;
};
struct StepRef {  // A.25:4 inside step(...): step 4 of procedure A.25
  std::string procedure;
  std::int64_t step = 0;
};
struct Concat { std::vector<ExprPtr> parts; };  // a + b + c

struct Expr {
  SourceLoc loc;
  std::variant<StringLit, IntLit, BoolLit, DurationLit, UriLit, NameRef, Member, Index,
               Call, StepRef, Concat>
      node;
};

}  // namespace scn::ast
