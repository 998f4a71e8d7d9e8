// executor: one run of one test case as the SS, behind the C ABI (scn_rt.h): the run
// options, the executor itself, the trace of every message and the verdict.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "dialog/dialog.h"
#include "msg/msg.h"
#include "scn/scn_rt.h"
#include "template/template.h"
#include "transaction/transaction.h"
#include "transport/transport.h"

// The run options of the command-line contract (`scn run` and built executables share
// them): parsed by hand here so that built executables carry only the runtime.
namespace scn {

struct RunOptions {
  std::string testcase;  // empty: the only test case of the program
  std::string bind = "127.0.0.1:5060";
  std::string ue;        // empty: none
  std::string transport = "udp";
  std::vector<std::pair<std::string, std::string>> settings;  // --set NAME=VALUE, in order
  unsigned timeout_ms = 10000;
  std::string trace_file;
  std::string junit_file;
  bool quiet = false;
  unsigned linger_ms = 4000;  // RFC 3261 T2: the longest gap between UE retransmissions
  bool help = false;
};

// Parses argv[1..argc-1]. Options take their value as the next argument or after '='
// ("--bind=127.0.0.1:5070"). Errors name the option: "--timeout: not a number of
// seconds: 'x'". Every value is checked here (addresses, transport, timeout, NAME=VALUE);
// --set names are checked against the program later (check_settings).
Result<RunOptions> parse_run_options(int argc, const char* const* argv);

// The same options from the C struct of the JIT driver (its fields already parsed).
Result<RunOptions> run_options_from(const scn_run_config& config);

// Usage text of the run options, for --help and option errors.
std::string run_options_usage(const std::string& program_name);

}  // namespace scn

// A trace of every message the SS sent and received: when (ms since the run started,
// monotonic clock), which way, over what, between which addresses, in which step, and
// the raw text.
//
// File format (write()), one block per message:
//   [  0.123] step 3  SS -> UE  udp 127.0.0.1:5060 -> 127.0.0.1:5061
//   SIP/2.0 183 Session Progress
//   ...headers and body as sent...
//   (blank line)
// Console flow (flow_line()), one line per message:
//     3  SS -> UE  183 Session Progress (INVITE)
namespace scn {

// Which way a message went: the runtime's one type for it (steps, traces, inspection),
// with the values of scn_rt.h's enum scn_direction.
enum class Direction { SsToUe = SCN_SS_TO_UE, UeToSs = SCN_UE_TO_SS };

std::string_view to_string(Direction direction);  // "SS -> UE" / "UE -> SS"
// The direction an int of the ABI names, or nullopt when it names none.
std::optional<Direction> direction_from(int direction);

struct TraceEntry {
  std::uint64_t ms = 0;      // since the trace started
  Direction direction = Direction::SsToUe;
  std::string transport;     // "udp", "tcp"
  std::string from;          // "127.0.0.1:5060"
  std::string to;
  std::string step;          // "3", "A.15.1:4"; empty outside steps
  std::string raw;           // the message octets
  std::string note;          // e.g. "retransmission", "unexpected"; empty normally
};

class Trace {
 public:
  using Clock = std::chrono::steady_clock;

  Trace() : start_(Clock::now()) {}
  explicit Trace(Clock::time_point start) : start_(start) {}

  // Records a message now.
  const TraceEntry& record(Direction direction, std::string transport, std::string from,
                           std::string to, std::string step, std::string raw,
                           std::string note = {});
  // Records a prepared entry as is (its ms kept), e.g. for replay.
  const TraceEntry& add(TraceEntry entry);

  std::uint64_t elapsed_ms() const;
  const std::vector<TraceEntry>& entries() const { return entries_; }

  // The whole trace in the file format.
  void write(std::ostream& out) const;
  // Writes the file, or says why it cannot be written (errno-based reason).
  Result<void> write_file(const std::string& path) const;
  // The compact flow, one flow_line() per entry, each ending in '\n'.
  std::string flow() const;

 private:
  Clock::time_point start_;
  std::vector<TraceEntry> entries_;
};

// "[  0.123] step 3  SS -> UE  udp 127.0.0.1:5060 -> 127.0.0.1:5061"
std::string header_line(const TraceEntry& entry);
// "  3  SS -> UE  183 Session Progress (INVITE)"; requests show method and Request-URI.
std::string flow_line(const TraceEntry& entry);
// The message summary used by flow_line(): "INVITE sip:a@b", "183 Session Progress (INVITE)".
std::string summarize(std::string_view raw);

}  // namespace scn

// Test verdicts (TTCN-3 style): pass, inconc, fail, error, each with the step it
// belongs to and a reason. A VerdictKeeper keeps the worst verdict seen and its first
// reason: once fail, a run never goes back to pass or inconc; only error overrides fail.
//
// The final line of every run is render_final_line():
//   PASS
//   FAIL step 9: ACK: Request-URI: expected "sip:final@x", received "sip:y"
//   INCONC step 4: unexpected request MESSAGE
//   ERROR: cannot bind 127.0.0.1:5060: Address already in use
namespace scn {

// With the values of scn_rt.h's SCN_PASS ... SCN_ERROR (what scn_verdict returns).
enum class VerdictKind { Pass = SCN_PASS, Inconc = SCN_INCONC, Fail = SCN_FAIL, Error = SCN_ERROR };

std::string_view to_string(VerdictKind kind);  // "pass", "inconc", "fail", "error"
// Process exit status: 0 pass, 1 fail, 2 inconc, 3 error.
int exit_code(VerdictKind kind);

struct Verdict {
  VerdictKind kind = VerdictKind::Pass;
  std::string step;    // "9", "A.15.1:3"; empty when not tied to a step
  std::string reason;  // empty for a plain pass
  std::vector<sip::Mismatch> mismatches;
};

class VerdictKeeper {
 public:
  // Records a verdict; returns true when it became the kept one (strictly worse than
  // the current one; a verdict as bad as the kept one keeps the first reason).
  bool set(Verdict verdict);
  bool pass(std::string step = {}) { return set({VerdictKind::Pass, std::move(step), {}, {}}); }
  bool inconc(std::string step, std::string reason);
  bool fail(std::string step, std::string reason, std::vector<sip::Mismatch> mismatches = {});
  bool error(std::string step, std::string reason);

  const Verdict& verdict() const { return verdict_; }
  VerdictKind kind() const { return verdict_.kind; }
  int exit_code() const { return scn::exit_code(verdict_.kind); }
  // Every verdict given, in order (for reports).
  const std::vector<Verdict>& history() const { return history_; }

 private:
  Verdict verdict_;
  std::vector<Verdict> history_;
};

// The last stdout line of a run (one line: line breaks in reasons become spaces).
// Without a reason, a fail names its first mismatch and how many more there are.
std::string render_final_line(const Verdict& verdict);
// Every mismatch, one per line, indented: `  Via.branch: expected ..., received ...`.
std::string render_mismatches(const Verdict& verdict);

// JUnit XML for CI systems: one testsuite with one testcase. fail -> <failure>,
// error -> <error>, inconc -> <skipped> (JUnit has no inconclusive).
struct JUnitReport {
  std::string suite;      // e.g. the scenario file
  std::string testcase;   // the test case name
  double seconds = 0;
  Verdict verdict;
  std::string system_out;  // e.g. the compact message flow
};
std::string junit_xml(const JUnitReport& report);

// Escapes &, <, >, " and ' and drops what XML 1.0 cannot carry: C0 controls other than
// tab, CR and LF are removed, each byte of ill-formed UTF-8 becomes '?'.
std::string xml_escape(std::string_view text);

}  // namespace scn

// The executor: one run of one test case as the SS. It owns the event loop, the
// transport, the transaction layer, the dialogs, the trace and the verdict, and carries
// out what generated code asks through the C ABI (scn_rt.h): send a message built from
// a template, expect a UE message matching a template, fetch values.
//
// Inbound messages are queued in an inbox as they arrive (retransmissions are absorbed by
// the transaction layer and only traced); scn_expect takes the first queued message that
// fits the expected start line. Messages passed over stay queued for later steps; one
// still queued at the end of the wait (or of the test case) makes the verdict inconc.
namespace scn {

class Executor;
class Session;

// The runtime's path for a path of the C ABI; an error names a target or part that
// scn_rt.h does not define (a program built against another runtime), which is refused
// rather than read as some other part.
Result<sip::Path> to_path(const scn_path& path);
// The value at `path` of a message as generated code reads it (scn_step_field): list
// values joined with ", "; "" when absent.
std::string field_text(const sip::Message& message, const sip::Path& path);
// The tag parameter of a name-addr header (To, From), or "".
std::string tag_of(const sip::Message& message, std::string_view header);
// "Call-ID CSeq-number" of an INVITE, its responses and its ACK; "" when unparsable.
std::string invite_key(const sip::Message& message);

// The step being run (copied from the generated descriptor).
struct StepInfo {
  std::string id;
  Direction direction = Direction::SsToUe;
  std::string message;
  std::string comment;
  std::string dialog;
};

// A UE message waiting in the inbox.
struct InboxItem {
  sip::Message message;
  sip::TxId tx = sip::no_tx;
  net::Address source;
  bool passed_over = false;  // an expect waited past it: unexpected if never taken
  std::string step;          // the step during which it arrived
};

// A request the UE sent, kept for the responses the SS sends to it.
struct ReceivedRequest {
  sip::Message request;
  sip::TxId tx = sip::no_tx;
  std::string dialog;     // the dialog name it belongs to
  std::string local_tag;  // the SS's To tag for every response to it
  bool answered = false;  // a final response was sent
};

// A request the SS sent.
struct SentRequest {
  sip::Message request;
  std::string dialog;
  sip::Destination to;
};

// An ACK the SS sent for a 2xx to its INVITE: sent again when the 2xx is retransmitted
// (RFC 3261 13.2.2.4).
struct SentAck {
  std::string key;    // Call-ID and CSeq number of the INVITE
  std::string bytes;
  sip::Destination to;
};

// Values the entry function received from an ABI call must outlive the call: they live
// here until the run ends. std::deque never moves its elements.
class Arena {
public:
  scn_str keep(std::string text);
  static scn_str view(const std::string& text) { return {text.c_str(), text.size()}; }
  static scn_str empty() { return {"", 0}; }

private:
  std::deque<std::string> strings_;
};

}  // namespace scn

// The opaque types of the C ABI.
struct scn_out {
  scn::sip::SendTemplate tmpl;
  std::string dialog;         // dialog name it is sent in
  std::string answer_method;  // responses: method of the request answered ("" any)
};

struct scn_rt {
  scn::Executor* executor;
  scn::Session* session = nullptr;  // set for runs opened by scn_rt_open
};

namespace scn {

class Executor final : public sip::TransactionUser {
public:
  Executor(const RunOptions& options, const scn_program& program, const scn_testcase& testcase);
  ~Executor() override;
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  // Binds the transport, or says why not ("cannot bind 127.0.0.1:5060: ...").
  Result<void> open();
  // Runs an entry function; exceptions become an error verdict (SCN_STOP then). An ad
  // hoc entry skips the step hook and leaves the current step as it found it.
  int call(int (*entry)(scn_rt*), bool adhoc);
  // The checks at the end of a run: UE requests no step took -> inconc; an aborted run
  // -> inconc "run aborted by the user" (unless the verdict is already worse).
  void end_checks();
  // After the verdict: answers UE retransmissions until the UE has been quiet for the
  // linger time (UDP only, bounded by 64*T1). Prints nothing.
  void linger();
  // Writes --trace and --junit, or says which file cannot be written and why.
  Result<void> write_reports();

  scn_rt* handle() { return &handle_; }
  void attach(Session* session) { handle_.session = session; }
  void set_step_hook(scn_step_hook hook, void* user) { hook_ = hook, hook_user_ = user; }
  bool aborted() const { return aborted_; }
  VerdictKeeper& verdict() { return verdict_; }
  const Trace& trace() const { return trace_; }
  const StepInfo& step() const { return step_; }
  bool stopped() const { return verdict_.kind() != VerdictKind::Pass; }
  Arena& arena() { return arena_; }
  double elapsed_seconds() const;

  // --- the operations behind the ABI (the other .cpp files of this folder) ---
  int begin_step(const scn_step& step);
  scn_out* new_request(std::string_view method, std::string_view dialog);
  scn_out* new_response(int status, std::string_view reason, std::string_view dialog,
                        std::string_view method);
  int send(scn_out& out);
  int expect(const scn_match_template& tmpl, unsigned timeout_ms, int flags);

  std::optional<std::string> param(std::string_view name) const;
  std::optional<bool> condition(std::string_view name) const;
  const std::string* stored(std::string_view slot) const;
  std::string step_field(std::string_view step_id, const sip::Path& path) const;
  std::string dialog_field(std::string_view dialog, int field);
  std::string ss_address() const;
  bool subscribed(std::string_view package) const { return dialogs_.subscribed(package); }
  const sip::DialogSet& dialogs() const { return dialogs_; }

  void set_error(std::string reason);
  void set_fail(std::string reason);
  void set_inconc(std::string reason);

  // Checks --set names and values against the program and applies them.
  Result<void> apply_settings();
  // One setting: a parameter takes any value, a condition true/false (1/0, yes/no,
  // on/off). The reason names what is wrong ("unknown parameter or condition 'x'",
  // "A1: expected true or false, got 'maybe'").
  Result<void> set_setting(const std::string& name, const std::string& value);

  // --- inspection for interactive sessions (inspect.cpp) ---
  // "slot = value\n" per stored value, sorted by slot.
  std::string stored_text() const;
  // "NAME STATE call-id=.. local-tag=.. remote-tag=.. target=.. route=.. cseq=L/R\n"
  // per dialog; see scn_dialogs_text.
  std::string dialogs_text() const;
  // The raw text of the last message that way, retransmissions skipped; nullptr: none.
  const std::string* last_message(Direction direction) const;
  // A field of that message (parsed again); "" when none or unparsable.
  std::string last_field(Direction direction, const sip::Path& path) const;
  // Runs the event loop until fd is readable; false when fd cannot be watched.
  bool idle_until_readable(int fd);

private:
  // sip::TransactionUser
  void on_request(const sip::IncomingRequest& in) override;
  void on_response(const sip::IncomingResponse& in) override;
  void on_ack(const sip::IncomingAck& in) override;
  void on_timeout(sip::TxId tx, sip::TimerName timer) override;
  void on_transport_error(sip::TxId tx, const std::string& reason) override;
  void on_bad_message(const net::InboundError& error) override;
  void on_absorbed(const sip::Message& retransmission, const net::Inbound& from) override;
  void on_sent(std::string_view bytes, const sip::Destination& to, bool retransmission) override;

  // Inbound bookkeeping (events.cpp).
  void queue(const sip::Message& message, sip::TxId tx, const net::Inbound& from);
  void record_inbound(std::string_view raw, const net::Address& from, std::string note);
  void print_flow(const TraceEntry& entry);
  bool absorb_2xx_retransmission(const sip::IncomingResponse& in);

  // Expecting (expect.cpp).
  std::optional<std::size_t> find_fitting(const scn_match_template& tmpl);
  int take(std::size_t index, const scn_match_template& tmpl);
  int on_expect_timeout(const scn_match_template& tmpl, unsigned timeout_ms, int flags);
  sip::MatchTemplate compile(const scn_match_template& tmpl);
  sip::Matcher compile_row(const scn_match_row& row);
  std::string passed_over_summary() const;

  // Dialog bookkeeping (dialogs.cpp).
  void bind_request(const InboxItem& item);
  void bind_response(const InboxItem& item);
  void after_response_sent(ReceivedRequest& answered, const sip::Message& response);
  void after_request_sent(const scn_out& out, const sip::Message& request, sip::TxId tx,
                          const sip::Destination& to);
  sip::Dialog* dialog_named(std::string_view name);
  ReceivedRequest* request_to_answer(std::string_view dialog, std::string_view method);
  std::optional<sip::Destination> request_destination(const sip::Dialog* dialog);

  // Sending (send.cpp).
  int send_response(scn_out& out);
  int send_request(scn_out& out);
  sip::BuildContext build_context();
  std::string contact() const;
  // RFC 4575 4.1 (executor/conference.cpp): numbers a conference-info NOTIFY's document.
  void number_conference_document(sip::SendTemplate& tmpl, const sip::Dialog* dialog);

  const RunOptions& options_;
  const scn_program& program_;
  const scn_testcase& testcase_;
  scn_rt handle_{this};
  Loop loop_;
  std::unique_ptr<net::Transport> transport_;
  std::unique_ptr<sip::TransactionLayer> layer_;
  sip::IdGenerator ids_;
  sip::DialogSet dialogs_;
  Trace trace_;
  VerdictKeeper verdict_;
  Arena arena_;
  StepInfo step_;
  bool printing_ = true;
  scn_step_hook hook_ = nullptr;
  void* hook_user_ = nullptr;
  bool adhoc_ = false;    // an ad hoc entry runs: no hook calls
  bool aborted_ = false;  // the hook said SCN_HOOK_ABORT
  bool lingering_ = false;  // the verdict is out: nothing may change it or print
  Millis last_ue_activity_ = 0;
  std::optional<net::Address> last_ue_address_;

  std::unordered_map<std::string, std::string> params_;
  std::unordered_map<std::string, bool> conditions_;
  std::unordered_map<std::string, std::string> stored_;
  std::unordered_map<std::string, sip::Message> step_messages_;
  std::unordered_map<std::string, sip::Matcher> regex_cache_;
  std::deque<InboxItem> inbox_;
  std::deque<ReceivedRequest> received_;   // deque: pointers stay valid
  std::unordered_map<sip::TxId, SentRequest> sent_;
  std::deque<std::unique_ptr<scn_out>> outs_;
  std::vector<SentAck> acks_;
  std::vector<std::string> invite_2xx_seen_;  // keys of 2xx to the SS's INVITEs
  // Conference-info documents sent per subscription (dialog and Event): the next version.
  std::unordered_map<std::string, std::uint32_t> conference_versions_;
};

}  // namespace scn
