// report: the record of one run as plain data (who took part, the values used, every
// step with its timing and outcome, every message, the verdict) and its three report
// files: JUnit XML for CI systems, JSON for tools (docs/reports.md), and one
// self-contained HTML page with a ladder diagram of the messages for people. The
// executor fills a Run at the end of a run; a run that could not start fills one too,
// so that a campaign always has its reports.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/base.h"

namespace scn::report {

// What became of a step: TTCN-3's verdicts per step, plus a step skipped (an optional
// window that closed without its message) and one the run never reached.
enum class Outcome { Passed, Failed, Inconc, Error, Skipped, NotRun };
std::string_view to_string(Outcome outcome);  // "passed", ..., "not run"

struct Mismatch {
  std::string path;      // "RAck.cseq"
  std::string expected;  // "\"1\""
  std::string received;  // "2", "<absent>"
  std::string origin;    // the .scn location of the expectation, or ""
  std::string text = {};  // as the verdict words it: "RAck.cseq: expected \"1\", received \"2\""
};

struct Party {
  std::string name;     // "UE", "SS", "FOCUS"
  bool under_test = false;
  std::string address;  // "127.0.0.1:5060", "" while unknown
};

// A parameter or condition with the value the run used.
struct Setting {
  std::string name;
  std::string value;     // conditions: "true" / "false"
  bool condition = false;
  bool overridden = false;  // given with --set
};

struct Step {
  std::string id;        // "4", "A.15.1:3"
  std::string from, to;  // party names; "upper tester" for actions
  std::string message;   // "PRACK", "200 OK", an action's name
  std::string comment;
  Outcome outcome = Outcome::NotRun;
  std::uint64_t start_ms = 0, end_ms = 0;  // since the run started; 0, 0 when not run
  std::string expected;  // "UE -> SS PRACK"
  std::string received;  // the summaries of the step's messages, or what happened instead
  std::vector<Mismatch> mismatches;  // the failing step's
};

struct Message {
  std::uint64_t ms = 0;   // since the run started
  bool to_ss = false;     // sent by a party under test (else by a played party)
  std::string from, to;   // party names
  std::string from_address, to_address;
  std::string transport;  // "udp", "tcp"
  std::string step;       // the step during which it went; "" outside steps
  std::string summary;    // "PRACK sip:ss@127.0.0.1", "183 Session Progress (INVITE)"
  std::string raw;
  std::string note;       // "retransmission", ...; "" normally
};

// One match attempt of a verbose run (--verbose): a message tried against a step's
// template, each row with its outcome and the .scn row it comes from.
struct MatchRow {
  std::string path, expected, received, origin;
  bool ok = true;
};
struct MatchAttempt {
  std::uint64_t ms = 0;  // since the run started
  std::string step;      // the step whose template was tried
  std::string expected;  // "PRACK", "200 OK"
  std::string message;   // the summary of the message tried
  bool matched = false;
  std::vector<MatchRow> rows;  // the start line's mismatch first, if any
};

struct Verdict {
  std::string kind = "pass";  // "pass", "inconc", "fail", "error"
  std::string step;           // "" when tied to no step
  std::string reason;
  std::string line;           // the run's last stdout line: "FAIL step 4: ..."
  std::vector<Mismatch> mismatches;
};

// Traffic no step took: messages from no party (ignored) and messages from a party under
// test that a rule for unexpected messages took (scn_testcase.unexpected), answered by
// the SS or only traced.
struct Traffic {
  std::size_t strays = 0;
  std::size_t unexpected_answered = 0;
  std::size_t unexpected_unanswered = 0;
};
// "2 messages from no party ignored, 3 unexpected messages answered, 1 not answered";
// "" when all are 0.
std::string traffic_line(const Traffic& traffic);

struct Run {
  std::string suite;     // the program (scenario file) name
  std::string testcase;  // "(none)" when the run could not pick one
  std::string title;
  std::string started;   // ISO 8601 UTC: "2026-12-03T10:46:21.123Z"
  double seconds = 0;
  std::vector<Party> parties;
  std::vector<Setting> settings;
  std::vector<Step> steps;
  std::vector<Message> messages;
  std::vector<std::string> media_lines;  // the figures of each passed media check
  // What the played parties ended after a run that did not pass, with the outcome:
  // "BYE to UE (dialog x): 200 OK"; empty after a pass.
  std::vector<std::string> cleanup;
  std::vector<MatchAttempt> match_attempts;  // a verbose run's; empty otherwise
  std::string flow;  // the run's stdout flow lines, for JUnit's system-out
  Traffic traffic;
  Verdict verdict;
};

// "2026-12-03T10:46:21.123Z".
std::string iso8601_utc(std::chrono::system_clock::time_point time);


// JUnit XML: one testsuite (timestamp, no hostname) with one testcase (classname = the
// suite); its properties are the parameters and conditions used; fail -> <failure>,
// error -> <error>, inconc -> <skipped> (JUnit has no inconclusive), each with the verdict
// line as message and the mismatches as text; system-out is the flow.
std::string junit_xml(const Run& run);
// The record as one JSON object (docs/reports.md).
std::string json_text(const Run& run);
// One self-contained HTML page (inline CSS and script, nothing fetched): the ladder
// diagram, the steps with expected and received, the failing step highlighted with its
// mismatches; clicking an arrow shows the whole message.
std::string html_page(const Run& run);

// Escapes &, <, >, " and ' and drops what XML 1.0 cannot carry: C0 controls other than
// tab, CR and LF are removed, each byte of ill-formed UTF-8 becomes '?'. HTML text and
// attributes go through it too.
std::string xml_escape(std::string_view text);

// The files a run was asked for; "" means none.
struct Files {
  std::string junit, json, html;
};
// Writes each file asked for, or says which cannot be written and why; tries them all.
Result<void> write(const Run& run, const Files& files);
// Writes `text` to `path` (truncating), or says why not.
Result<void> write_text(const std::string& path, std::string_view text);

}  // namespace scn::report
