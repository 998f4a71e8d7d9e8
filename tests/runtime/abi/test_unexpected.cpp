// Messages no step waits for, through the C ABI with hand-written test cases carrying
// rules for unexpected messages (scn_testcase.unexpected) against a raw UDP socket
// playing the UE: requests answered by a rule, its verdict with the rule's origin, 481
// in an unknown dialog, 400 for malformed requests (none for ACK or unreadable ones),
// requests a later step expects left to it, and a bounded inconc reason.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "support.h"

using scn_rt_test::FakeUe;
using scn_rt_test::run_main;

namespace {

FakeUe* the_ue = nullptr;  // the UE of the test running now: entries get only the scn_rt*
std::vector<std::string> received;  // what the UE got, in order

std::string ss(scn_rt* rt) { return scn_rt_test::text(scn_ss_address(rt)); }

void send(scn_rt* rt, const std::string& text) { the_ue->send_to(ss(rt), text); }

// What reached the UE, after the run, until it was quiet for 300 ms.
void drain() {
  while (auto datagram = the_ue->receive(300)) received.push_back(*datagram);
}

// A UE over TCP: one connection to the SS, opened by the entry.
int tcp_ue = -1;

void tcp_send(scn_rt* rt, const std::string& text) {
  if (tcp_ue < 0) {
    const std::string address = ss(rt);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    to.sin_port = htons(static_cast<uint16_t>(std::stoi(address.substr(address.rfind(':') + 1))));
    tcp_ue = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (::connect(tcp_ue, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) return;
  }
  (void)::send(tcp_ue, text.data(), text.size(), MSG_NOSIGNAL);
}

// Everything the SS wrote on the connection until it was quiet for 300 ms.
std::string tcp_drain() {
  std::string out;
  pollfd watch{tcp_ue, POLLIN, 0};
  char buffer[4096];
  while (tcp_ue >= 0 && ::poll(&watch, 1, 300) > 0) {
    const ssize_t n = ::recv(tcp_ue, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    out.append(buffer, static_cast<std::size_t>(n));
  }
  return out;
}

std::string request(scn_rt* rt, const char* method, const char* branch, int cseq) {
  return the_ue->request(method, ss(rt), {}, branch, cseq);
}

const scn_step steps[] = {
    scn_rt_test::make_step("1", SCN_UE_TO_SS, "OPTIONS"),
    scn_rt_test::make_step("2", SCN_SS_TO_UE, "200 OK"),
    scn_rt_test::make_step("3", SCN_UE_TO_SS, "MESSAGE"),
    scn_rt_test::make_step("4", SCN_SS_TO_UE, "200 OK"),
};
const scn_match_template t_options = {"OPTIONS", 0, nullptr, 0, nullptr, nullptr};
const scn_match_template t_message = {"MESSAGE", 0, nullptr, 0, nullptr, nullptr};
const scn_match_template t_subscribe = {"SUBSCRIBE", 0, nullptr, 0, nullptr, nullptr};

int answer(scn_rt* rt, const scn_step& step) {
  if (scn_step_begin(rt, &step) < 0) return SCN_STOP;
  return scn_send(rt, scn_out_response(rt, 200, nullptr, nullptr, nullptr));
}

// Steps 1-2; `before` is sent first.
int options_after(scn_rt* rt, const std::string& before) {
  if (scn_step_begin(rt, &steps[0]) < 0) return SCN_STOP;
  send(rt, before);
  send(rt, request(rt, "OPTIONS", "z9hG4bKo1", 1));
  if (scn_expect(rt, &t_options, 0, 0) < 0) return SCN_STOP;
  return answer(rt, steps[1]) < 0 ? SCN_STOP : SCN_OK;
}

// An INFO no step expects comes (twice: a retransmission), then step 1's OPTIONS.
int info_then_options(scn_rt* rt) {
  if (scn_step_begin(rt, &steps[0]) < 0) return SCN_STOP;
  const std::string info = request(rt, "INFO", "z9hG4bKi1", 7);
  send(rt, info);
  send(rt, info);
  send(rt, request(rt, "OPTIONS", "z9hG4bKo1", 1));
  if (scn_expect(rt, &t_options, 0, 0) < 0) return SCN_STOP;
  return answer(rt, steps[1]) < 0 ? SCN_STOP : SCN_OK;
}

int message_then_options(scn_rt* rt) {
  return options_after(rt, request(rt, "MESSAGE", "z9hG4bKm1", 3));
}

int bye_in_no_dialog(scn_rt* rt) {
  std::string bye = request(rt, "BYE", "z9hG4bKb1", 5);
  bye.replace(bye.find("\r\nCall-ID"), 0, ";tag=nosuch");
  return options_after(rt, bye);
}

std::string bad_cseq(scn_rt* rt, const char* method, const std::string& cseq) {
  std::string text = request(rt, method, "z9hG4bKbad", 9);
  const std::size_t at = text.find("CSeq: ");
  return text.replace(at, text.find("\r\n", at) - at, "CSeq: " + cseq);
}

int malformed_options(scn_rt* rt) { return options_after(rt, bad_cseq(rt, "OPTIONS", "abc OPTIONS")); }

int malformed_ack_and_nul(scn_rt* rt) {
  send(rt, bad_cseq(rt, "ACK", "abc ACK"));
  return options_after(rt, bad_cseq(rt, "OPTIONS", std::string("9\0 OPTIONS", 10)));
}

// Over TCP: a malformed OPTIONS (framed by its Content-Length), then step 1's.
int malformed_over_tcp(scn_rt* rt) {
  if (scn_step_begin(rt, &steps[0]) < 0) return SCN_STOP;
  auto over_tcp = [](std::string text) {
    const std::size_t via = text.find("SIP/2.0/UDP");
    return text.replace(via, 11, "SIP/2.0/TCP");
  };
  tcp_send(rt, over_tcp(bad_cseq(rt, "OPTIONS", "abc OPTIONS")));
  tcp_send(rt, over_tcp(request(rt, "OPTIONS", "z9hG4bKo1", 1)));
  if (scn_expect(rt, &t_options, 0, 0) < 0) return SCN_STOP;
  return answer(rt, steps[1]) < 0 ? SCN_STOP : SCN_OK;
}

// MESSAGE comes in step 1, long before step 3 takes it; a second OPTIONS comes in step
// 3, when no step is left to take it.
int later_step(scn_rt* rt) {
  if (options_after(rt, request(rt, "MESSAGE", "z9hG4bKm1", 3)) < 0) return SCN_STOP;
  if (scn_step_begin(rt, &steps[2]) < 0) return SCN_STOP;
  send(rt, request(rt, "OPTIONS", "z9hG4bKo2", 11));
  if (scn_wait(rt, 200) < 0) return SCN_STOP;  // the MESSAGE is queued: let OPTIONS in
  if (scn_expect(rt, &t_message, 0, 0) < 0) return SCN_STOP;
  return answer(rt, steps[3]) < 0 ? SCN_STOP : SCN_OK;
}

// 200 requests no step takes while step 1 waits for a SUBSCRIBE.
int two_hundred(scn_rt* rt) {
  if (scn_step_begin(rt, &steps[0]) < 0) return SCN_STOP;
  send(rt, request(rt, "MESSAGE", "z9hG4bKm", 1));
  send(rt, request(rt, "OPTIONS", "z9hG4bKo", 2));
  send(rt, request(rt, "INFO", "z9hG4bKi", 3));
  for (int i = 0; i < 197; ++i) {
    send(rt, request(rt, "NOTIFY", ("z9hG4bKn" + std::to_string(i)).c_str(), 10 + i));
    if (i % 20 == 19 && scn_wait(rt, 20) < 0) return SCN_STOP;  // within the socket buffer
  }
  return scn_expect(rt, &t_subscribe, 1000, 0);
}

// Like the stdlib's: OPTIONS answered 200, unknown in-dialog requests 481, other
// requests a fail, malformed ones 400 and a fail.
const scn_unexpected_rule options_200 = {SCN_UNEXPECTED_REQUEST, "OPTIONS", 200, nullptr,
                                         SCN_UNEXPECTED_RECORD, "unexpected.scn:3"};
const scn_unexpected_rule info_200 = {SCN_UNEXPECTED_REQUEST, "INFO", 200, nullptr,
                                      SCN_UNEXPECTED_RECORD, "unexpected.scn:4"};
const scn_unexpected_rule unknown_481 = {SCN_UNEXPECTED_UNKNOWN_DIALOG, "", 481, nullptr,
                                         SCN_UNEXPECTED_RECORD, "unexpected.scn:5"};
const scn_unexpected_rule any_fails = {SCN_UNEXPECTED_REQUEST, nullptr, 0, nullptr,
                                       SCN_UNEXPECTED_FAIL, "unexpected.scn:6"};
const scn_unexpected_rule malformed_fails = {SCN_UNEXPECTED_MALFORMED, nullptr, 400, nullptr,
                                             SCN_UNEXPECTED_FAIL, "unexpected.scn:7"};
const scn_unexpected_rule malformed_recorded = {SCN_UNEXPECTED_MALFORMED, nullptr, 400, nullptr,
                                                SCN_UNEXPECTED_RECORD, "tc.scn:12"};

// Runs `entry` as a test case of the first step_count steps with these rules.
scn_rt_test::RunResult run(int (*entry)(scn_rt*), std::vector<scn_unexpected_rule> rules,
                           std::size_t step_count = std::size(steps),
                           std::vector<std::string> extra = {}) {
  const scn_testcase testcase = scn_rt_test::make_testcase(
      "tc", entry, steps, step_count, rules.empty() ? nullptr : rules.data(), rules.size());
  const scn_program program{SCN_RT_ABI_VERSION, "test_unexpected", &testcase, 1, nullptr, 0,
                            nullptr, 0};
  std::vector<std::string> args = {"--bind", "127.0.0.1:0", "--timeout", "0.5", "--linger", "0"};
  args.insert(args.end(), extra.begin(), extra.end());
  FakeUe ue;
  the_ue = &ue;
  received.clear();
  auto result = run_main(program, args);
  drain();
  the_ue = nullptr;
  return result;
}

// The responses the UE got whose CSeq line is `cseq`.
std::vector<std::string> answers_to(const std::string& cseq) {
  std::vector<std::string> out;
  for (const std::string& r : received)
    if (r.find("\r\nCSeq: " + cseq + "\r\n") != std::string::npos) out.push_back(r);
  return out;
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("rt unexpected: a request no step expects is answered by its rule, the run passes") {
  auto r = run(info_then_options, {options_200, info_200, any_fails});
  INFO(r.out);
  CHECK(r.last_line() == "PASS");
  CHECK(has(r.out, "INFO sip:ss@127.0.0.1:"));
  CHECK(has(r.out, "(unexpected: answered 200 OK [unexpected.scn:4])"));
  CHECK(has(r.out, "\n1 unexpected message answered\nPASS\n"));
  const auto info = answers_to("7 INFO");
  REQUIRE(info.size() == 2);  // the retransmission answered again by the transaction
  CHECK(info[0].rfind("SIP/2.0 200 OK\r\n", 0) == 0);
  CHECK(has(info[0], "To: <sip:ss@127.0.0.1:"));
  CHECK(has(info[0], ";tag="));
  CHECK(info[0] == info[1]);
}

TEST_CASE("rt unexpected: a fail or inconc rule gives its verdict naming the request and the rule's origin") {
  auto r = run(message_then_options, {options_200, any_fails}, 2);  // steps 1-2: no MESSAGE
  INFO(r.out);
  CHECK(r.exit_code == 1);
  CHECK(r.last_line() == "FAIL step 1: unexpected MESSAGE from the UE [unexpected.scn:6]");
  CHECK(has(r.out, "(unexpected: not answered [unexpected.scn:6])"));

  const scn_unexpected_rule inconc = {SCN_UNEXPECTED_REQUEST, "MESSAGE", 500, "Not Now",
                                      SCN_UNEXPECTED_INCONC, "tc.scn:20"};
  auto i = run(message_then_options, {inconc, any_fails}, 2);
  INFO(i.out);
  CHECK(i.exit_code == 2);
  CHECK(i.last_line() == "INCONC step 1: unexpected MESSAGE from the UE [tc.scn:20]");
  const auto refused = answers_to("3 MESSAGE");
  REQUIRE(refused.size() == 1);
  CHECK(refused[0].rfind("SIP/2.0 500 Not Now\r\n", 0) == 0);
}

TEST_CASE("rt unexpected: a request in no dialog of the SS gets 481") {
  auto r = run(bye_in_no_dialog, {options_200, unknown_481, any_fails});
  INFO(r.out);
  CHECK(r.last_line() == "PASS");
  const auto bye = answers_to("5 BYE");
  REQUIRE(bye.size() == 1);
  CHECK(bye[0].rfind("SIP/2.0 481 Call/Transaction Does Not Exist\r\n", 0) == 0);
  CHECK(has(bye[0], ";tag=nosuch"));
}

TEST_CASE("rt unexpected: a malformed request gets 400 naming the problem, and fails or is recorded") {
  auto failed = run(malformed_options, {malformed_fails});
  INFO(failed.out);
  CHECK(failed.exit_code == 1);
  CHECK(failed.last_line().rfind("FAIL step 1: malformed message from the UE: ", 0) == 0);
  CHECK(has(failed.last_line(), " [unexpected.scn:7]"));
  const auto bad = answers_to("abc OPTIONS");
  REQUIRE(bad.size() == 1);
  CHECK(bad[0].rfind("SIP/2.0 400 Malformed CSeq\r\n", 0) == 0);
  CHECK(has(bad[0], "Via: SIP/2.0/UDP 127.0.0.1:"));
  CHECK(has(bad[0], "Call-ID: call-1@127.0.0.1:"));
  CHECK(has(bad[0], ";tag="));
  CHECK(has(failed.out, "(malformed: answered 400 Malformed CSeq [unexpected.scn:7])"));

  auto recorded = run(malformed_options, {malformed_recorded});
  INFO(recorded.out);
  CHECK(recorded.last_line() == "PASS");
  CHECK(answers_to("abc OPTIONS").size() == 1);
  CHECK(has(recorded.out, "\n1 unexpected message answered\nPASS\n"));
}

TEST_CASE("rt unexpected: over TCP the 400 goes back on the connection") {
  auto r = run(malformed_over_tcp, {malformed_recorded}, std::size(steps), {"--transport", "tcp"});
  const std::string stream = tcp_drain();
  ::close(tcp_ue);
  tcp_ue = -1;
  INFO(r.out);
  INFO(stream);
  CHECK(r.last_line() == "PASS");
  CHECK(stream.rfind("SIP/2.0 400 Malformed CSeq\r\n", 0) == 0);
  CHECK(has(stream, "\r\n\r\nSIP/2.0 200 OK\r\n"));
}

TEST_CASE("rt unexpected: a malformed ACK and a CSeq with a NUL get no answer") {
  auto r = run(malformed_ack_and_nul, {malformed_recorded});
  INFO(r.out);
  CHECK(r.last_line() == "PASS");
  REQUIRE(received.size() == 1);  // only the 200 of step 2
  CHECK(received[0].rfind("SIP/2.0 200 OK\r\n", 0) == 0);
  CHECK(has(r.out, "(malformed: not answered [tc.scn:12])"));
  CHECK(has(r.out, "\n2 unexpected messages not answered\nPASS\n"));
}

TEST_CASE("rt unexpected: a request a later step expects waits for it, one after its step does not") {
  auto r = run(later_step, {options_200, any_fails});
  INFO(r.out);
  CHECK(r.last_line() == "PASS");
  CHECK(answers_to("3 MESSAGE").size() == 1);  // the 200 of step 4
  const auto second = answers_to("11 OPTIONS");
  REQUIRE(second.size() == 1);
  CHECK(second[0].rfind("SIP/2.0 200 OK\r\n", 0) == 0);
  CHECK(has(r.out, "(unexpected: answered 200 OK [unexpected.scn:3])"));
}

TEST_CASE("rt unexpected: the traffic no step took is counted in the JSON report") {
  const std::string json = scn_rt_test::temp_path("unexpected.json");
  auto r = run(later_step, {options_200, any_fails}, std::size(steps), {"--json", json});
  INFO(r.out);
  const auto report = nlohmann::json::parse(scn_rt_test::read_file(json));
  std::remove(json.c_str());
  CHECK(report["traffic"]["unexpected_answered"] == 1);
  CHECK(report["traffic"]["unexpected_unanswered"] == 0);
  CHECK(report["traffic"]["strays"] == 0);
}

TEST_CASE("rt unexpected: an inconc over 200 queued requests names a few and counts the rest") {
  auto r = run(two_hundred, {});
  INFO(r.out);
  CHECK(r.exit_code == 2);
  CHECK(r.last_line() ==
        "INCONC step 1: unexpected request MESSAGE, request OPTIONS, request INFO and 197 more "
        "from the UE while waiting for SUBSCRIBE");
}
