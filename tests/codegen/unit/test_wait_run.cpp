// Wait steps and the origins of expectations at run time: a small test case is checked,
// lowered, JIT'd and run in-process against a UDP socket this test drives as the UE. A
// wait lets its time pass while what the UE sends meanwhile waits for the next step; a
// malformed message ends the wait at once; a mismatch names the row behind it, and a
// verbose run logs every match attempt in the trace.
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "jit_support.h"
#include "support.h"
#include "udp_peer.h"

namespace scn::test {

namespace {

// The Subject row is on line 5 (the text starts with a line break).
const char* kWait = R"(
testcase waits "a wait lets time pass" {
  1 wait 600ms "let the UE settle"
  2 UE -> SS  MESSAGE  except {
      Subject = "sent during the wait" }
  3 SS -> UE  200 OK
}
)";

std::string message(const std::string& ue, const std::string& subject) {
  return "MESSAGE sip:ss@example.org SIP/2.0\r\n"
         "Via: SIP/2.0/UDP " + ue + ";branch=z9hG4bKwait1\r\n"
         "Max-Forwards: 70\r\n"
         "From: <sip:alice@example.org>;tag=a1\r\n"
         "To: <sip:ss@example.org>\r\n"
         "Call-ID: wait1@test\r\n"
         "CSeq: 1 MESSAGE\r\n"
         "Subject: " + subject + "\r\n"
         "Content-Length: 0\r\n\r\n";
}

struct Outcome {
  std::string verdict;
  double seconds = 0;
  std::string subject;  // the Subject of step 2's message
  std::string trace;    // the trace file, when one was asked for
  std::string json;     // the JSON report, when a trace was asked for
};

// Runs the test case; 100 ms in (during the wait) the UE sends a MESSAGE with `subject`,
// or, for no subject, a datagram that is no SIP message.
Outcome run(const scn_program& program, const std::string& subject, bool verbose = false) {
  ScratchDir dir;
  const std::string trace = (dir.path / "trace.txt").string();
  const std::string json = (dir.path / "report.json").string();
  UdpPeer ue;
  scn_run_config config = loopback_config(ue.address(), 3000);
  if (verbose) {
    config.log_level = 1;
    config.trace_file = trace.c_str();
    config.json_file = json.c_str();
  }
  scn_rt* rt = open_run(config, program);
  const std::string ss = text(scn_ss_address(rt));
  std::thread sender([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ue.send_to(ss, subject.empty() ? "this is no SIP message\r\n\r\n"
                                   : message(ue.address(), subject));
  });
  const auto start = std::chrono::steady_clock::now();
  scn_rt_call(rt, program.testcases[0].entry, 0);
  Outcome out;
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  sender.join();
  out.verdict = text(scn_verdict_text(rt));
  const scn_path subject_path{SCN_PATH_HEADER, "Subject", 0, SCN_PART_WHOLE, nullptr};
  out.subject = text(scn_step_field(rt, "2", &subject_path));
  scn_rt_finish(rt);
  scn_rt_close(rt);
  std::ifstream in(trace);
  std::stringstream buffer;
  buffer << in.rdbuf();
  out.trace = buffer.str();
  std::ifstream json_in(json);
  std::stringstream json_buffer;
  json_buffer << json_in.rdbuf();
  out.json = json_buffer.str();
  return out;
}

}  // namespace

TEST_CASE("a wait step lets its time pass and the UE message meanwhile goes to the next step") {
  ir::LowerResult lowered = lower_text(kWait);
  REQUIRE(lowered.ok());
  const ir::Testcase& tc = lowered.program.testcases.at(0);
  CHECK(tc.steps.at(0).kind == ir::StepKind::wait);
  CHECK(tc.steps.at(0).message == "wait 600ms");
  CHECK(tc.steps.at(0).comment == "let the UE settle");
  std::unique_ptr<jit::Jit> jit = jit_program(lowered.program);
  const scn_program* program = program_of(*jit);

  SUBCASE("the wait lasts its time and step 2 takes what came during it") {
    const Outcome out = run(*program, "sent during the wait");
    CHECK(out.verdict == "PASS");
    CHECK(out.seconds >= 0.59);  // the loop counts whole milliseconds
    CHECK(out.seconds < 2.5);
    CHECK(out.subject == "sent during the wait");
  }

  SUBCASE("a malformed message ends the wait with a fail at once") {
    const Outcome out = run(*program, "");
    CAPTURE(out.verdict);
    CHECK(out.verdict.rfind("FAIL step 1: malformed message from the UE", 0) == 0);
    CHECK(out.seconds < 0.5);
  }

  SUBCASE("a mismatch names the row that demanded the value") {
    const Outcome out = run(*program, "something else");
    CAPTURE(out.verdict);
    CHECK(out.verdict.rfind("FAIL step 2: MESSAGE: Subject: expected \"sent during the wait\", "
                            "received \"something else\" [", 0) == 0);
    CHECK(contains(out.verdict, "main.scn:5, exception of step 2]"));
  }

  SUBCASE("a verbose run logs every match attempt with each row's origin in the trace") {
    const Outcome out = run(*program, "something else", true);
    INFO(out.trace);
    CHECK(contains(out.trace, "# match attempts (--verbose)"));
    CHECK(contains(out.trace, "match step 2 MESSAGE against \"MESSAGE sip:ss@example.org "
                              "SIP/2.0\": mismatch"));
    CHECK(contains(out.trace, "  MISMATCH Subject: expected \"sent during the wait\", received "
                              "\"something else\"  ["));
    CHECK(contains(out.trace, "main.scn:5, exception of step 2]"));
    // The JSON report carries the same attempts, row by row.
    INFO(out.json);
    CHECK(contains(out.json, "\"match_attempts\": ["));
    CHECK(contains(out.json, "\"matched\": false"));
    CHECK(contains(out.json, "\"received\": \"something else\""));
    CHECK(contains(out.json, "main.scn:5 (exception of step 2)"));
  }

  SUBCASE("without --verbose the trace has no match attempts") {
    ScratchDir dir;
    const std::string trace = (dir.path / "trace.txt").string();
    UdpPeer peer;
    scn_run_config config = loopback_config(peer.address(), 3000);
    config.trace_file = trace.c_str();
    scn_rt* rt = open_run(config, *program);
    peer.send_to(text(scn_ss_address(rt)), message(peer.address(), "sent during the wait"));
    scn_rt_call(rt, program->testcases[0].entry, 0);
    scn_rt_finish(rt);
    scn_rt_close(rt);
    std::ifstream in(trace);
    std::stringstream buffer;
    buffer << in.rdbuf();
    CHECK(contains(buffer.str(), "MESSAGE sip:ss@example.org"));
    CHECK_FALSE(contains(buffer.str(), "match attempts"));
  }
}

}  // namespace scn::test
