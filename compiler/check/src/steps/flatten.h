// Expanding a test case's (or a procedure's) items into one flat list of steps:
// procedure ranges are copied in with their per-step exceptions attached, optional
// blocks become windows over the list.
//
// Numbering: every step has addresses (namespace, number, instance). A step written in
// procedure P is (P, N, i) for the i-th expansion of P; "steps A-B of P" also gives the
// reused steps the including container's address (they keep their numbers, as in the
// spec's "1-7 | Steps 1-7 of A.15.1"); "steps of P" (no range) reuses a whole procedure
// as a preamble or postamble whose steps are known only as P:N.
//
// Parties: a step keeps the names of its sender and receiver as the container sees them;
// "steps ... of P with UE = UE1, SS = FOCUS" renames the procedure's UE and SS. Either
// and any-order blocks become groups over the list, each branch a run of steps.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "env.h"
#include "scn/ast/module.h"

namespace scn::check {

struct StepAddress {
  std::string ns;  // "" for the container's own numbering, else a procedure name
  int number = 0;
  std::size_t instance = 0;
};

struct FlatStep {
  const ast::Step* step = nullptr;
  std::string from;  // the sender's party name (empty for an action)
  std::string to;    // the receiver's; for an action, the party made to act
  // The container's names for the parties the step's own procedure calls UE and SS
  // (`with UE = UE1`), for party(NAME) in its rows; empty: the names as written.
  std::map<std::string, std::string> renames;
  std::vector<StepAddress> addresses;
  std::string procedure;    // where the step is written ("" = the container itself)
  std::size_t instance = 0; // the expansion its own step(N) references are read in
  const ast::StepsRef* via = nullptr;  // the container's reference that brought it in
  std::vector<const ast::StepException*> exceptions;  // innermost reference first
  std::optional<std::size_t> window;
  std::optional<std::size_t> group;
  std::size_t branch = 0;
  // The conditions of the `when` blocks around the step, outermost first.
  std::vector<const ast::CondExpr*> whens;

  bool has_address(const std::string& ns, int number, std::optional<std::size_t> instance) const;
};

struct FlatWindow {
  const ast::OptionalBlock* block = nullptr;
  const ast::StepsRef* via = nullptr;  // set when the block comes from a procedure
  std::size_t first = 0;
  std::size_t last = 0;
  bool empty = true;
};

struct FlatRange {
  std::size_t first = 0;
  std::size_t last = 0;
  bool empty = true;
};

struct FlatGroup {
  GroupKind kind = GroupKind::either;
  SourceLoc loc;
  std::vector<SourceLoc> branch_locs;  // either: each branch's '{'
  const ast::Text* comment = nullptr;
  const ast::StepsRef* via = nullptr;  // set when the block comes from a procedure
  std::vector<FlatRange> branches;
};

struct Flattened {
  std::vector<FlatStep> steps;
  std::vector<FlatWindow> windows;
  std::vector<FlatGroup> groups;
};

// The parties a container's steps may name, for checking `with` mappings.
struct PartyNames {
  std::vector<std::string> under_test;
  std::vector<std::string> played;
};

// `ns` is "" for a test case and the procedure's name for a procedure checked alone.
Flattened flatten(const std::vector<ast::StepItem>& items, const std::string& ns,
                  const PartyNames& parties, Env& env);

}  // namespace scn::check
