// The cleanup after a run that did not pass: the SS ends what is open with the UE (a
// CANCEL for its ringing INVITE, a final response to the UE's INVITE), within its bound,
// before the verdict line, and nothing the UE sends meanwhile changes the verdict.
#include <doctest/doctest.h>

#include "msg/msg.h"
#include "support.h"

using scn_rt_test::FakeUe;

namespace {

FakeUe* the_ue = nullptr;

const scn_path path_ruri = {SCN_PATH_REQUEST_URI, nullptr, 0, SCN_PART_WHOLE, nullptr};
const scn_path path_from = {SCN_PATH_HEADER, "From", 0, SCN_PART_WHOLE, nullptr};
const scn_path path_to = {SCN_PATH_HEADER, "To", 0, SCN_PART_WHOLE, nullptr};
const scn_match_template t_180 = {nullptr, 180, nullptr, 0, nullptr, nullptr};
const scn_match_template t_invite = {"INVITE", 0, nullptr, 0, nullptr, nullptr};

std::string ue_uri() { return "sip:ue@127.0.0.1:" + std::to_string(the_ue->port()); }

// The SS calls, the UE rings (180 with a To tag; with `answer`, at once also 200 OK, which
// no step takes), and the test case fails there.
int ring_then_fail(scn_rt* rt, bool answer) {
  const std::string ss = scn_rt_test::text(scn_ss_address(rt));
  const scn_step s1 = scn_rt_test::make_step("1", SCN_SS_TO_UE, "INVITE", nullptr, nullptr);
  scn_step_begin(rt, &s1);
  scn_out* invite = scn_out_request(rt, "INVITE", nullptr);
  const std::string uri = ue_uri();
  scn_out_set(invite, &path_ruri, {uri.c_str(), uri.size()});
  scn_out_set(invite, &path_from, {"<sip:ss@home1.net>", 18});
  scn_out_set(invite, &path_to, {"<sip:ue@home1.net>", 18});
  if (scn_send(rt, invite) < 0) return SCN_STOP;
  auto received = the_ue->receive(2000);
  auto request = received ? scn::sip::parse(*received) : scn::sip::ParseResult(scn::make_error("none"));
  if (!request) {
    scn_fail(rt, "UE got no INVITE");
    return SCN_STOP;
  }
  auto ringing = scn::sip::make_response(*request, 180, {}, "ue9");
  ringing.add("Contact", "<" + uri + ">");
  the_ue->send_to(ss, ringing.build());
  if (answer) {
    auto ok = scn::sip::make_response(*request, 200, {}, "ue9");
    ok.add("Contact", "<" + uri + ">");
    the_ue->send_to(ss, ok.build());
  }
  const scn_step s2 = scn_rt_test::make_step("2", SCN_UE_TO_SS, "180", nullptr, nullptr);
  scn_step_begin(rt, &s2);
  if (scn_expect(rt, &t_180, 0, 0) < 0) return SCN_STOP;
  scn_fail(rt, "the test case fails while the UE rings");
  return SCN_STOP;
}

int ringing_then_fail(scn_rt* rt) { return ring_then_fail(rt, false); }
int answered_then_fail(scn_rt* rt) { return ring_then_fail(rt, true); }

// The UE calls; the test case takes the INVITE, gives up inconclusive, and the UE sends
// garbage that the cleanup reads (it waits in the socket until the SS runs its loop).
int invite_then_inconc(scn_rt* rt) {
  const std::string ss = scn_rt_test::text(scn_ss_address(rt));
  the_ue->send_to(ss, the_ue->request("INVITE", ss));
  const scn_step s1 = scn_rt_test::make_step("1", SCN_UE_TO_SS, "INVITE", nullptr, nullptr);
  scn_step_begin(rt, &s1);
  if (scn_expect(rt, &t_invite, 0, 0) < 0) return SCN_STOP;
  scn_inconc(rt, "the test case gives up");
  the_ue->send_to(ss, "hello\r\n\r\n");
  return SCN_STOP;
}

// The UE calls and the test case passes once it took the INVITE.
int invite_then_pass(scn_rt* rt) {
  const std::string ss = scn_rt_test::text(scn_ss_address(rt));
  the_ue->send_to(ss, the_ue->request("INVITE", ss));
  const scn_step s1 = scn_rt_test::make_step("1", SCN_UE_TO_SS, "INVITE", nullptr, nullptr);
  scn_step_begin(rt, &s1);
  return scn_expect(rt, &t_invite, 0, 0);
}

// The datagrams the UE received within timeout_ms of each other.
std::vector<std::string> received_by_ue(int timeout_ms) {
  std::vector<std::string> all;
  while (auto datagram = the_ue->receive(timeout_ms)) all.push_back(*datagram);
  return all;
}

bool any_starts(const std::vector<std::string>& texts, const std::string& prefix) {
  for (const std::string& text : texts)
    if (text.rfind(prefix, 0) == 0) return true;
  return false;
}

scn_rt_test::RunResult run(int (*entry)(scn_rt*), FakeUe& ue,
                           std::vector<std::string> reports = {}) {
  static scn_testcase testcase;
  testcase = scn_rt_test::make_testcase("cleanup", nullptr, entry);
  const scn_program program{SCN_RT_ABI_VERSION, "test_rt_cleanup", &testcase, 1, nullptr, 0,
                            nullptr, 0};
  std::vector<std::string> args = {"--bind", "127.0.0.1:0", "--timeout", "2", "--ue",
                                   "127.0.0.1:" + std::to_string(ue.port()), "--linger", "0"};
  args.insert(args.end(), reports.begin(), reports.end());
  return scn_rt_test::run_main(program, args);
}

}  // namespace

TEST_CASE("rt cleanup: a ringing INVITE of the SS is cancelled after a fail, within 2 s") {
  FakeUe ue;
  the_ue = &ue;
  const std::string trace = scn_rt_test::temp_path("cleanup.trace");
  const std::string json = scn_rt_test::temp_path("cleanup.json");
  const std::string html = scn_rt_test::temp_path("cleanup.html");
  const std::string junit = scn_rt_test::temp_path("cleanup.junit.xml");
  auto r = run(ringing_then_fail, ue,
               {"--trace", trace, "--json", json, "--html", html, "--junit", junit});
  const auto to_ue = received_by_ue(200);
  the_ue = nullptr;
  INFO(r.out);
  const std::string note =
      "INVITE to UE: CANCEL: no answer within 2 s, INVITE: no final response within 2 s";
  CHECK(scn_rt_test::read_file(trace).find("step cleanup  SS -> UE  udp") != std::string::npos);
  CHECK(scn_rt_test::read_file(trace).find("cleanup: " + note + "\n\nverdict: FAIL step 2") !=
        std::string::npos);
  CHECK(scn_rt_test::read_file(json).find("\"cleanup\": [\n    \"" + note + "\"") !=
        std::string::npos);
  CHECK(scn_rt_test::read_file(html).find("<h2>Cleanup</h2>\n<ul>\n<li>" + note) !=
        std::string::npos);
  CHECK(scn_rt_test::read_file(junit).find("cleanup: " + note) != std::string::npos);
  for (const std::string& path : {trace, json, html, junit}) std::remove(path.c_str());
  CHECK(r.exit_code == 1);
  CHECK(r.last_line() == "FAIL step 2: the test case fails while the UE rings");
  CHECK(any_starts(to_ue, "CANCEL sip:ue@127.0.0.1:"));
  CHECK(r.out.find("cleanup  SS -> UE  CANCEL sip:ue@") != std::string::npos);
  CHECK(r.out.find("cleanup: INVITE to UE: CANCEL: no answer within 2 s, INVITE: no final "
                   "response within 2 s\n") != std::string::npos);
}

TEST_CASE("rt cleanup: a 2xx no step took is ACKed and the call ended with BYE") {
  FakeUe ue;
  the_ue = &ue;
  auto r = run(answered_then_fail, ue);
  const auto to_ue = received_by_ue(200);
  the_ue = nullptr;
  INFO(r.out);
  CHECK(r.last_line() == "FAIL step 2: the test case fails while the UE rings");
  CHECK(any_starts(to_ue, "ACK sip:ue@127.0.0.1:"));
  CHECK(any_starts(to_ue, "BYE sip:ue@127.0.0.1:"));
  CHECK(!any_starts(to_ue, "CANCEL "));
  CHECK(r.out.find("cleanup: BYE to UE (dialog ") != std::string::npos);
  CHECK(r.out.find("): no answer within 2 s\n") != std::string::npos);
}

TEST_CASE("rt cleanup: the UE's INVITE gets 480; what the UE sends then leaves the verdict") {
  FakeUe ue;
  the_ue = &ue;
  auto r = run(invite_then_inconc, ue);
  const auto to_ue = received_by_ue(200);
  the_ue = nullptr;
  INFO(r.out);
  CHECK(r.exit_code == 2);
  CHECK(r.last_line() == "INCONC step 1: the test case gives up");
  CHECK(any_starts(to_ue, "SIP/2.0 480 Temporarily Unavailable"));
  CHECK(r.out.find("cleanup: 480 Temporarily Unavailable to UE's INVITE: no ACK within 2 s\n") !=
        std::string::npos);
}

TEST_CASE("rt cleanup: nothing is cleaned up after a pass") {
  FakeUe ue;
  the_ue = &ue;
  auto r = run(invite_then_pass, ue);
  const auto to_ue = received_by_ue(200);
  the_ue = nullptr;
  INFO(r.out);
  CHECK(r.last_line() == "PASS");
  CHECK(to_ue.empty());
  CHECK(r.out.find("cleanup:") == std::string::npos);
  CHECK(r.out.find("cleanup  ") == std::string::npos);
}
