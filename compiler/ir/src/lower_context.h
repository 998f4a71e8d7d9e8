// Shared state of one lowering: the checked program, where a value is used, and the
// diagnostics for what the runtime cannot do.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "scn/check/checked.h"
#include "scn/diag/diagnostic.h"
#include "scn/ir/ir.h"

namespace scn::ir {

struct Lowering {
  const check::CheckedProgram& program;
  std::vector<diag::Diagnostic>& diagnostics;
  std::string stdlib_root;  // canonical; files under it are named "stdlib/..." in origins
  std::map<const ast::SourceFile*, std::string> origin_paths;  // cache of origin_path()

  void error(const check::SourceLoc& loc, std::string message);
  void warning(const check::SourceLoc& loc, std::string message);
};

// Where a value is evaluated: the step it belongs to. Rows of UE -> SS steps describe a
// message the UE sends, and the stdlib writes their dialog fields as the UE sees the
// dialog ("local tag" of a UE request is the UE's tag).
struct ValueScope {
  const check::Testcase* testcase = nullptr;  // null for parameter defaults
  std::size_t step = 0;
  bool ue_view = false;
};

// Lowering the mirror of the scope's test case (check::CheckOptions::mirror).
inline bool mirrored(const ValueScope& scope) { return scope.testcase && scope.testcase->mirrored; }

// ---- paths (lower_paths.cpp) ----
std::optional<Path> lower_path(const check::ResolvedPath& path, Lowering& lowering);
// The whole value of a header holding addresses: URIs written there get angle brackets.
bool holds_name_addr(const check::ResolvedPath& path);

// ---- values (lower_values.cpp) ----
Value lower_value(const check::Value& value, const ValueScope& scope, Lowering& lowering);
// A value written at `path`: a URI literal in a name-addr position is bracketed.
Value lower_value_at(const check::Value& value, const check::ResolvedPath& path,
                     const ValueScope& scope, Lowering& lowering);
Cond lower_cond(const check::Cond& cond, const ValueScope& scope, Lowering& lowering);
// Concatenation with constant folding: adjacent constants merge; all constant -> Const.
Value make_concat(std::vector<Value> parts);
// A parameter default, evaluated at compile time (other parameters by their defaults).
std::optional<std::string> evaluate_default(const check::Value& value, Lowering& lowering,
                                            int depth = 0);

// ---- conditions (lower_conds.cpp) ----
Cond cond_and(Cond a, Cond b);
Cond cond_not(Cond a);

// ---- the SS's side of dialogs (lower_dialog_view.cpp) ----
// Messages that carry the sender's Contact (target refreshes and their 1xx/2xx).
bool carries_contact(const check::Step& step);
// The latest SS -> UE step before scope.step in `dialog` that carried a Contact: the SS's
// own target in that dialog, which the runtime does not keep.
// The Contact (at `path`) of the latest SS message to the UE of the step in scope in
// `dialog`, falling back on earlier ones where that one may not run or carry one.
std::optional<Value> latest_contact(const ValueScope& scope, std::size_t dialog,
                                    const Path& path);
Value ue_view_field(const check::DialogFieldValue& field, const ValueScope& scope,
                    const check::SourceLoc& loc, Lowering& lowering);

// ---- operations (lower_ops.cpp) ----
std::vector<Op> lower_ops(const check::Testcase& tc, Lowering& lowering);
// What the operations read of each step's message (steps_read.cpp): the steps whose
// whole message is read (a relay forwards it), and the paths read of the others.
struct StepsRead {
  std::set<std::string> whole;
  std::map<std::string, std::vector<Path>> fields;  // by step id
  bool reads(const std::string& step) const { return whole.contains(step) || fields.contains(step); }
};
StepsRead steps_read(const std::vector<Op>& ops);

// ---- origins (lower_origins.cpp) ----
// Where a row of `step` comes from, for verdicts and reports: "FILE:LINE (SELECTION)",
// FILE as the user gave it or, for the standard library, "stdlib/ts34229/a2_dialog.scn";
// SELECTION `default "PRACK"`, `default "PRACK", when A5` or `exception of step 4`.
std::string row_origin(const check::Row& row, const check::Step& step, Lowering& lowering);
// "FILE:LINE" alone, FILE named as in row_origin; "" for an unknown location.
std::string line_origin(const check::SourceLoc& loc, Lowering& lowering);

// ---- rows (lower_rows.cpp) ----
std::vector<SendRow> lower_send_rows(const check::Step& step, const ValueScope& scope,
                                     Lowering& lowering);
std::vector<MatchRow> lower_match_rows(const check::Step& step, const ValueScope& scope,
                                       Lowering& lowering);

}  // namespace scn::ir
