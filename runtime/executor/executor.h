// executor: one run of one test case as the SS, behind the C ABI (scn_rt.h). Its run
// options (options/options.h), the trace of every message (trace/trace.h), the verdict
// and the console's style (verdict/verdict.h) are modules of their own, included here.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <list>
#include <iosfwd>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "auth/auth.h"
#include "body/body.h"
#include "capture/capture.h"
#include "dialog/dialog.h"
#include "media/media.h"
#include "msg/msg.h"
#include "options/options.h"
#include "party/party.h"
#include "proxy/proxy.h"
#include "report/report.h"
#include "scn/scn_rt.h"
#include "template/template.h"
#include "tester/tester.h"
#include "trace/trace.h"
#include "transaction/transaction.h"
#include "transport/transport.h"
#include "verdict/verdict.h"

namespace scn {

// The upper tester's driver for a --drive SPEC (tester::make_driver).
Result<std::unique_ptr<tester::Driver>> default_driver(std::string_view spec, Loop& loop);

// The program's defaults, then each --set NAME=VALUE in order: an unknown name ("--set: no
// parameter or condition 'X'; did you mean ...") or a value of the wrong type ("--set
// A1: expected true or false, got 'x'") is an error.
Result<std::shared_ptr<const SettingsTable>> make_settings_table(
    const scn_program& program, const std::vector<std::pair<std::string, std::string>>& settings);

// The last block of a trace file: "verdict: FAIL step 4: ..." and the mismatches.
std::string trace_ending(const Verdict& verdict);
// The reports' view of a verdict: its kind's name, the final line, the mismatches.
report::Verdict report_verdict(const Verdict& verdict);
// The record of a run that could not start (port in use, unknown test case, bad --set,
// a file that does not compile): the test case when known with its steps all not run,
// and the error verdict.
report::Run error_record(const RunOptions& options, const std::string& suite,
                         const scn_testcase* testcase, const std::string& reason);
// Writes the reports the options ask for of such a run; the trace holds only the verdict.
Result<void> write_error_reports(const RunOptions& options, const report::Run& run);

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
// "10 s", "2.5 s": a wait as verdicts word it.
std::string seconds_text(unsigned ms);

// The step being run (copied from the generated descriptor).
struct StepInfo {
  std::string id;
  Direction direction = Direction::SsToUe;
  std::string message;
  std::string comment;
  std::string dialog;
  party::Index from = 1;  // the sender (SCN_UPPER_TESTER: see action)
  party::Index to = 0;    // the receiver; for an action, the party made to act
  bool action = false;    // an upper-tester step (scn_act)
  std::string window_end; // the first step of an optional window: the window's last step
  bool message_unread = false;  // no step reads its message (scn_step::message_unread)
  std::span<const scn_path> fields_read;  // scn_step::fields_read (the program's data)
};

// A step the run entered, for the reports: when it began and ended (ms since the run
// started) and whether its optional window closed without its message.
struct StepRecord {
  StepInfo info;
  std::uint64_t start_ms = 0;
  std::uint64_t end_ms = 0;
  bool open = true;      // the run is still in it
  bool skipped = false;  // an optional wait timed out
};

// One match attempt of a verbose run (--verbose, log_level 1): a message tried against a
// step's template, with every row's outcome and origin (scn_match_row.origin). The
// executor keeps them in order (Executor::match_attempts) and writes them after the
// messages of the trace file (match_log).
struct MatchAttempt {
  std::uint64_t ms = 0;   // since the trace started
  std::string step;       // the step whose template was tried
  std::string expected;   // what the template waits for: "PRACK", "200 OK"
  std::string message;    // the message tried: "PRACK sip:ss@127.0.0.1:5060"
  bool matched = false;   // every row (and the start line) held
  std::vector<sip::Mismatch> start_line;  // the start line's mismatch, if any
  std::vector<sip::RowOutcome> rows;
};

// The attempts as the trace file shows them, one block per attempt:
//   [  0.412] match step 4 PRACK against "PRACK sip:ss@127.0.0.1:5060": mismatch
//     ok       RSeq: expected present, received "1"  [stdlib/..:12, default "PRACK"]
//     MISMATCH RAck.cseq: expected "1", received "2"  [stdlib/..:15, default "PRACK"]
std::string match_log(const std::vector<MatchAttempt>& attempts);

// A message from a party under test waiting in the inbox.
struct InboxItem {
  sip::Message message;
  sip::TxId tx = sip::no_tx;
  net::Address source;
  bool passed_over = false;  // an expect waited past it: unexpected if never taken
  std::string step;          // the step during which it arrived
  net::Transport* transport = nullptr;   // where it arrived (whose address it was sent to)
  std::optional<party::Index> sender;    // whose it is, once known
  std::optional<party::Origin> origin;   // where it is from, once read (queue: attribute, take)
};

// A request a party under test sent, kept for the responses to it (and for relaying).
struct ReceivedRequest {
  sip::Message request;
  sip::TxId tx = sip::no_tx;
  std::string dialog;     // the dialog name it belongs to
  std::string local_tag;  // the SS's To tag for every response to it
  bool answered = false;  // a final response was sent
  party::Index sender = 0;  // the party under test that sent it
};

// A request the SS sent (its own or relayed).
struct SentRequest {
  sip::Message request;
  std::string dialog;
  sip::Destination to;
  party::Index from = 1;  // the played party that sent it
  party::Index receiver = 0;
};

// An ACK the SS sent for a 2xx to its INVITE (or relayed): sent again when the 2xx is
// retransmitted (RFC 3261 13.2.2.4).
struct SentAck {
  std::string key;    // Call-ID and CSeq number of the INVITE
  std::string bytes;
  sip::Destination to;
};

// What a step took from the inbox, for relaying it later.
struct TakenMessage {
  sip::TxId tx = sip::no_tx;
  party::Index sender = 0;
  ReceivedRequest* request = nullptr;  // a request: its record
};

// A request relayed by a played party (a stateful proxy): the server transaction it
// arrived on, by the client transaction that carries it on (RFC 3261 16).
struct Relay {
  ReceivedRequest* upstream = nullptr;
  party::Index caller = 0;  // the party under test that sent it
  party::Index callee = 0;  // the party under test it went to
  std::string dialog;       // the dialog of caller and callee it is in or creates
  bool creates_dialog = false;
};

// A dialog between two parties under test with a played party on its path (relayed):
// the runtime is no UA in it, it only knows it to bind what comes.
struct RelayedDialog {
  std::string name;
  std::string call_id;
  party::Index caller = 0, callee = 0;
  std::string caller_tag, callee_tag;
};

// What a queued message is to a step waiting for one: the one (Take), another final
// response for the rows to judge (Judge), one it waits past (PassOver: unexpected if
// never taken), an unwanted provisional response (Drop), or another party's, or one for
// another played party (Skip: left for later steps).
enum class Fit { Take, Judge, PassOver, Drop, Skip };

// The pair of parties a dialog of the SS belongs to: the played one and the one under
// test (parallel to the DialogSet).
struct DialogOwner {
  party::Index played = 1;
  party::Index under_test = 0;
  bool named = false;  // created by a step with `as NAME`: never the pair's implicit dialog
};

// The media of a played party with a party under test in one dialog (named as the steps
// name it; "" the pair's implicit one): the offer/answer state of RFC 3264 and the RTP
// endpoint that the SDP the SS gave points at.
struct MediaSession {
  party::Index played = 1;
  party::Index under_test = 0;
  std::string dialog;
  std::unique_ptr<media::Endpoint> endpoint;  // opened by the SS's first SDP
  std::optional<body::Sdp> remote_offer;      // the UE's offer still unanswered
  std::optional<body::Sdp> local_offer;       // the SS's offer awaiting the UE's answer
  std::string last_answer;                    // the SS's answer, given again when asked
  std::string last_remote_origin;             // o= of the UE's last SDP: a repeat is no offer
  std::uint64_t session_id = 0;
  std::uint64_t version = 0;
  std::optional<body::Negotiated> negotiated;
  std::vector<int> payload_types;             // what the UE may send (the SS's SDP formats)
  bool decodable = true;                      // a codec the SS decodes (G.711)
  std::string sending;                        // "tone 440 Hz", "mix", ... for reports
  std::uint64_t order = 0;                    // when it was last negotiated
};

// Values the entry function received from an ABI call must outlive the call: they live
// here until the run ends, copied one after the other (each ends with a NUL) into blocks
// that are never moved, the first one made when the first value comes. A run keeps a few
// dozen short values: a string each, in a list or a deque, cost several times their size
// (load mode holds one arena per call).
class Arena {
public:
  Arena() = default;
  ~Arena();
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  scn_str keep(std::string_view text);
  static scn_str view(const std::string& text) { return {text.c_str(), text.size()}; }
  static scn_str empty() { return {"", 0}; }

private:
  struct Block;
  Block* last_ = nullptr;  // each block points to the one before
  char* free_ = nullptr;   // in last_
  std::size_t left_ = 0;
  // The values kept last: generated code asks for the same one again and again (the SS's
  // address, a Record-Route list built for each response, a dialog's Call-ID for each
  // match), and a value kept is never changed, so an equal one is handed out again.
  static constexpr std::size_t recent_count = 8;
  std::array<scn_str, recent_count> recent_{};
  std::size_t next_recent_ = 0;
};

}  // namespace scn

// The opaque types of the C ABI.
struct scn_out {
  scn::sip::SendTemplate tmpl;
  std::string dialog;         // dialog name it is sent in
  std::string answer_method;  // responses: method of the request answered ("" any)
  bool relay = false;         // scn_out_relay: forwards the message of relay_step
  std::string relay_step;
  scn::party::Index from = 1; // the step's sender and receiver when it was made
  scn::party::Index to = 0;
};

struct scn_rt {
  scn::Executor* executor;
  scn::Session* session = nullptr;  // set for runs opened by scn_rt_open
};

namespace scn {

class Executor final : public sip::TransactionUser {
public:
  // `hooks` (a load instance's) must outlive the executor; a single run gives none.
  Executor(const RunOptions& options, const scn_program& program, const scn_testcase& testcase,
           const InstanceHooks& hooks = no_hooks);
  static const InstanceHooks no_hooks;
  ~Executor() override;
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  // Checks the options that name parties, binds the transports (the shared one and
  // each played party's own) and makes the drivers, or says why not ("cannot bind
  // 127.0.0.1:5060: ...", "--ue: no party 'UE3' in test case x; did you mean 'UE2'?").
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
  // After a verdict other than pass (cleanup.cpp): the played parties end what they have
  // open with the parties under test (a final response to each request left unanswered,
  // CANCEL, NOTIFY terminated, BYE), for at most 2 s (--timeout when shorter), and print
  // one line per thing ended ("cleanup: BYE to UE (dialog x): 200 OK"). The verdict stays
  // as it was.
  void clean_up();
  // What the cleanup ended and how, for the reports; empty after a pass.
  const std::vector<std::string>& cleanup_notes() const { return cleanup_notes_; }
  // The cleanup's lines for the trace file, "" after a pass.
  std::string cleanup_section() const;
  // A long-running SS (--repeat): with hand-over on, linger ends at the first new request
  // from a party (its next call has begun), and handed_over() gives what came while
  // lingering, for the next run's executor to receive as if it came then.
  void set_hand_over(bool on) { hand_over_ = on; }
  std::vector<net::Inbound> handed_over() const;
  // Receives messages another run handed over, on the transport bound to their local
  // address (else the shared one). Their transport pointers are not read.
  void receive_handed_over(const std::vector<net::Inbound>& messages);
  // Writes --trace (ending with the verdict), --pcap, --junit, --json and --html, or
  // says which file cannot be written and why.
  Result<void> write_reports();
  // The record of the run so far, for the reports (report.cpp).
  report::Run report_record() const;
  // The match attempts for the trace file under --verbose, "" without any (match_log.cpp).
  std::string match_log_section() const;

  scn_rt* handle() { return &handle_; }
  void attach(Session* session) { handle_.session = session; }
  void set_step_hook(scn_step_hook hook, void* user) { hook_ = hook, hook_user_ = user; }
  bool aborted() const { return aborted_; }
  VerdictKeeper& verdict() { return verdict_; }
  const Trace& trace() const { return trace_; }
  const ConsoleStyle& console() const { return console_; }
  // Every match attempt of the run, in order; empty unless log_level >= 1.
  const std::vector<MatchAttempt>& match_attempts() const { return attempts_; }
  const StepInfo& step() const { return step_; }
  bool stopped() const { return verdict_.kind() != VerdictKind::Pass; }
  Arena& arena() { return arena_; }
  double elapsed_seconds() const;

  // --- the operations behind the ABI (the other .cpp files of this folder) ---
  int begin_step(const scn_step& step);
  scn_out* new_request(std::string_view method, std::string_view dialog);
  scn_out* new_response(int status, std::string_view reason, std::string_view dialog,
                        std::string_view method);
  scn_out* new_relay(std::string_view step_id);
  int send(scn_out& out);
  int expect(const scn_match_template& tmpl, unsigned timeout_ms, int flags);
  int expect_first(const scn_expect_alt* alts, std::size_t count, unsigned timeout_ms,
                   int flags, std::size_t* chosen);
  int expect_each(const scn_expect_alt* alts, std::size_t count, unsigned timeout_ms);
  int act(std::string_view action, std::vector<std::string> args, unsigned timeout_ms);
  // A wait step (wait.cpp): runs the event loop for `ms`; SCN_STOP once a verdict other
  // than pass is decided (a malformed message arrived).
  int wait(unsigned ms);
  // Media (media.cpp): scn_media and scn_sdp.
  int media(int op, std::string_view dialog, std::string_view value,
            const scn_media_check* check);
  std::string sdp(int kind);

  // The table is the run's and never changes: its values outlive every ABI call.
  const std::string* param(std::string_view name) const;
  std::optional<bool> condition(std::string_view name) const;
  const std::string* stored(std::string_view slot) const;
  std::string step_field(std::string_view step_id, const sip::Path& path) const;
  std::string dialog_field(std::string_view dialog, int field);
  std::string ss_address() const;
  // A party's "HOST:PORT" ("" while unknown); nullopt for a name that is no party's.
  std::optional<std::string> party_address(std::string_view name) const;
  const party::Roster& roster() const { return roster_; }
  // Messages from no party, ignored (once every party under test had an address).
  std::size_t strays() const { return strays_; }
  // What no step took: strays and the messages the rules for unexpected messages took.
  report::Traffic traffic() const;
  // Does `party` (-1: any party under test) hold an active subscription to the package?
  bool subscribed(std::string_view package, int party) const;
  // A challenge of the played registrar (scn_auth_challenge); "" after an error verdict.
  std::string auth_challenge(int scheme, const std::vector<std::string>& args);
  // A played UE's answer to a challenge (scn_auth_credentials); "" after an error verdict.
  std::string auth_credentials(const std::vector<std::string>& args);
  const sip::DialogSet& dialogs() const { return dialogs_; }

  void set_error(std::string reason);
  void set_fail(std::string reason);
  void set_inconc(std::string reason);

  // Checks --set names and values against the program and applies them.
  Result<void> apply_settings();
  // One setting: a condition or boolean parameter (default true/false) takes 1/0, yes/no,
  // on/off too, an integer one an integer. The reason names what is wrong ("no parameter or
  // condition 'x'; did you mean 'y'?", "A1: expected true or false, got 'maybe'").
  Result<void> set_setting(const std::string& name, const std::string& value);

  // --- inspection for interactive sessions (inspect.cpp) ---
  // "slot = value\n" per stored value, sorted by slot.
  std::string stored_text() const;
  // "NAME STATE call-id=.. local-tag=.. remote-tag=.. target=.. route=.. cseq=L/R\n"
  // per dialog; see scn_dialogs_text.
  std::string dialogs_text() const;
  // The raw text of the last message that way, retransmissions and messages from no
  // party skipped; nullptr: none.
  const std::string* last_message(Direction direction) const;
  // A field of that message (parsed again); "" when none or unparsable.
  std::string last_field(Direction direction, const sip::Path& path) const;
  // Runs the event loop until fd is readable; false when fd cannot be watched.
  bool idle_until_readable(int fd);

private:
  void release(const scn_out& out);  // frees a sent out
  void erase_inbox(std::size_t index);
  void keep_step_message(const sip::Message& message);
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
  void record_inbound(std::string_view raw, const net::Inbound& from, std::string note,
                      std::optional<party::Index> sender);
  void print_flow(const TraceEntry& entry);
  // One line of the flow on stdout (unless --quiet or after the verdict), the live
  // waiting line cleared first.
  void print_console(const std::string& line);
  // "steps 10-13 not run: WHY" for an optional window its first step did not open.
  void print_not_run(const StepInfo& first, const std::string& why);
  bool absorb_2xx_retransmission(const sip::IncomingResponse& in);

  // Messages no step waits for (unexpected.cpp): the rules of scn_testcase.unexpected.
  // Answers a request from a party under test that a rule takes; false: it is queued.
  bool answer_unexpected(const InboxItem& item, const net::Inbound& from);
  const scn_unexpected_rule* unexpected_rule(const sip::Message& request, party::Index sender);
  bool step_ahead_expects(party::Index sender, std::string_view method) const;
  bool in_unknown_dialog(const sip::Message& request);
  // A malformed message from a party under test that a MALFORMED rule takes: 400 when it
  // can be answered, the rule's verdict; false when no rule takes it.
  bool answer_malformed(const net::InboundError& error, const net::Inbound& from,
                        std::optional<party::Index> sender);
  void unexpected_verdict(const scn_unexpected_rule& rule, std::string reason);

  // Parties (parties.cpp): transports, addresses, whose a message is, names in reports.
  Result<std::unique_ptr<net::Transport>> bind_transport(const net::Address& address);
  Result<void> open_parties();
  Result<void> open_own_transport(party::Index party, const std::string& bind);
  Result<void> make_drivers();
  StepInfo step_info(const scn_step& step) const;
  net::Transport* transport_of(party::Index party) const;
  std::optional<party::Index> attribute(const InboxItem& item);
  // The one party under test of a test case that has one.
  std::optional<party::Index> only_under_test() const;
  // With one party under test: it, while it has no address yet (its first message gives
  // it one) or when `source` is where it is known to be; nullopt otherwise, and always
  // with several.
  std::optional<party::Index> sole_sender(const net::Address& source,
                                          const net::Transport* transport) const;
  // Who sent a message, as verdicts word it: "the UE" without declared parties, else the
  // party's name or, for none, the source address.
  std::string sender_name(std::optional<party::Index> sender, const net::Address& source) const;
  std::optional<party::Index> dialog_sender(const sip::Message& message);
  std::optional<party::Index> receiver_at(const net::Transport* transport) const;
  const std::string& name_of(party::Index party) const { return roster_.at(party).name; }
  // "UE2 -> FOCUS" in test cases that declare parties, else "".
  std::string parties_text(const std::string& from, const std::string& to) const;
  // "the UE" for the default parties, else the party's name.
  std::string who(party::Index party) const;
  std::optional<net::Address> address_of(party::Index party) const;

  // Expecting (expect.cpp): one message of several wanted ones (a step and its template).
  struct Wanted {
    StepInfo step;
    const scn_match_template* tmpl = nullptr;
  };
  struct Found {
    std::size_t item = 0;
    std::size_t wanted = 0;
  };
  int wait_for(const std::vector<Wanted>& wanted, unsigned timeout_ms, Found& found);
  int wait_until(const std::vector<Wanted>& wanted, Millis deadline, Found& found);
  std::string waited_for_text(const std::vector<Wanted>& wanted) const;
  std::optional<Found> find_fitting(const std::vector<Wanted>& wanted);
  void drop_strays();
  std::optional<Found> choose(const std::vector<Wanted>& wanted);
  std::size_t sweep(const std::vector<Wanted>& wanted, std::size_t end);
  Fit fit_item(const Wanted& wanted, InboxItem& item);
  Fit fit_of(const Wanted& wanted, InboxItem& item, bool several);
  bool in_named_dialog(const StepInfo& step, const sip::Message& message);
  int take(std::size_t index, const scn_match_template& tmpl);
  int on_expect_timeout(const scn_match_template& tmpl, unsigned timeout_ms, int flags);
  int on_alternatives_timeout(const std::vector<Wanted>& wanted, unsigned timeout_ms,
                              const std::string& step);
  std::string expected_text(const scn_match_template& tmpl) const;
  sip::MatchTemplate compile(const scn_match_template& tmpl);
  // Matches and, in a verbose run, records the attempt for `step`.
  sip::MatchResult match_logged(const StepInfo& step, const scn_match_template& tmpl,
                                const sip::MatchTemplate& compiled, const sip::Message& message);
  sip::Matcher compile_row(const scn_match_row& row);
  std::string passed_over_summary() const;
  std::string senders_of_fitting(const scn_match_template& tmpl) const;
  std::vector<Wanted> wanted_of(const scn_expect_alt* alts, std::size_t count);
  int take_alternative(const scn_expect_alt& alt, const Wanted& wanted, unsigned timeout_ms);

  // Dialog bookkeeping (dialogs.cpp).
  void bind_request(const InboxItem& item);
  void bind_response(const InboxItem& item);
  void after_response_sent(ReceivedRequest& answered, const sip::Message& response,
                           party::Index played);
  void after_request_sent(const scn_out& out, const sip::Message& request, sip::TxId tx,
                          const sip::Destination& to);
  void add_dialog(sip::Dialog dialog, const std::string& name, DialogOwner owner);
  sip::Dialog* dialog_named(std::string_view name, party::Index a, party::Index b);
  const DialogOwner* owner_of(const sip::Dialog* dialog) const;
  ReceivedRequest* request_to_answer(std::string_view dialog, std::string_view method,
                                     party::Index sender);
  std::optional<party::Index> shared_sender(const party::Origin& origin) const;
  std::optional<net::Address> loose_next_hop(const sip::Dialog* dialog) const;
  std::optional<sip::Destination> request_destination(const sip::Dialog* dialog,
                                                      party::Index from, party::Index to);

  // Sending (send.cpp).
  int send_response(scn_out& out);
  int send_request(scn_out& out);
  sip::BuildContext build_context(party::Index played);
  std::string contact(party::Index played) const;

  // The upper tester (act.cpp).
  tester::Driver* driver_of(party::Index party);

  // Media (media.cpp and media_check.cpp).
  MediaSession& media_session(party::Index played, party::Index under_test,
                              const std::string& dialog);
  MediaSession* media_stream(party::Index played, party::Index under_test,
                             std::string_view dialog);
  MediaSession* session_with_offer(party::Index played, party::Index under_test,
                                   const std::string& dialog);
  Result<void> open_endpoint(MediaSession& session);
  void apply_negotiated(MediaSession& session, const body::Sdp& local, const body::Sdp& remote,
                        bool local_is_offerer);
  // A message a party under test sent with an SDP body, taken in the current step.
  void note_sdp(const sip::Message& message, party::Index sender);
  // A BYE in a dialog ends the streams of that dialog.
  void end_media(party::Index played, party::Index under_test, const std::string& dialog);
  int media_check(MediaSession& session, const scn_media_check& check);
  std::string stream_name(const MediaSession& session) const;  // "RTP UE1 -> FOCUS"
  // The reports' view of the run (report.cpp).
  std::vector<report::Step> report_steps() const;
  report::Step report_step(const StepInfo& info, const StepRecord* record) const;
  std::vector<report::Message> report_messages() const;
  std::vector<report::Setting> report_settings() const;
  std::vector<report::Party> report_parties() const;
  void close_steps();
  // --pcap (capture.cpp).
  Result<void> write_capture();
  media::Endpoint::Tap capture_tap();
  media::Source mix_source(MediaSession& session);

  // The cleanup after a run that did not pass (cleanup.cpp).
  struct CleanupTask;
  party::Index played_for(const sip::Message& request, const net::Transport* at);
  void answer_left_requests(std::vector<CleanupTask>& tasks);
  void answer_left(const sip::Message& request, sip::TxId tx, party::Index sender,
                   std::string local_tag, const net::Transport* at,
                   std::vector<CleanupTask>& tasks);
  void take_cleanup_inbox(std::vector<CleanupTask>& tasks);
  void cancel_invites(std::vector<CleanupTask>& tasks);
  void follow_cleanup(std::vector<CleanupTask>& tasks);
  void end_answered_invite(const SentRequest& invite, const sip::Message& ok,
                           std::vector<CleanupTask>& tasks);
  void end_subscriptions(std::vector<CleanupTask>& tasks);
  void unsubscribe(sip::Dialog& dialog, const DialogOwner& owner,
                   const sip::Subscription& subscription, std::vector<CleanupTask>& tasks);
  void end_dialogs(std::vector<CleanupTask>& tasks);
  void end_dialog(sip::Dialog& dialog, const DialogOwner& owner, std::vector<CleanupTask>& tasks);
  void add_request_task(sip::Dialog& dialog, const DialogOwner& owner, sip::SendTemplate tmpl,
                        const std::string& what, std::vector<CleanupTask>& tasks);
  Result<sip::TxId> cleanup_request(sip::Dialog& dialog, const DialogOwner& owner,
                                    sip::SendTemplate tmpl);

  // Relaying as a stateful proxy (relay.cpp).
  int send_relay(scn_out& out);
  int relay_request(scn_out& out, const TakenMessage& taken, const sip::Message& message);
  int relay_response(scn_out& out, const TakenMessage& taken, const sip::Message& message);
  void note_relayed_response(const Relay& relay, const sip::Message& response);
  const RelayedDialog* relayed_dialog(const sip::Message& message) const;
  const RelayedDialog* relayed_named(std::string_view name, party::Index a, party::Index b) const;
  proxy::Hop hop_of(party::Index played);
  // The template's digest rows against the registrar (executor/auth.cpp); false after
  // failing the step.
  bool check_digests(const scn_match_template& tmpl, const sip::Message& message);
  // RFC 4575 4.1 (executor/conference.cpp): numbers a conference-info NOTIFY's document.
  void number_conference_document(sip::SendTemplate& tmpl, const sip::Dialog* dialog);

  const RunOptions& options_;
  const InstanceHooks& hooks_;
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
  std::vector<StepRecord> step_log_;  // the steps entered, in order
  bool printing_ = true;
  const ConsoleStyle console_;
  LiveLine live_;
  std::optional<Millis> waiting_since_;  // a step waits for a message from then
  scn_step_hook hook_ = nullptr;
  void* hook_user_ = nullptr;
  bool adhoc_ = false;    // an ad hoc entry runs: no hook calls
  bool aborted_ = false;  // the hook said SCN_HOOK_ABORT
  bool lingering_ = false;  // the verdict is out: nothing may change it or print
  Millis last_party_activity_ = 0;  // the last message from a party (or maybe one)
  bool hand_over_ = false;             // --repeat: a next run takes what comes while lingering
  std::optional<std::size_t> linger_inbox_start_;  // inbox items from there came while lingering

  party::Roster roster_;
  party::Assignment assignment_;
  party::Whereabouts where_;
  std::vector<std::unique_ptr<net::Transport>> own_transports_;  // --bind NAME=
  std::vector<net::Transport*> transports_;     // per party: the played ones' transport
  std::vector<std::unique_ptr<tester::Driver>> drivers_;  // per party: --drive
  std::optional<std::pair<party::Index, party::Index>> sending_;  // for the flow lines
  std::size_t strays_ = 0;
  std::size_t unexpected_answered_ = 0;    // taken by a rule for unexpected messages
  std::size_t unexpected_unanswered_ = 0;

  std::shared_ptr<const SettingsTable> settings_;  // never null
  std::vector<std::shared_ptr<const SettingsTable>> retired_settings_;  // the REPL's :set
  std::unordered_map<std::string, std::string> stored_;
  std::unordered_map<std::string, sip::Message> step_messages_;
  // A silent run's values of the fields later steps read of a message not kept whole
  // (scn_step::fields_read): a few octets instead of a parsed message each.
  struct KeptField {
    std::string step;
    const scn_path* path;  // into the program's step table
    std::string text;
  };
  std::vector<KeptField> step_fields_;
  std::unordered_map<std::string, TakenMessage> taken_;  // by step id
  std::shared_ptr<sip::RegexCache> regexes_;  // never null
  std::shared_ptr<sip::MatchRowCache> match_rows_;  // load mode only (RunOptions::match_rows)
  // A vector, freed whenever it is emptied: an instance holding a call usually waits with
  // an empty inbox, which would keep a deque's node of an item (768 octets).
  std::vector<InboxItem> inbox_;
  // Lists: pointers stay valid, and an empty one allocates nothing (a deque allocates its
  // map and a node when made: 0.9 kB a load instance for these two).
  std::list<ReceivedRequest> received_;
  std::unordered_map<sip::TxId, SentRequest> sent_;
  std::vector<std::unique_ptr<scn_out>> outs_;  // made and not yet sent
  std::vector<SentAck> acks_;
  std::vector<std::string> invite_2xx_seen_;  // keys of 2xx to the SS's INVITEs
  std::vector<DialogOwner> dialog_owners_;    // parallel to dialogs_
  std::unordered_map<sip::TxId, Relay> relays_;  // by the client transaction carrying it
  std::list<RelayedDialog> relayed_dialogs_;  // list: an empty one allocates nothing
  // Conference-info documents sent per subscription (dialog and Event): the next version.
  std::unordered_map<std::string, std::uint32_t> conference_versions_;
  auth::Registrar registrar_;  // the challenges issued in this run
  scn_out* building_ = nullptr;  // the message being built (scn_sdp), until scn_send
  // Last: their endpoints watch the loop's descriptors, so they go before it.
  std::vector<CapturedPacket> rtp_capture_;  // --pcap only
  std::vector<std::string> media_lines_;     // the figures of each passed media check
  std::vector<MatchAttempt> attempts_;       // --verbose only
  std::vector<std::string> cleanup_notes_;   // what the cleanup ended (clean_up)
  std::uint64_t capture_start_unix_us_ = 0;
  std::list<MediaSession> media_;  // see received_
  std::uint64_t media_order_ = 0;
};

}  // namespace scn
