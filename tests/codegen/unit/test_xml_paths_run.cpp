// Paths into XML bodies (body.conference-info.users.user[entity = "..."].endpoint.status)
// mean at run time what `scn check` accepted: matched in what the UE sends, captured, and
// set in what the SS sends. The test case is checked, lowered, JIT'd and run in-process
// on the real runtime against a UDP socket this test drives as the UE.
#include "jit_support.h"
#include "message_ue.h"
#include "support.h"

namespace scn::test {

namespace {

const char* kConference = R"(
testcase xml "paths into a conference-info body" {
  1 UE -> SS  MESSAGE  except {
      Content-Type = "application/conference-info+xml"
      body.conference-info.@state = "full"
      body.conference-info.@version = -> version
      body.conference-info.users.user[entity = "sip:bob@example.org"].endpoint.status =
          one of ("connected", "on-hold")
      body.conference-info.users.user[2].@entity = starts "sip:" }
  2 SS -> UE  200 OK
  3 SS -> UE  MESSAGE  except {
      Request-URI  = "sip:alice@example.org"
      From         = <sip:focus@example.net>
      To           = <sip:alice@example.org>
      Content-Type = "application/conference-info+xml"
      body = "<conference-info xmlns=\"urn:ietf:params:xml:ns:conference-info\" entity=\"sip:conf@example.net\" state=\"full\" version=\"0\"/>"
      body.conference-info.@state = "partial"
      body.conference-info.users.user[entity = "sip:bob@example.org"].endpoint.status =
          "disconnected" }
  4 UE -> SS  200 OK
}
)";

struct Variation {
  std::string what;
  std::string state = "full";
  std::string bob_status = "connected";
  std::string second_entity = "sip:carol@example.org";
  bool bob = true;
  std::string verdict = "PASS";
};

std::string conference_body(const Variation& v) {
  std::string users;
  if (v.bob)
    users += "<user entity=\"sip:bob@example.org\"><endpoint entity=\"sip:bob@h\"><status>" +
             v.bob_status + "</status></endpoint></user>";
  users += "<user entity=\"" + v.second_entity + "\"/>";
  if (!v.bob) users += "<user entity=\"sip:dave@example.org\"/>";
  return "<?xml version=\"1.0\"?>\n<conference-info xmlns=\"urn:ietf:params:xml:ns:"
         "conference-info\" entity=\"sip:conf@example.net\" state=\"" + v.state +
         "\" version=\"7\"><users>" + users + "</users></conference-info>";
}

struct Outcome {
  std::string verdict;
  std::string version;  // captured at step 1
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
  ue.send_message(ss, "xml1", "application/conference-info+xml", conference_body(v));
  scn_rt_call(rt, program.testcases[0].entry, 0);
  Outcome out{text(scn_verdict_text(rt)), text(scn_stored(rt, "version")), ""};
  scn_rt_close(rt);
  out.sent = ue.received();
  return out;
}

}  // namespace

TEST_CASE("XML body paths are matched, captured and set at run time") {
  ir::LowerResult lowered = lower_text(kConference);
  REQUIRE(lowered.ok());
  std::unique_ptr<jit::Jit> jit = jit_program(lowered.program);
  const scn_program* program = program_of(*jit);

  SUBCASE("a matching body passes; the SS's body is edited by its paths") {
    for (const char* status : {"connected", "on-hold"}) {
      Variation v;
      v.bob_status = status;
      const Outcome out = run(*program, v);
      CAPTURE(status);
      CHECK(out.verdict == "PASS");
      CHECK(out.version == "7");
      CHECK(contains(out.sent, "state=\"partial\""));
      CHECK(contains(out.sent, "<user entity=\"sip:bob@example.org\">"));
      CHECK(contains(out.sent, "<status>disconnected</status>"));
      CHECK(contains(out.sent, "Content-Type: application/conference-info+xml"));
    }
  }

  SUBCASE("each mismatch fails step 1 at its path") {
    std::vector<Variation> cases(4);
    cases[0].what = "an attribute of the root";
    cases[0].state = "partial";
    cases[0].verdict = "FAIL step 1: MESSAGE: body.conference-info.@state";
    cases[1].what = "an element selected by an attribute, one of";
    cases[1].bob_status = "alerting";
    cases[1].verdict = "FAIL step 1: MESSAGE: body.conference-info.users.user[entity = "
                       "\"sip:bob@example.org\"].endpoint.status";
    cases[2].what = "the selected element is missing";
    cases[2].bob = false;
    cases[2].verdict = cases[1].verdict;
    cases[3].what = "an attribute of the second element, prefix";
    cases[3].second_entity = "tel:+4930123";
    cases[3].verdict = "FAIL step 1: MESSAGE: body.conference-info.users.user[2].@entity";
    for (const Variation& v : cases) {
      CAPTURE(v.what);
      const Outcome out = run(*program, v);
      CAPTURE(out.verdict);
      CHECK(out.verdict.rfind(v.verdict, 0) == 0);
    }
  }
}

}  // namespace scn::test
