// Test cases that declare parties, shaped as generated code calls the runtime: a played
// party with an address of its own calling a UE (MT call), messages of two UEs bound by
// who sent them, a datagram from no party, `either ... or` and `in any order`, verdict
// wording that names the parties, and the run options that name parties.
#include <doctest/doctest.h>

#include "ue.h"

using scn_rt_test::party_step;
using scn_rt_test::Ue;
using scn_rt_test::UeDialog;
using P = scn_rt_test::Party;

namespace {

Ue* ue1 = nullptr;
Ue* ue2 = nullptr;

const scn_match_template t_options = {"OPTIONS", 0, nullptr, 0, nullptr, nullptr};
const scn_match_template t_message = {"MESSAGE", 0, nullptr, 0, nullptr, nullptr};
const scn_match_template t_bye = {"BYE", 0, nullptr, 0, nullptr, nullptr};
const scn_match_template t_180 = {nullptr, 180, nullptr, 0, nullptr, nullptr};
const scn_match_template t_200 = {nullptr, 200, nullptr, 0, nullptr, nullptr};
const scn_path path_ruri = {SCN_PATH_REQUEST_URI, nullptr, 0, SCN_PART_WHOLE, nullptr};
const scn_path path_from = {SCN_PATH_HEADER, "From", 0, SCN_PART_WHOLE, nullptr};
const scn_path path_to = {SCN_PATH_HEADER, "To", 0, SCN_PART_WHOLE, nullptr};
const scn_str v_focus_uri[] = {{"sip:focus@home1.net", 19}};
const scn_match_row rows_bye[] = {
    {{SCN_PATH_REQUEST_URI, nullptr, 0, SCN_PART_WHOLE, nullptr}, SCN_MATCH_EQUAL, v_focus_uri, 1,
     nullptr, nullptr}};
const scn_match_template t_bye_to_focus = {"BYE", 0, rows_bye, 1, nullptr, nullptr};

struct Failed {
  std::string why;
};

void check(bool ok, const std::string& why) {
  if (!ok) throw Failed{why};
}

void step(scn_rt* rt, const char* id, P from, P to, const char* message,
          const char* dialog = nullptr) {
  const scn_step s = party_step(id, from, to, message, dialog);
  if (scn_step_begin(rt, &s) < 0) throw Failed{"step " + std::string(id) + " refused"};
}

void expect(scn_rt* rt, const scn_match_template& t) {
  if (scn_expect(rt, &t, 0, 0) != SCN_MATCHED) throw Failed{"expect failed"};
}

void send(scn_rt* rt, scn_out* out) {
  if (scn_send(rt, out) < 0) throw Failed{"send failed"};
}

scn::sip::Message got(Ue& ue, const std::string& start) {
  auto message = ue.receive();
  check(message.has_value(), ue.name() + " got nothing, waiting for " + start);
  check(message->start_line().rfind(start, 0) == 0,
        ue.name() + " got " + std::string(message->start_line()) + ", not " + start);
  return *message;
}

std::string address(scn_rt* rt, const char* party) {
  return scn_rt_test::text(scn_party_address(rt, party));
}

// Runs the entry with the conference parties; --ue for UE1 (bit 1) and UE2 (bit 2).
scn_rt_test::RunResult run(int (*entry)(scn_rt*), std::vector<std::string> extra = {},
                           int ue_addresses = 3) {
  const scn_testcase testcase = scn_rt_test::conference_testcase("conf", entry);
  const scn_program program{SCN_RT_ABI_VERSION, "test_rt_parties", &testcase, 1, nullptr, 0,
                            nullptr, 0};
  Ue first("UE1"), second("UE2");
  ue1 = &first;
  ue2 = &second;
  std::vector<std::string> args = {"--bind", "127.0.0.1:0", "--timeout", "2", "--linger", "0"};
  if (ue_addresses & 1) args.insert(args.end(), {"--ue", "UE1=" + first.address()});
  if (ue_addresses & 2) args.insert(args.end(), {"--ue", "UE2=" + second.address()});
  args.insert(args.end(), extra.begin(), extra.end());
  auto r = scn_rt_test::run_main(program, args);
  ue1 = ue2 = nullptr;
  return r;
}

int caught(scn_rt* rt, void (*body)(scn_rt*)) {
  try {
    body(rt);
  } catch (const Failed& failed) {
    if (scn_verdict(rt) == SCN_PASS) scn_fail(rt, failed.why.c_str());
    return SCN_STOP;
  }
  return SCN_OK;
}

// FOCUS calls UE2 from its own address: 180, 200, the ACK as a step of its own, then
// UE2 hangs up.
void mt_call(scn_rt* rt) {
  const std::string focus = address(rt, "FOCUS");
  check(focus != scn_rt_test::text(scn_ss_address(rt)), "FOCUS has an address of its own");
  step(rt, "1", P::FOCUS, P::UE2, "INVITE", "call");
  scn_out* invite = scn_out_request(rt, "INVITE", nullptr);
  const std::string uri = ue2->uri();
  scn_out_set(invite, &path_ruri, {uri.c_str(), uri.size()});
  scn_out_set(invite, &path_from, {"<sip:focus@home1.net>", 21});
  scn_out_set(invite, &path_to, {"<sip:ue2@home1.net>", 19});
  send(rt, invite);
  const scn::sip::Message received = got(*ue2, "INVITE " + uri);
  check(received.value_or("Via").find("SIP/2.0/UDP " + focus + ";branch=") == 0, "FOCUS's Via");
  check(received.value_or("Contact") == "<sip:focus@" + focus + ">", "FOCUS's Contact");

  step(rt, "2", P::UE2, P::FOCUS, "180 Ringing", "call");
  ue2->send(focus, ue2->answer(received, 180));
  expect(rt, t_180);
  step(rt, "3", P::UE2, P::FOCUS, "200 OK", "call");
  ue2->send(focus, ue2->answer(received, 200));
  expect(rt, t_200);
  step(rt, "4", P::FOCUS, P::UE2, "ACK", "call");
  send(rt, scn_out_request(rt, "ACK", nullptr));
  auto ack = got(*ue2, "ACK " + uri);
  check(ack.value_or("CSeq") == "1 ACK", "ACK reuses the INVITE's CSeq");

  UeDialog d2 = ue2->as_callee(received);
  step(rt, "5", P::UE2, P::FOCUS, "BYE", "call");
  ue2->send(focus, ue2->in_dialog(d2, "BYE"));
  expect(rt, t_bye);
  step(rt, "6", P::FOCUS, P::UE2, "200 OK", "call");
  send(rt, scn_out_response(rt, 200, nullptr, nullptr, nullptr));
  got(*ue2, "SIP/2.0 200 OK");
}

// UE2 sends first, UE1 second, the same method: each step takes its party's message.
void by_source(scn_rt* rt) {
  const std::string ss = scn_rt_test::text(scn_ss_address(rt));
  ue2->send(ss, ue2->request("OPTIONS", "sip:ss@" + ss, "options-2"));
  ue1->send(ss, ue1->request("OPTIONS", "sip:ss@" + ss, "options-1"));
  step(rt, "1", P::UE1, P::SS, "OPTIONS");
  expect(rt, t_options);
  step(rt, "2", P::SS, P::UE1, "200 OK");
  send(rt, scn_out_response(rt, 200, nullptr, nullptr, nullptr));
  check(got(*ue1, "SIP/2.0 200").value_or("Call-ID") == "options-1", "UE1's OPTIONS answered");
  step(rt, "3", P::UE2, P::SS, "OPTIONS");
  expect(rt, t_options);
  step(rt, "4", P::SS, P::UE2, "200 OK");
  send(rt, scn_out_response(rt, 200, nullptr, nullptr, nullptr));
  check(got(*ue2, "SIP/2.0 200").value_or("Call-ID") == "options-2", "UE2's OPTIONS answered");
}

// UE2 is known (--ue), UE1 not: UE2's message is passed by, UE1's taken, and UE1 is
// where that came from from then on.
void learnt(scn_rt* rt) {
  const std::string ss = scn_rt_test::text(scn_ss_address(rt));
  check(address(rt, "UE1").empty(), "UE1 not known before its first message");
  ue2->send(ss, ue2->request("OPTIONS", "sip:ss@" + ss, "options-2"));
  ue1->send(ss, ue1->request("OPTIONS", "sip:ss@" + ss, "options-1"));
  step(rt, "1", P::UE1, P::SS, "OPTIONS");
  expect(rt, t_options);
  check(address(rt, "UE1") == ue1->address(), "UE1 learnt: " + address(rt, "UE1"));
  check(address(rt, "UE2") == ue2->address(), "UE2 from --ue");
  check(scn_rt_test::text(scn_step_field(rt, "1", &path_ruri)) == "sip:ss@" + ss, "step field");
  step(rt, "2", P::UE2, P::SS, "OPTIONS");
  expect(rt, t_options);
}

// A third socket sends to the SS: traced, not bound, not unexpected.
void stray(scn_rt* rt) {
  const std::string ss = scn_rt_test::text(scn_ss_address(rt));
  Ue other("X");
  other.send(ss, other.request("OPTIONS", "sip:ss@" + ss, "stray"));
  other.send(ss, "garbage that does not parse\r\n\r\n");
  ue1->send(ss, ue1->request("MESSAGE", "sip:ss@" + ss, "message-1"));
  step(rt, "1", P::UE1, P::SS, "MESSAGE");
  expect(rt, t_message);
  check(scn_rt_test::text(scn_step_field(rt, "1", &path_ruri)) == "sip:ss@" + ss, "UE1's MESSAGE");
  step(rt, "2", P::UE1, P::SS, "OPTIONS");
  check(scn_expect(rt, &t_options, 200, SCN_EXPECT_OPTIONAL) == SCN_TIMEOUT,
        "the stray OPTIONS is no one's");
}

const scn_step alt_steps[] = {party_step("6", P::UE2, P::SS, "MESSAGE"),
                              party_step("8", P::UE2, P::SS, "OPTIONS")};
const scn_expect_alt alternatives[] = {{&alt_steps[0], &t_message}, {&alt_steps[1], &t_options}};

// either { 6 UE2 -> SS MESSAGE ... } or { 8 UE2 -> SS OPTIONS }: OPTIONS comes.
void either(scn_rt* rt) {
  const std::string ss = scn_rt_test::text(scn_ss_address(rt));
  ue1->send(ss, ue1->request("MESSAGE", "sip:ss@" + ss, "not-ue2"));
  ue2->send(ss, ue2->request("OPTIONS", "sip:ss@" + ss, "options-2"));
  std::size_t chosen = 99;
  check(scn_expect_first(rt, alternatives, 2, 0, 0, &chosen) == SCN_MATCHED, "either");
  check(chosen == 1, "the OPTIONS branch");
  check(scn_rt_test::text(scn_current_step(rt)) == "8", "step 8 entered");
  step(rt, "9", P::SS, P::UE2, "200 OK");
  send(rt, scn_out_response(rt, 200, nullptr, nullptr, nullptr));
  got(*ue2, "SIP/2.0 200");
  step(rt, "10", P::UE1, P::SS, "MESSAGE");
  expect(rt, t_message);
}

void either_silent(scn_rt* rt) {
  std::size_t chosen = 99;
  check(scn_expect_first(rt, alternatives, 2, 300, SCN_EXPECT_OPTIONAL, &chosen) == SCN_TIMEOUT,
        "an optional choice times out");
  scn_expect_first(rt, alternatives, 2, 300, 0, &chosen);
}

const scn_step each_steps[] = {party_step("12", P::UE1, P::SS, "OPTIONS"),
                               party_step("13", P::UE2, P::SS, "MESSAGE")};
const scn_expect_alt members[] = {{&each_steps[0], &t_options}, {&each_steps[1], &t_message}};

// in any order { 12 UE1 -> SS OPTIONS  13 UE2 -> SS MESSAGE }: MESSAGE comes first.
void any_order(scn_rt* rt) {
  const std::string ss = scn_rt_test::text(scn_ss_address(rt));
  ue2->send(ss, ue2->request("MESSAGE", "sip:ss@" + ss, "message-2"));
  ue1->send(ss, ue1->request("OPTIONS", "sip:ss@" + ss, "options-1"));
  check(scn_expect_each(rt, members, 2, 0) == SCN_OK, "in any order");
  check(scn_rt_test::text(scn_current_step(rt)) == "12", "step 12 entered last");
  check(scn_rt_test::text(scn_step_field(rt, "13", &path_ruri)) == "sip:ss@" + ss, "step 13 took");
}

void any_order_one_missing(scn_rt* rt) {
  const std::string ss = scn_rt_test::text(scn_ss_address(rt));
  ue1->send(ss, ue1->request("OPTIONS", "sip:ss@" + ss, "options-1"));
  scn_expect_each(rt, members, 2, 300);
}

// UE2 hangs up towards the wrong URI: the verdict names the step's parties.
void wrong_bye(scn_rt* rt) {
  const std::string focus = address(rt, "FOCUS");
  ue2->send(focus, ue2->request("BYE", "sip:someone@home1.net", "bye-2"));
  step(rt, "12", P::UE2, P::FOCUS, "BYE");
  expect(rt, t_bye_to_focus);
}

void no_bye(scn_rt* rt) {
  step(rt, "12", P::UE2, P::FOCUS, "BYE");
  scn_expect(rt, &t_bye, 300, 0);
}

#define ENTRY(name) \
  int name##_entry(scn_rt* rt) { return caught(rt, name); }
ENTRY(mt_call)
ENTRY(by_source)
ENTRY(learnt)
ENTRY(stray)
ENTRY(either)
ENTRY(either_silent)
ENTRY(any_order)
ENTRY(any_order_one_missing)
ENTRY(wrong_bye)
ENTRY(no_bye)

int nothing(scn_rt*) { return SCN_OK; }

int no_such_party(scn_rt* rt) {
  step(rt, "1", P::SS, P::UE1, "INVITE");
  return scn_rt_test::text(scn_party_address(rt, "UE9")).empty() ? SCN_OK : SCN_STOP;
}

}  // namespace

TEST_CASE("rt parties: a played party with its own address calls a UE, ACK as a step, BYE from the UE") {
  auto r = run(mt_call_entry, {"--bind", "FOCUS=127.0.0.1:0"});
  INFO(r.out);
  CHECK(r.exit_code == 0);
  CHECK(r.last_line() == "PASS");
  CHECK(r.out.find("FOCUS on udp 127.0.0.1:") != std::string::npos);
  CHECK(r.out.find("  1  FOCUS -> UE2  INVITE sip:UE2@127.0.0.1:") != std::string::npos);
  CHECK(r.out.find("  2  UE2 -> FOCUS  180 Ringing (INVITE)") != std::string::npos);
  CHECK(r.out.find("  4  FOCUS -> UE2  ACK sip:UE2@127.0.0.1:") != std::string::npos);
}

TEST_CASE("rt parties: two UEs send the same method, each step takes its sender's") {
  auto r = run(by_source_entry);
  INFO(r.out);
  CHECK(r.last_line() == "PASS");
}

TEST_CASE("rt parties: an address learnt from the first message a step takes") {
  auto r = run(learnt_entry, {}, 2);
  INFO(r.out);
  CHECK(r.last_line() == "PASS");
}

TEST_CASE("rt parties: datagrams from no party are traced and ignored") {
  auto r = run(stray_entry);
  INFO(r.out);
  CHECK(r.exit_code == 0);
  CHECK(r.last_line() == "PASS");
  CHECK(r.out.find("OPTIONS sip:ss@127.0.0.1:") != std::string::npos);
  CHECK(r.out.find("(from no party: ignored)") != std::string::npos);
  CHECK(r.out.find("(malformed, from no party: ignored)") != std::string::npos);
  CHECK(r.out.find("\n2 messages from no party ignored\nPASS\n") != std::string::npos);
}

TEST_CASE("rt parties: either ... or takes the branch whose first message comes") {
  auto r = run(either_entry);
  INFO(r.out);
  CHECK(r.last_line() == "PASS");
  auto silent = run(either_silent_entry);
  INFO(silent.out);
  CHECK(silent.exit_code == 1);
  CHECK(silent.last_line() ==
        "FAIL step 6: none of MESSAGE (step 6), OPTIONS (step 8) from UE2 within 0.3 s");
}

TEST_CASE("rt parties: in any order takes each message as it comes") {
  auto r = run(any_order_entry);
  INFO(r.out);
  CHECK(r.last_line() == "PASS");
  auto missing = run(any_order_one_missing_entry);
  INFO(missing.out);
  CHECK(missing.last_line() == "FAIL step 13: no MESSAGE (step 13) from UE2 within 0.3 s");
}

TEST_CASE("rt parties: verdicts name the step's parties") {
  auto wrong = run(wrong_bye_entry, {"--bind", "FOCUS=127.0.0.1:0"});
  INFO(wrong.out);
  CHECK(wrong.last_line() ==
        "FAIL step 12: UE2 -> FOCUS BYE: Request-URI: expected \"sip:focus@home1.net\", "
        "received \"sip:someone@home1.net\"");
  auto silent = run(no_bye_entry);
  INFO(silent.out);
  CHECK(silent.last_line() == "FAIL step 12: UE2 -> FOCUS BYE: none within 0.3 s");
}

TEST_CASE("rt parties: run options naming no party, the wrong party, or none when one is needed") {
  auto unknown = run(nothing, {"--ue", "UE3=127.0.0.1:5999"});
  CHECK(unknown.exit_code == 3);
  CHECK(unknown.last_line() == "ERROR: --ue: no party 'UE3' in test case conf; did you mean 'UE2'?");
  auto nameless = run(nothing, {"--ue", "127.0.0.1:5999"}, 0);
  CHECK(nameless.exit_code == 3);
  CHECK(nameless.last_line() ==
        "ERROR: --ue: test case conf has 2 parties under test (UE1, UE2): name one, --ue "
        "NAME=HOST:PORT");
  auto empty_bind = run(nothing, {"--bind", ""});
  CHECK(empty_bind.exit_code == 3);
  CHECK(empty_bind.last_line() == "ERROR: --bind: expected HOST:PORT, got ''");
  auto played = run(nothing, {"--drive", "FOCUS=prompt"});
  CHECK(played.last_line() == "ERROR: --drive: FOCUS is played by scn, not under test");
  auto bad_drive = run(nothing, {"--drive", "UE1=carrier-pigeon"});
  CHECK(bad_drive.exit_code == 3);
  CHECK(bad_drive.last_line().rfind("ERROR: --drive UE1: ", 0) == 0);
}

TEST_CASE("rt parties: scn_rt_run takes the options naming parties from the config") {
  const scn_testcase testcase = scn_rt_test::conference_testcase("conf", nothing);
  const scn_program program{SCN_RT_ABI_VERSION, "test_rt_parties", &testcase, 1, nullptr, 0,
                            nullptr, 0};
  const scn_party_option options[] = {{SCN_OPTION_UE, "UE1", "127.0.0.1:5998"},
                                      {SCN_OPTION_BIND, "FOCUS", "127.0.0.1:0"},
                                      {SCN_OPTION_UE, nullptr, "UE2=127.0.0.1:5997"}};
  scn_run_config config;
  scn_run_config_init(&config);
  config.bind = "127.0.0.1:0";
  config.linger_ms = 0;
  config.party_options = options;
  config.party_option_count = 3;
  scn_rt_test::StdoutCapture capture;
  const int ok = scn_rt_run(&config, &program);
  const scn_party_option wrong[] = {{SCN_OPTION_BIND, "FOKUS", "127.0.0.1:0"}};
  config.party_options = wrong;
  config.party_option_count = 1;
  const int refused = scn_rt_run(&config, &program);
  const std::string out = capture.finish();
  INFO(out);
  CHECK(ok == 0);
  CHECK(out.find("FOCUS on udp 127.0.0.1:") != std::string::npos);
  CHECK(refused == 3);
  CHECK(out.find("ERROR: --bind: no party 'FOKUS' in test case conf; did you mean 'FOCUS'?") !=
        std::string::npos);
}

TEST_CASE("rt parties: the address of a party that does not exist is an error") {
  auto r = run(no_such_party);
  CHECK(r.exit_code == 3);
  CHECK(r.last_line() == "ERROR step 1: no party 'UE9'");
}
