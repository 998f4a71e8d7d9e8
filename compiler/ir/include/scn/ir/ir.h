// The scenario IR: what a test case does, as straight-line operations on the runtime's
// C ABI (scn_rt.h), with every decision that can be taken at compile time taken.
//
// The lowering (lower.h) builds it from the checked program; the LLVM code generation
// turns it into one entry function per test case plus constant tables. The IR's own
// enumerations that cross into generated code take their values from scn_rt.h, so the
// code generator writes them as they are; those it shares with the checker (Direction,
// DialogField) are the checker's, and the code generator maps them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "scn/check/checked.h"
#include "scn/scn_rt.h"

namespace scn::ir {

// ---- paths (scn_path) ---------------------------------------------------------------

enum class Target {
  request_uri = SCN_PATH_REQUEST_URI, status = SCN_PATH_STATUS, reason = SCN_PATH_REASON,
  method = SCN_PATH_METHOD, header = SCN_PATH_HEADER, body = SCN_PATH_BODY
};

enum class Part {
  whole = SCN_PART_WHOLE, addr_spec = SCN_PART_ADDR_SPEC,
  display_name = SCN_PART_DISPLAY_NAME, param = SCN_PART_PARAM,
  uri_user = SCN_PART_URI_USER, uri_host = SCN_PART_URI_HOST, uri_port = SCN_PART_URI_PORT,
  uri_param = SCN_PART_URI_PARAM, token = SCN_PART_TOKEN, cseq_seq = SCN_PART_CSEQ_SEQ,
  cseq_method = SCN_PART_CSEQ_METHOD, rack_rseq = SCN_PART_RACK_RSEQ,
  rack_cseq = SCN_PART_RACK_CSEQ, via_sent_by = SCN_PART_VIA_SENT_BY,
  via_transport = SCN_PART_VIA_TRANSPORT, via_host = SCN_PART_VIA_HOST,
  via_port = SCN_PART_VIA_PORT
};

struct Path {
  Target target = Target::header;
  std::string header;   // canonical name for Target::header
  unsigned index = 0;   // 1-based; 0: none given
  Part part = Part::whole;
  std::string name;     // param name for Part::param and Part::uri_param; for
                        // Target::body the XML path after "body." (runtime/body/body.h),
                        // empty for the whole body
  bool operator==(const Path&) const = default;
};

// ---- values (scn_str at run time) ----------------------------------------------------

// In the IR always the SS's view of the dialog (scn_dialog_field).
using DialogField = check::DialogField;

struct Value;

struct Const { std::string text; };                    // folded at compile time
struct ParamRef { std::string name; };                 // scn_param: --set may override
struct StoredRef { std::string slot; };                // scn_stored
struct StepFieldRef { std::string step; Path path; };  // scn_step_field
struct DialogFieldRef { std::string dialog; DialogField field{}; };  // scn_dialog_field
struct SsAddress {};                                   // scn_ss_address
struct Concat { std::vector<Value> parts; };           // scn_concat; never all constant
struct Reverse { std::vector<Value> list; };           // scn_list_reverse; one element
struct PartyAddress { std::string party; };            // scn_party_address
// A challenge of the played registrar (scn_auth_challenge): args user, realm, algorithm
// (digest) or user, realm, K, OP, OPc (AKA).
enum class AuthScheme { digest = SCN_AUTH_DIGEST, aka = SCN_AUTH_AKA };
struct Challenge { AuthScheme scheme{}; std::vector<Value> args; };
// A played UE's answer to a challenge (scn_auth_credentials, the mirror): args challenge,
// method, digest-uri, user, password, K, OP, OPc.
struct Credentials { std::vector<Value> args; };
// The SDP body of the SS message being built, from its played party's media endpoint
// (scn_sdp).
enum class SdpKind { answer = SCN_SDP_ANSWER, offer = SCN_SDP_OFFER };
struct Sdp { SdpKind kind{}; };
// The first of the values that is not empty at run time (the last one otherwise): a
// field of the latest of several earlier steps when the latest may not have run (an
// optional window, a branch of `either`). Two or more values; no call of its own.
struct FirstOf { std::vector<Value> values; };

struct Value {
  std::variant<Const, ParamRef, StoredRef, StepFieldRef, DialogFieldRef, SsAddress, Concat,
               Reverse, PartyAddress, FirstOf, Challenge, Credentials, Sdp>
      node;
};

bool is_const(const Value& value);
const std::string* const_text(const Value& value);  // nullptr unless constant

// ---- conditions (evaluated at run time) ----------------------------------------------

// `condition`: a code the step applied (A1), true unless --set A1=false (scn_condition).
enum class CondKind { constant, param_true, subscribed, condition, not_, and_, or_ };

struct Cond {
  CondKind kind = CondKind::constant;
  bool value = false;              // constant
  std::string name;                // param_true: the parameter; subscribed: the package;
                                   // condition: the code
  std::vector<Cond> operands;      // not_: one; and_/or_: two or more
  int party = -1;                  // subscribed: the party under test asked about (-1: any)
  std::string holder;              // subscribed: its name, for dumps of test cases that
                                   // declare parties ("" otherwise)
};

// ---- sending (scn_out_*) -------------------------------------------------------------

enum class SendOp {
  set = SCN_SEND_SET, absent = SCN_SEND_ABSENT, present = SCN_SEND_PRESENT,
  append = SCN_SEND_APPEND
};

struct SendRow {
  Path path;
  SendOp op = SendOp::set;
  Value value;                // SendOp::set / append
  std::optional<Cond> when;   // applied only when it holds
};

struct Send {
  bool request = true;
  std::string method;   // requests: the method; responses: the answered request's
  int status = 0;       // responses
  std::string reason;   // responses; empty: the standard phrase
  std::string dialog;   // empty: the implicit dialog
  std::vector<SendRow> rows;  // in application order
};

// ---- receiving (scn_expect) ----------------------------------------------------------

enum class MatchKind {
  equal = SCN_MATCH_EQUAL, equal_list = SCN_MATCH_EQUAL_LIST, present = SCN_MATCH_PRESENT,
  absent = SCN_MATCH_ABSENT, any = SCN_MATCH_ANY, prefix = SCN_MATCH_PREFIX,
  regex = SCN_MATCH_REGEX, one_of = SCN_MATCH_ONE_OF, digest = SCN_MATCH_DIGEST
};

struct MatchRow {
  Path path;
  MatchKind kind = MatchKind::equal;
  std::vector<Value> values;
  std::string capture;        // slot name, or empty
  std::optional<Cond> when;   // the row is checked only when it holds
  std::string origin;         // "FILE:LINE ..." of the row that demanded it (scn_match_row)
};

struct Expect {
  std::string method;   // requests; empty for a response
  int status = 0;       // responses; 0: any final response (rows judge Status)
  std::vector<MatchRow> rows;
  std::int64_t timeout_ms = 0;  // 0: the run's --timeout
  bool optional = false;        // the first step of a window: a timeout skips the window
};

// ---- operations ----------------------------------------------------------------------

struct Op;

struct StepBegin { std::size_t step = 0; };  // index into Testcase::steps

// `when COND` before a step.
struct If {
  Cond cond;
  std::vector<Op> ops;
};

// `optional within Ns`: ops run in order; the first Expect is optional, and when it times
// out the rest of the window is skipped.
struct Window {
  std::int64_t within_ms = 0;
  std::string comment;
  std::vector<Op> ops;
};

// relay N: scn_out_relay (the message received in step `step`, forwarded as a proxy),
// the rows, scn_send.
struct Relay {
  std::string step;           // the relayed step's id
  std::vector<SendRow> rows;  // in application order
};

// make PARTY ACTION ...: scn_act; the step names the party.
struct Act {
  std::string action;           // dial, answer, ...
  std::vector<Value> operands;
  std::int64_t timeout_ms = 0;  // 0: the run's --timeout
};

// media A -> B OP ...: scn_media; the step names the parties.
enum class MediaOp {
  tone = SCN_MEDIA_TONE, silence = SCN_MEDIA_SILENCE, mix = SCN_MEDIA_MIX,
  dtmf = SCN_MEDIA_DTMF, stop = SCN_MEDIA_STOP, check = SCN_MEDIA_CHECK
};
struct Media {
  MediaOp op = MediaOp::check;
  std::string dialog;            // empty: the pair's latest stream
  std::optional<Value> value;    // tone: Hz; dtmf: digits
  std::int64_t duration_ms = 0;  // check
  std::vector<Value> tones;      // check: Hz
  std::optional<Value> dtmf;     // check
  int max_loss_permille = -1;
  int max_jitter_us = -1;
  int flags = 0;                 // SCN_MEDIA_LOSS_INCLUSIVE, _JITTER_INCLUSIVE, _RTCP
};

// wait 2s: scn_wait after the step's begin.
struct Wait {
  std::int64_t ms = 0;
};

// A step whose message is awaited among others (scn_expect_alt): the runtime enters it
// when its message is taken, so it has no StepBegin of its own.
struct Awaited {
  std::size_t step = 0;  // index into Testcase::steps
  Expect expect;
};

// either { ... } or { ... }: scn_expect_first over the first step of each branch, then
// the rest of the chosen branch.
struct ExpectFirst {
  std::vector<Awaited> alternatives;
  std::vector<std::vector<Op>> branches;  // one per alternative
  std::string comment;
};

// in any order { ... }: scn_expect_each.
struct ExpectEach {
  std::vector<Awaited> members;
};

struct Op {
  std::variant<StepBegin, Send, Expect, If, Window, Relay, Act, Media, ExpectFirst, ExpectEach,
               Wait>
      node;
};

// ---- the program (scn_program) -------------------------------------------------------

using Direction = check::Direction;  // scn_direction once generated

enum class StepKind {  // scn_step_kind
  message = SCN_STEP_MESSAGE, action = SCN_STEP_ACTION, media = SCN_STEP_MEDIA, wait = SCN_STEP_WAIT
};

constexpr int upper_tester = SCN_UPPER_TESTER;  // StepDesc::from of an action step

struct StepDesc {  // scn_step
  std::string id;  // "8", "A.25:3"
  Direction direction = Direction::ue_to_ss;
  std::string message;  // "INVITE", "200 OK"
  std::string comment;
  std::string dialog;
  int from = 0;  // Testcase::parties index, or upper_tester
  int to = 1;
  StepKind kind = StepKind::message;
  std::string window_end;  // the first step of an optional window: the window's last step id
  bool message_read = false;  // a later operation reads its message (steps_read.cpp)
  // When later operations read only fields of it: those paths (a relay, which forwards
  // the whole message, leaves this empty with message_read true).
  std::vector<Path> fields_read{};
};

struct PartyDef {  // scn_party
  std::string name;
  bool under_test = true;
  std::string description;
};

// A rule for a message no step waits for (scn_unexpected_rule), in the order tried.
enum class UnexpectedWhat {
  request = SCN_UNEXPECTED_REQUEST, unknown_dialog = SCN_UNEXPECTED_UNKNOWN_DIALOG,
  malformed = SCN_UNEXPECTED_MALFORMED
};
enum class UnexpectedVerdict {
  record = SCN_UNEXPECTED_RECORD, fail = SCN_UNEXPECTED_FAIL, inconc = SCN_UNEXPECTED_INCONC
};
struct UnexpectedRule {
  UnexpectedWhat what = UnexpectedWhat::request;
  std::string method;  // "": any method
  int status = 0;      // 0: no answer
  std::string reason;  // "": the standard reason phrase
  UnexpectedVerdict verdict = UnexpectedVerdict::record;
  std::string origin;  // "stdlib/ts34229/unexpected.scn:9", as match rows name theirs
};

struct Testcase {
  std::string name;
  std::string title;
  std::vector<PartyDef> parties;  // never empty: UE and SS when none are declared
  std::vector<StepDesc> steps;
  std::vector<Op> ops;
  std::vector<UnexpectedRule> unexpected;
  bool parties_declared = false;  // the dump shows declared parties only
};

struct ParamDef {
  std::string name;
  std::string default_value;  // evaluated at compile time
  std::string description;
};

struct ConditionDef {  // scn_condition_def
  std::string name;          // A1
  bool default_value = true;
  std::string description;
};

struct Program {
  std::string name;  // the scenario file's name without folder and extension
  std::vector<ParamDef> params;
  std::vector<ConditionDef> conditions;  // the codes the test cases apply
  std::vector<Testcase> testcases;
};

}  // namespace scn::ir
