// Steps of a test case or procedure: single steps (messages and actions), reused
// procedure ranges, optional blocks, alternatives (either) and any-order groups; and the
// parties a test case declares (docs/parties.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "scn/ast/value.h"

namespace scn::ast {

struct Text {  // a quoted string with its location (comments, titles)
  SourceLoc loc;
  std::string value;
};

struct Name {  // an identifier with its location
  SourceLoc loc;
  std::string value;
};

// SENDER -> RECEIVER: party names as written (UE and SS in a test case that declares no
// parties and in procedures; the checker resolves them).
struct Direction {
  SourceLoc loc;
  Name from;
  Name to;
};

// party UE1 ue "conference initiator"
enum class PartyKind { ue, ss };
struct PartyDecl {
  SourceLoc loc;
  Name name;
  PartyKind kind = PartyKind::ue;
  std::optional<Text> description;
};
const char* party_kind_name(PartyKind kind);  // "ue", "ss"

// REFER, or 200 OK (the reason phrase is optional).
struct Message {
  SourceLoc loc;
  enum class Kind { method, status } kind = Kind::method;
  std::string method;
  int status = 0;
  std::string reason;  // words joined by single spaces
  std::string text() const;
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

// relay 5, relay A.25:3 (in place of `use`): forward the message received in that step.
struct RelayClause {
  SourceLoc loc;
  std::string procedure;  // empty for the container's own step numbers
  int step = 0;
  std::string label() const;  // "5", "A.25:3"
};

// make UE1 dial "sip:..." within 5s: the upper tester makes a party under test act.
struct Action {
  SourceLoc loc;
  Name party;
  Name verb;                      // dial, answer, hangup, ...
  std::vector<ExprPtr> operands;  // as written, the comment already taken off
  std::optional<Expr> within;     // holds a DurationLit
};

// One check of a media check step: tone 440 Hz, dtmf "5", loss < 5%, jitter < 30ms, rtcp.
struct MediaCheck {
  SourceLoc loc;
  Name what;                     // tone, dtmf, loss, jitter, rtcp (checked by the checker)
  ExprPtr value;                 // tone: the frequency in Hz; dtmf: the digits
  std::string comparison;        // loss and jitter: "<" or "<=" as written
  std::optional<std::int64_t> percent;  // loss
  std::optional<Expr> duration;  // jitter: a DurationLit
};

// media FOCUS -> UE1 tone 440 Hz, media UE1 -> FOCUS check for 3s { ... }: RTP between
// a played party and a party under test (docs/media.md). The step's direction holds the
// parties.
struct Media {
  SourceLoc loc;
  Name op;                       // tone, silence, mix, dtmf, stop, check
  ExprPtr value;                 // tone: the frequency in Hz; dtmf: the digits
  std::optional<Expr> duration;  // check for DURATION: a DurationLit
  std::vector<MediaCheck> checks;
};

// wait 2s: the test lets time pass (the UE's messages meanwhile are kept for later steps).
struct Wait {
  SourceLoc loc;
  std::optional<Expr> duration;  // a DurationLit; absent when none was written
};

// A numbered step: a message (direction and message) or, when `action` is set, an
// action of the upper tester (then direction and message are empty), or, when `media`
// is set, a media step (direction set, message empty), or, when `wait` is set, a wait
// step (direction and message empty).
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
  std::optional<RelayClause> relay;
  std::optional<ExceptBlock> except;
  std::optional<Action> action;
  std::optional<Media> media;
  std::optional<Wait> wait;
};

// N: [MESSAGE] { rows } inside "steps A-B of P except { ... }"
struct StepException {
  SourceLoc loc;
  int step = 0;
  std::optional<Message> message;
  std::vector<Assignment> rows;
};

// UE = UE1 inside "steps ... of P with UE = UE1, SS = FOCUS"
struct PartyBinding {
  SourceLoc loc;
  Name role;   // the procedure's name: UE or SS
  Name party;  // the test case's party
};

// steps 1-7 of A.15.1 with ... except { ... }; no range means every step.
struct StepsRef {
  SourceLoc loc;
  std::optional<int> first;
  std::optional<int> last;  // absent for a single step
  Name procedure;
  std::vector<PartyBinding> parties;
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

// either "comment" { steps } or { steps } ...: two or more branches.
struct EitherBlock {
  SourceLoc loc;
  std::optional<Text> comment;
  std::vector<SourceLoc> branch_locs;  // each branch's '{'
  std::vector<std::vector<StepItem>> branches;
};

// in any order { steps }
struct AnyOrderBlock {
  SourceLoc loc;
  std::vector<StepItem> items;
};

// when COND { steps }: every step inside runs only when COND holds (a preamble the UE
// may already have done, such as its registration).
struct WhenBlock {
  SourceLoc loc;
  CondPtr when;
  std::vector<StepItem> items;
};

struct StepItem {
  std::variant<Step, StepsRef, OptionalBlock, EitherBlock, AnyOrderBlock, WhenBlock> node;
  const SourceLoc& loc() const;
  // The lists of items written inside this one (a window's, each branch's), in order.
  std::vector<const std::vector<StepItem>*> blocks() const;
};

}  // namespace scn::ast
