// Paths into XML bodies (body.conference-info.users.user[entity = "..."].endpoint.status)
// mean at run time what `scn check` accepted: matched in what the UE sends, captured, and
// set in what the SS sends. The test case is checked, lowered, JIT'd and run in-process
// on the real runtime against a UDP socket this test drives as the UE.
#include <atomic>
#include <thread>

#include "jit_support.h"
#include "support.h"
#include "udp_peer.h"

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

// The UE: it sends the MESSAGE with the body of the variation and, from a thread of its
// own, keeps the SS's MESSAGE and answers it 200.
class Ue {
 public:
  ~Ue() {
    stop_ = true;
    if (answerer_.joinable()) answerer_.join();
  }

  const std::string& address() const { return peer_.address(); }

  void send_message(const std::string& ss, const Variation& v) {
    const std::string body = conference_body(v);
    peer_.send_to(ss, "MESSAGE sip:ss@example.org SIP/2.0\r\n"
                      "Via: SIP/2.0/UDP " + address() + ";branch=z9hG4bKxml1\r\n"
                      "Max-Forwards: 70\r\n"
                      "From: <sip:alice@example.org>;tag=a1\r\n"
                      "To: <sip:ss@example.org>\r\n"
                      "Call-ID: xml1@test\r\n"
                      "CSeq: 1 MESSAGE\r\n"
                      "Content-Type: application/conference-info+xml\r\n"
                      "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
  }

  void answer_message(const std::string& ss) {
    answerer_ = std::thread([this, ss] {
      while (!stop_) {
        std::string request = peer_.receive(100);
        if (request.rfind("MESSAGE ", 0) != 0) continue;
        received_ = request;
        std::string out = "SIP/2.0 200 OK\r\n";
        for (const char* name : {"Via", "From", "To", "Call-ID", "CSeq"}) {
          std::string value = header_value(request, name);
          if (std::string(name) == "To") value += ";tag=u1";
          out += std::string(name) + ": " + value + "\r\n";
        }
        peer_.send_to(ss, out + "Content-Length: 0\r\n\r\n");
        return;
      }
    });
  }

  // The SS's MESSAGE, once the run has ended.
  std::string received() {
    stop_ = true;
    if (answerer_.joinable()) answerer_.join();
    return received_;
  }

 private:
  UdpPeer peer_;
  std::atomic<bool> stop_{false};
  std::thread answerer_;
  std::string received_;
};

struct Outcome {
  std::string verdict;
  std::string version;  // captured at step 1
  std::string sent;     // the SS's MESSAGE of step 3
};

std::string text(scn_str s) { return std::string(s.ptr, s.len); }

Outcome run(const scn_program& program, const Variation& v) {
  Ue ue;
  REQUIRE(ue.address() != "");
  scn_run_config config;
  scn_run_config_init(&config);
  config.bind = "127.0.0.1:0";
  config.ue = ue.address().c_str();
  config.quiet = 1;
  config.linger_ms = 0;
  config.timeout_ms = 3000;
  char error[256];
  scn_rt* rt = scn_rt_open(&config, &program, error, sizeof error);
  INFO(error);
  REQUIRE(rt);
  const std::string ss = text(scn_ss_address(rt));
  ue.answer_message(ss);
  ue.send_message(ss, v);  // queued at the SS's socket until the run reads it
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
