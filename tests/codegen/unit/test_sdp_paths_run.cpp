// Paths into SDP bodies (body.sdp.m[audio].rtpmap[0]) mean at run time what `scn check`
// accepted: matched in what the UE sends, captured, and set in what the SS sends. The test
// case is checked, lowered, JIT'd and run in-process on the real runtime against a UDP
// socket this test drives as the UE.
#include "jit_support.h"
#include "message_ue.h"
#include "support.h"

namespace scn::test {

namespace {

const char* kSdp = R"(
testcase sdp "paths into an SDP body" {
  1 UE -> SS  MESSAGE  except {
      Content-Type = "application/sdp"
      body.sdp.o.sess-version = -> version
      body.sdp.m[audio].port = -> port
      body.sdp.m[audio].c.address = "127.0.0.1"
      body.sdp.m[audio].rtpmap[0] = "PCMU/8000"
      body.sdp.m[audio].fmtp[101] = starts "0-"
      body.sdp.m[audio].direction = one of ("sendrecv", "sendonly")
      body.sdp.m[audio].a[curr] = "qos local none, qos remote none"
      body.sdp.m[2].port = "0"
      body.sdp.a[group] = absent }
  2 SS -> UE  200 OK
  3 SS -> UE  MESSAGE  except {
      Request-URI  = "sip:alice@example.org"
      From         = <sip:ss@example.net>
      To           = <sip:alice@example.org>
      Content-Type = "application/sdp"
      body = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 49152 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=sendrecv\r\n"
      body.sdp.o.sess-version = "2"
      body.sdp.m[audio].port = "49154"
      body.sdp.m[audio].c.address = "192.0.2.7"
      body.sdp.m[audio].direction = "sendonly"
      body.sdp.m[audio].fmtp[101] = absent
      body.sdp.m[audio].a[ptime] = "20" }
  4 UE -> SS  200 OK
}
)";

struct Variation {
  std::string what;
  std::string media_address = "127.0.0.1";
  std::string pcmu = "PCMU/8000";
  std::string direction = "sendrecv";
  std::string curr = "a=curr:qos local none\r\na=curr:qos remote none\r\n";
  std::string video_port = "0";
  std::string verdict = "PASS";
};

std::string sdp_body(const Variation& v) {
  return "v=0\r\no=- 42 7 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 " + v.media_address +
         "\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0 101\r\na=rtpmap:0 " + v.pcmu +
         "\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\n" + v.curr + "a=" +
         v.direction + "\r\nm=video " + v.video_port + " RTP/AVP 96\r\n";
}

struct Outcome {
  std::string verdict;
  std::string version;  // captured at step 1
  std::string port;
  std::string sent;     // the SS's MESSAGE of step 3
};

Outcome run(const scn_program& program, const Variation& v) {
  MessageUe ue;
  REQUIRE(ue.address() != "");
  scn_run_config config = loopback_config(ue.address(), 3000);
  scn_rt* rt = open_run(config, program);
  const std::string ss = text(scn_ss_address(rt));
  ue.answer_message(ss);
  // Queued at the SS's socket until the run reads it.
  ue.send_message(ss, "sdp1", "application/sdp", sdp_body(v));
  scn_rt_call(rt, program.testcases[0].entry, 0);
  Outcome out{text(scn_verdict_text(rt)), text(scn_stored(rt, "version")),
              text(scn_stored(rt, "port")), ""};
  scn_rt_close(rt);
  out.sent = ue.received();
  return out;
}

}  // namespace

TEST_CASE("SDP body paths are matched, captured and set at run time") {
  ir::LowerResult lowered = lower_text(kSdp);
  REQUIRE(lowered.ok());
  std::unique_ptr<jit::Jit> jit = jit_program(lowered.program);
  const scn_program* program = program_of(*jit);

  SUBCASE("a matching body passes; the SS's body is edited by its paths") {
    const Outcome out = run(*program, Variation{});
    CHECK(out.verdict == "PASS");
    CHECK(out.version == "7");
    CHECK(out.port == "4000");
    CHECK(contains(out.sent, "o=- 1 2 IN IP4 192.0.2.1\r\n"));
    CHECK(contains(out.sent, "m=audio 49154 RTP/AVP 0 101\r\nc=IN IP4 192.0.2.7\r\n"));
    CHECK(contains(out.sent, "a=sendonly\r\na=ptime:20\r\n"));
    CHECK_FALSE(contains(out.sent, "a=fmtp:101"));
    CHECK_FALSE(contains(out.sent, "a=sendrecv"));
    CHECK(contains(out.sent, "Content-Type: application/sdp"));
  }

  SUBCASE("each mismatch fails step 1 at its path") {
    std::vector<Variation> cases(5);
    cases[0].what = "the media's address, from the session's c=";
    cases[0].media_address = "127.0.0.2";
    cases[0].verdict = "FAIL step 1: MESSAGE: body.sdp.m[audio].c.address";
    cases[1].what = "an rtpmap by payload type";
    cases[1].pcmu = "PCMA/8000";
    cases[1].verdict = "FAIL step 1: MESSAGE: body.sdp.m[audio].rtpmap[0]";
    cases[2].what = "the direction, one of";
    cases[2].direction = "inactive";
    cases[2].verdict = "FAIL step 1: MESSAGE: body.sdp.m[audio].direction";
    cases[3].what = "an attribute's values joined";
    cases[3].curr = "a=curr:qos local sendrecv\r\n";
    cases[3].verdict = "FAIL step 1: MESSAGE: body.sdp.m[audio].a[curr]";
    cases[4].what = "the second m= line by position";
    cases[4].video_port = "5000";
    cases[4].verdict = "FAIL step 1: MESSAGE: body.sdp.m[2].port";
    for (const Variation& v : cases) {
      CAPTURE(v.what);
      const Outcome out = run(*program, v);
      CAPTURE(out.verdict);
      CHECK(out.verdict.rfind(v.verdict, 0) == 0);
    }
  }
}

}  // namespace scn::test
