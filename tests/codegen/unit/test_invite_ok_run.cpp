// "200 OK for INVITE" (A.3.1 as Annex A uses it for the 2xx to an INVITE) at run time:
// the SS's 200 carries the A.3.1 rows under A1 (Record-Route, Contact) and the SDP answer
// of its played party with its Content-Type. The test case is checked against the real
// stdlib, lowered, JIT'd and run in-process against a UDP socket this test drives as the
// UE.
#include <atomic>
#include <chrono>
#include <thread>

#include "jit_support.h"
#include "support.h"
#include "udp_peer.h"

namespace scn::test {

namespace {

const char* kCall = R"(
import ts34229.annex_a
testcase ok_for_invite "the SS answers the UE's INVITE with 200 OK for INVITE" {
  1  UE -> SS  INVITE
  2  SS -> UE  200 OK  use "200 OK for INVITE" [A1]
  3  UE -> SS  ACK
}
)";

std::string invite(const std::string& ue, const std::string& ss) {
  const std::string body =
      "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
      "t=0 0\r\nm=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n";
  return "INVITE sip:ss@" + ss + " SIP/2.0\r\n"
         "Via: SIP/2.0/UDP " + ue + ";branch=z9hG4bKok1\r\n"
         "Max-Forwards: 70\r\n"
         "From: <sip:alice@example.org>;tag=a1\r\n"
         "To: <sip:ss@example.org>\r\n"
         "Call-ID: ok1@test\r\n"
         "CSeq: 1 INVITE\r\n"
         "Contact: <sip:alice@" + ue + ">\r\n"
         "Content-Type: application/sdp\r\n"
         "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

}  // namespace

TEST_CASE("200 OK for INVITE carries A.3.1's rows, a Contact and the SS's SDP answer") {
  ir::LowerResult lowered = lower_text(kCall);
  REQUIRE(lowered.ok());
  std::unique_ptr<jit::Jit> jit = jit_program(lowered.program);
  const scn_program* program = program_of(*jit);

  UdpPeer ue;
  REQUIRE(ue.address() != "");
  scn_rt* rt = open_run(loopback_config(ue.address(), 3000), *program);
  const std::string ss = text(scn_ss_address(rt));
  ue.send_to(ss, invite(ue.address(), ss));
  std::string ok;
  std::thread answerer([&] {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (ok.empty() && std::chrono::steady_clock::now() < give_up) {
      std::string response = ue.receive(100);
      if (response.rfind("SIP/2.0 200 ", 0) == 0) ok = response;
    }
    if (ok.empty()) return;
    ue.send_to(ss, "ACK sip:callee@uas.3gpp.org:6543 SIP/2.0\r\n"
                   "Via: SIP/2.0/UDP " + ue.address() + ";branch=z9hG4bKok2\r\n"
                   "Max-Forwards: 70\r\n"
                   "From: " + header_value(ok, "From") + "\r\n"
                   "To: " + header_value(ok, "To") + "\r\n"
                   "Call-ID: ok1@test\r\n"
                   "CSeq: 1 ACK\r\n"
                   "Content-Length: 0\r\n\r\n");
  });
  scn_rt_call(rt, program->testcases[0].entry, 0);
  answerer.join();
  const std::string verdict = text(scn_verdict_text(rt));
  scn_rt_close(rt);

  INFO(ok);
  CHECK(verdict == "PASS");
  CHECK(contains(header_value(ok, "Contact"), "sip:callee@uas.3gpp.org:6543"));
  CHECK(contains(header_value(ok, "Record-Route"), "<sip:pcscf.other.com;lr>"));
  CHECK(contains(header_value(ok, "Record-Route"), "<sip:" + ss + ";lr>"));
  CHECK(header_value(ok, "Content-Type") == "application/sdp");
  CHECK(contains(ok, "\r\n\r\nv=0\r\n"));
  CHECK(contains(ok, "m=audio "));
  CHECK(contains(ok, "a=rtpmap:0 PCMU/8000"));
}

}  // namespace scn::test
