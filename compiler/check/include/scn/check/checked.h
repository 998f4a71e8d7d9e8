// The checked program: what `scn check` proves about a set of .scn files, in the form
// the lowering to scenario IR consumes. Nothing here refers to the AST or to ANTLR;
// every name is resolved, every path is typed by the header schema, and every test
// case is one flat list of steps.
//
// Conventions:
// - Indices (step, dialog, slot, param, window) are positions in the vectors of the
//   enclosing Testcase / CheckedProgram.
// - Step numbers are those written in the spec table; `label` says "8" for the test
//   case's own step 8 and "A.15.1:3" for step 3 of procedure A.15.1.
// - Locations keep the source file alive (shared_ptr), so later phases can report
//   run-time failures at the line that asked for the value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "scn/ast/source_loc.h"
#include "scn/schema/value_type.hpp"

namespace scn::check {

using ast::SourceLoc;

// ---- paths -------------------------------------------------------------------------

// What the first segment of a path names.
enum class PathRoot { request_uri, method, status, reason_phrase, body, header };
// What the second segment names, if any.
enum class MemberKind { none, part, param };
// A piece of a URI value: Request-URI.user, Contact.addr-spec.host, Route.addr-spec.lr.
enum class UriPart { none, user, host, port, param };

// A row path or a step(N).PATH / request.PATH, resolved against the schema.
struct ResolvedPath {
  SourceLoc loc;
  std::string text;                   // as written: Contact.isfocus, Record-Route[2]
  PathRoot root = PathRoot::header;
  std::string name;                   // canonical header or pseudo-path: Record-Route
  bool list = false;                  // the header holds comma-separated values
  std::optional<std::int64_t> index;  // [N] on the header, 1-based
  MemberKind member_kind = MemberKind::none;
  std::string member;                 // canonical part or param: addr-spec, isfocus
  bool listed_member = true;          // false for a param the schema does not list
  UriPart uri_part = UriPart::none;   // a piece of the URI the path leads to
  std::string uri_param;              // uri_part == param: its name, as written
  // root == body: the XML path after "body." in the runtime's syntax
  // (conference-info.users.user[entity = "sip:u@h"].endpoint.status); empty: the body.
  std::string xml_path;
  schema::ValueType type = schema::ValueType::text;  // type of the addressed value

  // Canonical spelling used to compare rows: "Record-Route[2].lr", "Contact.addr-spec.user"
  // (index omitted when absent, names in schema case).
  std::string key() const;
};

// ---- values ------------------------------------------------------------------------

struct Value;

// Fields of a dialog, as its owner (the SS) or the message's sender sees them; the
// runtime's scn_dialog_field has the same set.
enum class DialogField {
  call_id, local_tag, remote_tag, local_uri, remote_uri, remote_target, route_set,
  local_cseq, remote_cseq
};
enum class SsField { address, host, port, transport };

struct TextValue { std::string text; };
struct IntValue { std::int64_t value = 0; };
struct BoolValue { bool value = false; };
struct DurationValue { std::int64_t millis = 0; };
// One piece of a URI literal: text, or (when expr is non-empty) one interpolated value.
struct UriPiece {
  std::string text;
  std::vector<Value> expr;  // 0 or 1 element
};
struct UriValue { std::vector<UriPiece> pieces; };
struct ParamValue { std::string name; std::size_t param = 0; };  // CheckedProgram::params
struct StoredValue { std::string name; std::size_t slot = 0; };   // Testcase::slots
// step(N).PATH, step(P:N).PATH and request.PATH (then `step` is the request's index).
struct StepFieldValue { std::size_t step = 0; ResolvedPath path; };
struct DialogFieldValue { std::size_t dialog = 0; DialogField field{}; };
struct SsFieldValue { SsField field{}; };
struct UeContactValue {};
struct ReverseValue { std::vector<Value> list; };   // exactly one element
struct SubscribedValue { std::string package; };     // true once the UE subscribed
// A condition code the step applied (`use "D" [A1]`): true unless --set A1=false
// withdraws it. Codes the step does not apply are false and never reach the program.
struct ConditionValue { std::string code; };
struct ConcatValue { std::vector<Value> parts; };   // string concatenation, in order
struct PartyAddressValue { std::string party; };    // party(FOCUS).address: HOST:PORT
// aka_challenge(user, realm, K, OP, OPc) / digest_challenge(user, realm, algorithm): a challenge the
// played registrar makes when the SS sends it (a WWW-Authenticate value).
enum class AuthScheme { digest, aka };
struct ChallengeValue { AuthScheme scheme{}; std::vector<Value> args; };

// sdp_answer() / sdp_offer(): the SDP body the played party's media endpoint gives in the
// SS message being built (RFC 3264 answer to the UE's offer in its dialog, or a new offer).
enum class SdpKind { answer, offer };
struct SdpValue { SdpKind kind{}; };

struct Value {
  SourceLoc loc;
  std::variant<TextValue, IntValue, BoolValue, DurationValue, UriValue, ParamValue,
               StoredValue, StepFieldValue, DialogFieldValue, SsFieldValue, UeContactValue,
               ReverseValue, SubscribedValue, ConditionValue, ConcatValue, PartyAddressValue,
               ChallengeValue, SdpValue>
      node;
};

// ---- conditions (`when` before a step, and run-time conditions of default rows) ---

enum class CondKind { atom, not_, and_, or_ };
struct Cond {
  SourceLoc loc;
  CondKind kind = CondKind::atom;
  std::vector<Value> atom;     // atom: one boolean value (subscribed(...), a parameter,
                               // an applied condition code)
  std::vector<Cond> operands;  // not_: one; and_/or_: two or more
};

// ---- rows --------------------------------------------------------------------------

// How a row item compares (UE -> SS) or what it sends (SS -> UE). Rows written for an
// SS -> UE step hold only `equal` (send this value), `absent` (leave it out) and
// `present` on a valueless param such as isfocus (send it). Rows an SS -> UE step takes
// from a default message may hold any matcher: the runtime fills the value itself
// (`present`, `starts`) or leaves the header out (`any`, `matches`, `one_of`).
// digest: digest_response(user, password) on Authorization.response (values: both).
enum class MatchKind { equal, present, absent, any, starts, regex, one_of, digest };

struct RowItem {
  SourceLoc loc;
  MatchKind kind = MatchKind::equal;
  std::vector<Value> values;  // equal, starts: one; one_of: the options; digest: user,
                              // password; else empty
  std::string regex;          // regex: the ECMAScript pattern (already known to compile)
};

// Where a row of a step comes from. Rows apply in order: a later row with the same
// path key replaces an earlier one (when its `when` holds, if it has one).
enum class RowSource { default_message, default_condition, step_except, range_except };

struct Row {
  SourceLoc loc;
  ResolvedPath path;
  std::vector<RowItem> items;  // several for list values: <a>, <b>
  std::optional<std::size_t> capture;  // slot stored by `-> name` (UE -> SS only)
  RowSource source = RowSource::step_except;
  // Default rows under a condition ("when A1 and px_IMS_Security"): codes the step does
  // not apply are folded away; applied codes (ConditionValue) and parameters are
  // decided at run time.
  std::optional<Cond> when;
  // default_condition: the condition of the default's `when` block that brought the row
  // in, as written ("A5", "A1 and px_IMS_Security"), for reports of where it comes from.
  std::string selected_when;
};

// ---- steps -------------------------------------------------------------------------

enum class Direction { ue_to_ss, ss_to_ue };

struct UsedDefault {
  SourceLoc loc;                        // the `use` clause
  std::string name;                     // "MO REFER"
  std::string clause;                   // "A.2.10", may be empty
  std::vector<std::string> conditions;  // applied codes, as written: A1, A5
};

// make UE1 dial "sip:..." within 5s: what the upper tester makes the step's party do.
struct Action {
  std::string verb;             // dial, answer, ... (docs/parties.md)
  std::vector<Value> operands;  // URIs as text, event packages as their names
  std::int64_t within_ms = 0;   // 0: the run's --timeout
};

// media A -> B OP ...: RTP between a played party and a party under test (docs/media.md).
// Sending operations go from the played party to the party under test, a check the
// other way.
enum class MediaOp { tone, silence, mix, dtmf, stop, check };
const char* media_op_name(MediaOp op);  // "tone", ...
struct Media {
  MediaOp op = MediaOp::check;
  std::optional<Value> value;        // tone: the frequency (Hz, text); dtmf: the digits
  std::int64_t duration_ms = 0;      // check: how long the stream is watched
  std::vector<Value> tones;          // check: frequencies (Hz) that must be heard
  std::optional<Value> dtmf;         // check: the digits that must arrive (RFC 4733)
  std::int64_t max_loss_permille = -1;  // check: -1 none
  bool loss_inclusive = false;          // `loss <= N%` (else `<`)
  std::int64_t max_jitter_us = -1;      // check: -1 none
  bool jitter_inclusive = false;
  bool rtcp = false;                    // check: an RTCP packet must arrive (RFC 3550 6)
  std::string dialog;                // `in dialog NAME`; empty: the pair's latest stream
};

// Who sends and receives: indices into Testcase::parties. A step goes between a party
// under test and a played one; `direction` says which of them sends.
struct Step {
  SourceLoc loc;
  int number = 0;
  std::string procedure;  // the procedure the step was written in; empty for the test case
  std::string label;      // the test case's number ("8"), else "A.25:3" for a step of a
                          // procedure reused whole (a preamble), numbered as in it
  std::string comment;
  Direction direction = Direction::ue_to_ss;
  bool is_request = true;
  std::string method;     // requests: the method; responses: the answered request's method
  int status = 0;         // responses only
  std::string reason;     // responses: the reason phrase written (may be empty)
  std::optional<std::size_t> answers;  // responses: index of the request step answered
  std::optional<UsedDefault> default_message;
  std::vector<Row> rows;  // default rows, then except rows, merged by path key
  std::optional<Cond> when;
  std::optional<std::size_t> window;  // the optional window the step belongs to
  std::size_t dialog = 0;             // Testcase::dialogs index
  std::size_t from = 0;               // the sender (message steps)
  std::size_t to = 1;                 // the receiver; the party made to act (actions)
  std::optional<Action> action;       // an action step: no message, no rows
  std::optional<Media> media;         // a media step: no message, no rows
  std::optional<std::int64_t> wait_ms;  // a wait step (`wait 2s`): no message, no parties
  std::optional<std::size_t> relays;  // relay N: the step whose received message is forwarded
  std::optional<std::size_t> group;   // the either / any-order group the step belongs to
  std::size_t branch = 0;             // its branch in an either group
};

// either { ... } or { ... }: the branch whose first message arrives first runs; its
// steps first..last are `branches[i]`. in any order { ... }: one branch whose steps each
// receive one message, in any order.
struct StepRange {
  std::size_t first = 0;
  std::size_t last = 0;
};
enum class GroupKind { either, any_order };
struct Group {
  SourceLoc loc;
  GroupKind kind = GroupKind::either;
  std::string comment;
  std::vector<StepRange> branches;
};

// A party of the test case: UE (under test) and SS (played) when it declares none.
struct Party {
  SourceLoc loc;  // unknown for the default ones
  std::string name;
  bool under_test = true;
  std::string description;
};

// optional within 3s { ... }: the window runs only if its first step's message arrives
// within `within_ms`; the steps first..last (inclusive) belong to it.
struct Window {
  SourceLoc loc;
  std::int64_t within_ms = 0;
  std::string comment;
  std::size_t first = 0;
  std::size_t last = 0;
};

// Dialog 0 is the implicit dialog. `as NAME` on a request starts a new dialog named NAME
// (on a response it names the dialog of the request answered); a later `in dialog NAME`
// or dialog(NAME) refers to it. A step's dialog: the one `in dialog` names; else, for a
// response, its request's; else the implicit one.
//
// With parties, a dialog belongs to the pair of parties whose steps created it (the
// implicit dialog of a pair: the first dialog of that pair); a dialog created by a
// request a played party relays belongs to the two parties under test at its ends.
struct Dialog {
  SourceLoc loc;      // where it was named (unknown for the implicit one)
  std::string name;   // empty for an unnamed dialog
  std::optional<std::pair<std::size_t, std::size_t>> parties;  // nothing: not used yet
  bool relayed = false;
};

// A value stored by `-> name` in a UE -> SS row; every use reads the latest store.
struct Slot {
  SourceLoc loc;          // the first capture
  std::string name;
  schema::ValueType type = schema::ValueType::text;
  std::size_t step = 0;   // the first step that stores it
  // In the mirror, a value stored from what a played party sends: read back from that
  // step's message (nothing is matched, so nothing is captured).
  std::optional<ResolvedPath> sent;
};

// ---- unexpected messages ---------------------------------------------------------

// A rule for a message no step waits for (`unexpected { ... }`), as scn_unexpected_rule.
enum class UnexpectedWhat { request, unknown_dialog, malformed };
enum class UnexpectedVerdict { record, fail, inconc };
struct UnexpectedRule {
  SourceLoc loc;
  UnexpectedWhat what = UnexpectedWhat::request;
  std::string method;  // "" for any method
  int status = 0;      // 0: no answer
  std::string reason;  // "": the standard reason phrase
  UnexpectedVerdict verdict = UnexpectedVerdict::record;
};

struct Testcase {
  SourceLoc loc;
  std::string name;
  std::string title;
  std::vector<Party> parties;     // never empty: UE and SS when none are declared
  bool parties_declared = false;
  // The mirror (CheckOptions::mirror): the parties' roles are swapped; matchers in rows a
  // played party sends are lowered to example values.
  bool mirrored = false;
  std::vector<Step> steps;
  std::vector<Window> windows;
  std::vector<Group> groups;
  std::vector<Dialog> dialogs;  // never empty
  std::vector<Slot> slots;
  // Its own rules, then its file's, then the imported modules', in the order tried.
  std::vector<UnexpectedRule> unexpected;
};

struct Parameter {
  SourceLoc loc;
  std::string name;
  Value value;  // the default, overridable at run time (--set NAME=VALUE)
  std::string description;
};

// A condition code applied by some step of the test cases; --set NAME=false withdraws it
// from every step that applies it.
struct Condition {
  std::string name;         // A1
  std::string description;  // its meanings in the defaults that apply it
};

struct CheckedProgram {
  std::vector<Parameter> params;
  std::vector<Condition> conditions;  // A1, A2, ..., A10: by number
  std::vector<Testcase> testcases;  // of the files named on the command line, in order
};

// Headers the runtime fills itself when the SS sends a message and no row gives them:
// Via, From, To (addresses and tags), Call-ID, CSeq, Max-Forwards, Content-Length,
// Contact (the SS's own address), and in-dialog routing (Route, Record-Route).
bool filled_by_runtime(std::string_view header) noexcept;

}  // namespace scn::check
