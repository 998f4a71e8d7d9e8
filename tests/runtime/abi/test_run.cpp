// Whole runs through the C ABI, in-process: scn_rt_main with small hand-written programs
// against a raw UDP socket playing the UE. Checks the verdict line (always the last line
// of stdout), the exit codes, and the executor's judgement of silence, mismatches,
// unexpected and malformed messages.
#include <doctest/doctest.h>

#include <stdexcept>

#include "support.h"

using scn_rt_test::FakeUe;
using scn_rt_test::run_main;

namespace {

// The UE of the test running now: entry functions only get the scn_rt*.
FakeUe* the_ue = nullptr;

std::string ss(scn_rt* rt) { return scn_rt_test::text(scn_ss_address(rt)); }

const scn_step step1 = scn_rt_test::make_step("1", SCN_UE_TO_SS, "OPTIONS", "UE asks", nullptr);
const scn_step step2 = scn_rt_test::make_step("2", SCN_SS_TO_UE, "200 OK", nullptr, nullptr);
const scn_step step3 = scn_rt_test::make_step("3", SCN_UE_TO_SS, "MESSAGE", nullptr, nullptr);

const scn_str v_branch[] = {{"z9hG4bK", 7}};
const scn_match_row rows_options[] = {
    {{SCN_PATH_HEADER, "Via", 0, SCN_PART_PARAM, "branch"}, SCN_MATCH_PREFIX, v_branch, 1, nullptr, nullptr},
    {{SCN_PATH_HEADER, "From", 0, SCN_PART_PARAM, "tag"}, SCN_MATCH_ANY, nullptr, 0, "ue_tag", nullptr},
};
const scn_match_template t_options = {"OPTIONS", 0, rows_options, 2, nullptr, nullptr};
const scn_match_template t_message = {"MESSAGE", 0, nullptr, 0, nullptr, nullptr};

const scn_str v_accept[] = {{"application/sdp", 15}};
const scn_match_row rows_accept[] = {
    {{SCN_PATH_HEADER, "Accept", 0, SCN_PART_WHOLE, nullptr}, SCN_MATCH_EQUAL, v_accept, 1, nullptr, nullptr},
};
const scn_match_template t_options_accept = {"OPTIONS", 0, rows_accept, 1, nullptr, nullptr};

// 1 UE -> SS OPTIONS, 2 SS -> UE 200 OK (the UE must get it).
int options_ok(scn_rt* rt) {
  if (scn_step_begin(rt, &step1) < 0) return SCN_STOP;
  the_ue->send_to(ss(rt), the_ue->request("OPTIONS", ss(rt)));
  if (scn_expect(rt, &t_options, 0, 0) < 0) return SCN_STOP;
  if (scn_step_begin(rt, &step2) < 0) return SCN_STOP;
  if (scn_send(rt, scn_out_response(rt, 200, nullptr, nullptr, nullptr)) < 0) return SCN_STOP;
  auto answer = the_ue->receive(2000);
  if (!answer || answer->rfind("SIP/2.0 200 OK\r\n", 0) != 0) scn_fail(rt, "UE got no 200");
  else if (answer->find(";tag=") == std::string::npos) scn_fail(rt, "200 without To tag");
  return SCN_OK;
}

int expect_silence(scn_rt* rt) {
  if (scn_step_begin(rt, &step1) < 0) return SCN_STOP;
  return scn_expect(rt, &t_options, 0, 0);
}

int options_without_accept(scn_rt* rt) {
  if (scn_step_begin(rt, &step1) < 0) return SCN_STOP;
  the_ue->send_to(ss(rt), the_ue->request("OPTIONS", ss(rt), "Accept: text/plain\r\n"));
  return scn_expect(rt, &t_options_accept, 0, 0);
}

// Rows as the compiler emits them for `when` conditions and run-time operands: the
// first row (Accept equal application/sdp) is off, the second's operand is computed.
const scn_match_row rows_run_time[] = {
    {{SCN_PATH_HEADER, "Accept", 0, SCN_PART_WHOLE, nullptr}, SCN_MATCH_EQUAL, v_accept, 1, nullptr, nullptr},
    {{SCN_PATH_HEADER, "Accept", 0, SCN_PART_WHOLE, nullptr}, SCN_MATCH_EQUAL, nullptr, 1, nullptr, nullptr},
};
std::string computed_accept;  // the second row's operand, set by the test

int options_run_time_rows(scn_rt* rt) {
  if (scn_step_begin(rt, &step1) < 0) return SCN_STOP;
  the_ue->send_to(ss(rt), the_ue->request("OPTIONS", ss(rt), "Accept: text/plain\r\n"));
  const unsigned char on[] = {0, 1};
  const scn_str accept[] = {{computed_accept.data(), computed_accept.size()}};
  const scn_str* const values[] = {nullptr, accept};
  const scn_match_template t = {"OPTIONS", 0, rows_run_time, 2, on, values};
  return scn_expect(rt, &t, 0, 0);
}

// The UE sends MESSAGE, then OPTIONS. The test case takes OPTIONS first, then MESSAGE.
int reordered(scn_rt* rt) {
  if (scn_step_begin(rt, &step1) < 0) return SCN_STOP;
  the_ue->send_to(ss(rt), the_ue->request("MESSAGE", ss(rt), {}, "z9hG4bKm", 2));
  the_ue->send_to(ss(rt), the_ue->request("OPTIONS", ss(rt)));
  if (scn_expect(rt, &t_options, 0, 0) < 0) return SCN_STOP;
  if (scn_step_begin(rt, &step3) < 0) return SCN_STOP;
  return scn_expect(rt, &t_message, 0, 0);
}

// The UE sends MESSAGE, then OPTIONS; the test case never takes the MESSAGE.
int extra_request(scn_rt* rt) {
  if (scn_step_begin(rt, &step1) < 0) return SCN_STOP;
  the_ue->send_to(ss(rt), the_ue->request("MESSAGE", ss(rt), {}, "z9hG4bKm", 2));
  the_ue->send_to(ss(rt), the_ue->request("OPTIONS", ss(rt)));
  return scn_expect(rt, &t_options, 0, 0);
}

// Only a MESSAGE comes while OPTIONS is awaited.
int only_unexpected(scn_rt* rt) {
  if (scn_step_begin(rt, &step1) < 0) return SCN_STOP;
  the_ue->send_to(ss(rt), the_ue->request("MESSAGE", ss(rt)));
  return scn_expect(rt, &t_options, 0, 0);
}

int malformed(scn_rt* rt) {
  if (scn_step_begin(rt, &step1) < 0) return SCN_STOP;
  the_ue->send_to(ss(rt), "OPTIONS sip:ss@x SIP/2.0\r\nVia SIP/2.0/UDP nowhere\r\n\r\n");
  return scn_expect(rt, &t_options, 0, 0);
}

int optional_window(scn_rt* rt) {
  if (scn_step_begin(rt, &step1) < 0) return SCN_STOP;
  const int first = scn_expect(rt, &t_options, 100, SCN_EXPECT_OPTIONAL);
  if (first != SCN_TIMEOUT) scn_fail(rt, "an empty optional window did not time out");
  return SCN_OK;
}

// The first step of a window of steps 1-4 (window_end), which the UE does not open.
scn_step window_step() {
  scn_step step = step1;
  step.window_end = "4";
  return step;
}

int optional_window_of_four(scn_rt* rt) {
  const scn_step first = window_step();
  if (scn_step_begin(rt, &first) < 0) return SCN_STOP;
  return scn_expect(rt, &t_options, 100, SCN_EXPECT_OPTIONAL) == SCN_TIMEOUT ? SCN_OK : SCN_STOP;
}

int throws(scn_rt* rt) {
  scn_step_begin(rt, &step1);
  throw std::runtime_error("boom");
}

int values(scn_rt* rt) {
  scn_step_begin(rt, &step1);
  const scn_str parts[] = {{"sip:a@", 6}, scn_param(rt, "px_home")};
  const std::string joined = scn_rt_test::text(scn_concat(rt, parts, 2));
  const std::string reversed = scn_rt_test::text(scn_list_reverse(rt, {"<a>, <b>,<c>", 12}));
  const int a1 = scn_condition(rt, "A1");
  if (joined != "sip:a@override.net") scn_fail(rt, ("concat: " + joined).c_str());
  else if (reversed != "<c>, <b>, <a>") scn_fail(rt, ("reverse: " + reversed).c_str());
  else if (a1 != 0) scn_fail(rt, "A1 not overridden");
  else if (scn_rt_test::text(scn_stored(rt, "never")) != "") scn_fail(rt, "stored");
  else if (scn_subscribed(rt, "conference", -1)) scn_fail(rt, "subscribed");
  else if (scn_rt_test::text(scn_dialog_field(rt, nullptr, SCN_DIALOG_CALL_ID)) != "")
    scn_fail(rt, "dialog");
  return SCN_OK;
}

int unknown_param(scn_rt* rt) {
  scn_step_begin(rt, &step1);
  scn_param(rt, "px_nope");
  return scn_verdict(rt) == SCN_ERROR ? SCN_STOP : SCN_OK;
}

const scn_param_def params[] = {{"px_home", "home1.net", nullptr}};
const scn_condition_def conditions[] = {{"A1", 1, nullptr}};

scn_program program_of(const scn_testcase* testcase, std::size_t count = 1) {
  return scn_program{SCN_RT_ABI_VERSION, "test_rt_run", testcase, count, params, 1, conditions, 1};
}

scn_rt_test::RunResult run_one(int (*entry)(scn_rt*), std::vector<std::string> extra = {}) {
  const scn_testcase testcase = scn_rt_test::make_testcase("tc", "a test case", entry);
  const scn_program program = program_of(&testcase);
  std::vector<std::string> args = {"--bind", "127.0.0.1:0", "--timeout", "0.3", "--linger", "0"};
  args.insert(args.end(), extra.begin(), extra.end());
  FakeUe ue;
  the_ue = &ue;
  auto result = run_main(program, args);
  the_ue = nullptr;
  return result;
}

}  // namespace

TEST_CASE("rt run: a passing exchange prints the flow and PASS last") {
  auto r = run_one(options_ok);
  INFO(r.out);
  CHECK(r.exit_code == 0);
  CHECK(r.last_line() == "PASS");
  CHECK(r.out.find("  1  UE -> SS  OPTIONS sip:ss@127.0.0.1:") != std::string::npos);
  CHECK(r.out.find("  2  SS -> UE  200 OK (OPTIONS)") != std::string::npos);
}

TEST_CASE("rt run: silence is a fail naming the step and the message and the wait") {
  auto r = run_one(expect_silence);
  CHECK(r.exit_code == 1);
  CHECK(r.last_line() == "FAIL step 1: no OPTIONS from the UE within 0.3 s");
}

TEST_CASE("rt run: a mismatch is a fail naming the path and expected and received") {
  auto r = run_one(options_without_accept);
  CHECK(r.exit_code == 1);
  const std::string last = r.last_line();
  INFO(last);
  CHECK(last.rfind("FAIL step 1: OPTIONS: Accept", 0) == 0);
  CHECK(last.find("application/sdp") != std::string::npos);
  CHECK(last.find("text/plain") != std::string::npos);
}

TEST_CASE("rt run: a row that is off is not matched; a computed operand is the row's") {
  computed_accept = "text/plain";
  auto passed = run_one(options_run_time_rows);
  INFO(passed.out);
  CHECK(passed.exit_code == 0);
  computed_accept = "application/pidf+xml";
  auto failed = run_one(options_run_time_rows);
  const std::string last = failed.last_line();
  INFO(last);
  CHECK(failed.exit_code == 1);
  CHECK(last.find("application/pidf+xml") != std::string::npos);
  CHECK(last.find("(and 1 more)") == std::string::npos);  // the row that is off
}

TEST_CASE("rt run: a request passed over is kept for a later step") {
  auto r = run_one(reordered);
  INFO(r.out);
  CHECK(r.exit_code == 0);
  CHECK(r.last_line() == "PASS");
}

TEST_CASE("rt run: an unexpected request never taken makes the verdict inconc") {
  auto r = run_one(extra_request);
  CHECK(r.exit_code == 2);
  CHECK(r.last_line() == "INCONC step 1: unexpected request MESSAGE from the UE");
  auto waiting = run_one(only_unexpected);
  CHECK(waiting.exit_code == 2);
  CHECK(waiting.last_line() ==
        "INCONC step 1: unexpected request MESSAGE from the UE while waiting for OPTIONS");
}

TEST_CASE("rt run: a malformed message is a fail naming the parse error") {
  auto r = run_one(malformed);
  CHECK(r.exit_code == 1);
  CHECK(r.last_line().rfind("FAIL step 1: malformed message from the UE: ", 0) == 0);
}

TEST_CASE("rt run: an empty optional window is not a failure") {
  auto r = run_one(optional_window);
  CHECK(r.exit_code == 0);
  CHECK(r.last_line() == "PASS");
  const auto lines = r.lines();
  REQUIRE(lines.size() >= 2);
  CHECK(lines[lines.size() - 2] == "step 1 not run: no OPTIONS within 0.1 s");
}

TEST_CASE("rt run: a skipped window names its steps, and --quiet leaves the line out") {
  auto r = run_one(optional_window_of_four);
  INFO(r.out);
  CHECK(r.last_line() == "PASS");
  CHECK(r.out.find("\nsteps 1-4 not run: no OPTIONS within 0.1 s\nPASS\n") != std::string::npos);
  auto quiet = run_one(optional_window_of_four, {"--quiet"});
  CHECK(quiet.out.find("not run") == std::string::npos);
  CHECK(quiet.last_line() == "PASS");
}

TEST_CASE("rt run: an exception in the test case becomes an error verdict") {
  auto r = run_one(throws);
  CHECK(r.exit_code == 3);
  CHECK(r.last_line() == "ERROR step 1: internal error: boom");
}

TEST_CASE("rt run: parameters and conditions and value helpers") {
  auto r = run_one(values, {"--set", "px_home=override.net", "--set", "A1=false"});
  INFO(r.out);
  CHECK(r.exit_code == 0);
  auto unknown = run_one(unknown_param);
  CHECK(unknown.exit_code == 3);
  CHECK(unknown.last_line() == "ERROR step 1: unknown parameter 'px_nope'");
}

TEST_CASE("rt run: option and setup errors exit 3 with the reason last") {
  CHECK(run_one(values, {"--timeout", "soon"}).last_line().rfind("ERROR: --timeout:", 0) == 0);
  auto unknown = run_one(values, {"--set", "px_other=1"});
  CHECK(unknown.exit_code == 3);
  CHECK(unknown.last_line() == "ERROR: --set: no parameter or condition 'px_other'");
  auto bad_bool = run_one(values, {"--set", "A1=maybe"});
  CHECK(bad_bool.exit_code == 3);
  CHECK(bad_bool.last_line() == "ERROR: --set A1: expected true or false, got 'maybe'");
  CHECK(run_one(values, {"--testcase", "other"}).exit_code == 3);

  FakeUe busy;  // its port is taken
  const std::string port = std::to_string(busy.port());
  auto in_use = run_one(values, {"--bind", "127.0.0.1:" + port});
  CHECK(in_use.exit_code == 3);
  INFO(in_use.last_line());
  CHECK(in_use.last_line().rfind("ERROR: cannot bind udp 127.0.0.1:" + port + ": ", 0) == 0);
}

TEST_CASE("rt run: choosing among several test cases") {
  const scn_testcase two[] = {scn_rt_test::make_testcase("first", nullptr, options_ok), scn_rt_test::make_testcase("second", nullptr, values)};
  const scn_program program = program_of(two, 2);
  auto r = run_main(program, {"--bind", "127.0.0.1:0"});
  CHECK(r.exit_code == 3);
  CHECK(r.last_line() == "ERROR: several test cases, choose one with --testcase: first, second");
  auto chosen = run_main(program, {"--bind", "127.0.0.1:0", "--testcase", "second", "--set",
                                   "px_home=override.net", "--set", "A1=0", "--linger", "0"});
  CHECK(chosen.exit_code == 0);

  scn_program old = program;
  old.abi_version = SCN_RT_ABI_VERSION + 1;
  CHECK(run_main(old, {"--testcase", "second"}).exit_code == 3);
}

TEST_CASE("rt run: --junit and --trace files") {
  const std::string junit = scn_rt_test::temp_path("pass.xml");
  const std::string trace = scn_rt_test::temp_path("pass.trace");
  auto r = run_one(options_ok, {"--junit", junit, "--trace", trace});
  REQUIRE(r.exit_code == 0);
  const std::string xml = scn_rt_test::read_file(junit);
  CHECK(xml.find("<testsuite name=\"test_rt_run\" tests=\"1\" failures=\"0\"") != std::string::npos);
  CHECK(xml.find("<testcase name=\"tc\"") != std::string::npos);
  CHECK(xml.find("<failure") == std::string::npos);
  const std::string flow = scn_rt_test::read_file(trace);
  CHECK(flow.find("step 1  UE -> SS  udp") != std::string::npos);
  CHECK(flow.find("SIP/2.0 200 OK") != std::string::npos);

  const std::string failed = scn_rt_test::temp_path("fail.xml");
  auto f = run_one(expect_silence, {"--junit", failed});
  CHECK(f.exit_code == 1);
  const std::string fxml = scn_rt_test::read_file(failed);
  CHECK(fxml.find("failures=\"1\"") != std::string::npos);
  CHECK(fxml.find("<failure") != std::string::npos);
  CHECK(fxml.find("no OPTIONS from the UE within 0.3 s") != std::string::npos);

  auto unwritable = run_one(options_ok, {"--junit", "/nonexistent-dir/x.xml"});
  CHECK(unwritable.exit_code == 3);
  CHECK(unwritable.last_line() ==
        "ERROR: --junit: cannot write /nonexistent-dir/x.xml: no folder /nonexistent-dir");
  std::remove(junit.c_str());
  std::remove(trace.c_str());
  std::remove(failed.c_str());
}
