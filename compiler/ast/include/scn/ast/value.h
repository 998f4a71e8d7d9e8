// Rows (PATH = VALUE), their paths and values, matchers and condition expressions.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "scn/ast/expr.h"

namespace scn::ast {

// [entity = "sip:u@h"]: an element of an XML body chosen by an attribute's value.
// [audio]: a part of an SDP body chosen by its name (bare: no value).
struct PathSelector {
  SourceLoc loc;
  std::string key;    // the attribute, with its prefix if written (ci:entity)
  bool key_quoted = false;
  std::string value;  // escapes resolved
  bool bare = false;  // [name] alone
};

// Header[2].part: a header or pseudo-header (Request-URI, Status, body) then parts. In a
// body path (body.conference-info.users.user[2].@entity) the parts are XML names.
struct PathSegment {
  SourceLoc loc;
  std::string name;        // an XML name keeps its prefix: ci:users
  bool quoted = false;
  bool attribute = false;  // @name
  std::optional<std::int64_t> index;       // [N]
  std::optional<PathSelector> selector;    // [name = "value"]
  bool xml_only() const;   // written as only an XML name can be: @, prefix or selector
};
struct Path {
  SourceLoc loc;
  std::vector<PathSegment> segments;  // never empty when built by the front end
  std::string text() const;           // Header[2].part, body.users.user[entity = "x"]
};

// Matchers, for what the UE must send (and for default-message rows).
struct MatchPresent {};
struct MatchAbsent {};
struct MatchAny {};
struct MatchStarts { ExprPtr prefix; };
struct MatchRegex { std::string pattern; };  // between the slashes, unescaped
struct MatchOneOf { std::vector<ExprPtr> options; };

// One item of a row value: a plain expression or a matcher.
struct ValueItem {
  SourceLoc loc;
  std::variant<ExprPtr, MatchPresent, MatchAbsent, MatchAny, MatchStarts, MatchRegex,
               MatchOneOf>
      node;
};

struct Capture {  // -> name: store the received value for later steps
  SourceLoc loc;
  std::string name;
};

// <a>, <b> -> name; items may be empty when the value is only a capture.
struct RowValue {
  SourceLoc loc;
  std::vector<ValueItem> items;
  std::optional<Capture> capture;
};

struct Assignment {
  SourceLoc loc;
  Path path;
  RowValue value;
};

// and / or / not over atoms (condition codes, calls such as subscribed(conference)).
// and/or are n-ary: "A1 or A2 or A3" is one node with three operands.
struct CondExpr;
using CondPtr = std::unique_ptr<CondExpr>;
enum class CondOp { atom, not_, and_, or_ };
struct CondExpr {
  SourceLoc loc;
  CondOp op = CondOp::atom;
  ExprPtr atom;                   // op == atom
  std::vector<CondPtr> operands;  // not_: one; and_, or_: two or more
};

}  // namespace scn::ast
