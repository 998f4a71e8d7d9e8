// Every matcher kind (equal, equal-list, present, absent, any, prefix, regex, one-of and
// captures) on several paths, Status included, means at run time what `scn check`
// accepted: a small test case is checked, lowered, JIT'd and run in-process on the real
// runtime against a UDP socket this test drives as the UE. Matching messages pass; each
// mismatch fails the step with its path.
#include <atomic>
#include <map>
#include <thread>

#include "jit_support.h"
#include "support.h"
#include "udp_peer.h"

namespace scn::test {

namespace {

const char* kWalk = R"(
param domain = "example.net" "the SS's domain"
testcase matchers "every matcher kind through check and run" {
  1 UE -> SS  MESSAGE  except {
      Request-URI    = "sip:ss@" + domain
      From.addr-spec = <sip:alice@example.org>
      From.tag       = present -> alice_tag
      To.tag         = absent
      Subject        = starts "hello"
      Call-ID        = matches /^[a-z0-9]+@walk$/
      Priority       = one of ("urgent", "normal")
      Supported      = "100rel", "timer"
      Organization   = any
      User-Agent     = -> agent }
  2 SS -> UE  200 OK
  3 SS -> UE  OPTIONS  except {
      Request-URI  = "sip:alice@example.org"
      From         = <sip:ss@example.net>
      To           = <sip:alice@example.org>
      Organization = agent + " " + alice_tag }
  4 UE -> SS  200 OK  except {
      Status      = one of (200, 486)
      CSeq.method = "OPTIONS"
      Server      = starts "walk" -> server }
}
)";

// The UE's MESSAGE of step 1, header by header; a variation replaces or drops some.
using Headers = std::vector<std::pair<std::string, std::string>>;

Headers message_headers(const std::string& via) {
  return {{"Via", via},
          {"Max-Forwards", "70"},
          {"From", "<sip:alice@example.org>;tag=a1"},
          {"To", "<sip:ss@example.org>"},
          {"Call-ID", "abc123@walk"},
          {"CSeq", "1 MESSAGE"},
          {"Subject", "hello world"},
          {"Priority", "urgent"},
          {"Supported", "100rel, timer"},
          {"Organization", "anything at all"},
          {"User-Agent", "walker/1.0"},
          {"Content-Length", "0"}};
}

// One run: how the UE's messages differ from the matching ones, and the verdict line
// the run must end with (a prefix of it).
struct Variation {
  std::string what;
  std::map<std::string, std::string> changed;  // header -> value; "" drops it
  std::string request_uri = "sip:ss@example.org";
  int status = 200;            // of the UE's answer to the OPTIONS of step 3
  std::string server = "walker/1.0";
  std::string verdict = "PASS";
};

Variation variation(const char* what, std::map<std::string, std::string> changed = {}) {
  Variation v;
  v.what = what;
  v.changed = std::move(changed);
  return v;
}

// The UE: it sends the MESSAGE and, from a thread of its own, answers the SS's OPTIONS.
class Ue {
 public:
  ~Ue() {
    stop_ = true;
    if (answerer_.joinable()) answerer_.join();
  }

  const std::string& address() const { return peer_.address(); }

  void send_message(const std::string& ss, const Variation& v) {
    std::string out = "MESSAGE " + v.request_uri + " SIP/2.0\r\n";
    for (auto [name, value] : message_headers("SIP/2.0/UDP " + address() + ";branch=z9hG4bKwalk1")) {
      if (auto it = v.changed.find(name); it != v.changed.end()) value = it->second;
      if (!value.empty()) out += name + ": " + value + "\r\n";
    }
    peer_.send_to(ss, out + "\r\n");
  }

  // Answers the first OPTIONS that arrives with `status`, until the run ends.
  void answer_options(const std::string& ss, int status, const std::string& server) {
    answerer_ = std::thread([this, ss, status, server] {
      while (!stop_) {
        std::string request = peer_.receive(100);
        if (request.rfind("OPTIONS ", 0) != 0) continue;
        std::string out = "SIP/2.0 " + std::to_string(status) + " Whatever\r\n";
        for (const char* name : {"Via", "From", "To", "Call-ID", "CSeq"}) {
          std::string value = header_value(request, name);
          if (std::string(name) == "To") value += ";tag=u1";
          out += std::string(name) + ": " + value + "\r\n";
        }
        peer_.send_to(ss, out + "Server: " + server + "\r\nContent-Length: 0\r\n\r\n");
        return;
      }
    });
  }

 private:
  UdpPeer peer_;
  std::atomic<bool> stop_{false};
  std::thread answerer_;
};

struct Outcome {
  std::string verdict;
  std::map<std::string, std::string> stored;  // agent, alice_tag, server
  std::string organization_sent;              // step 3's Organization
};

Outcome run(const scn_program& program, const Variation& v) {
  const scn_setting settings[] = {{"domain", "example.org"}};
  Ue ue;
  REQUIRE(ue.address() != "");
  scn_run_config config = loopback_config(ue.address(), 3000);
  config.settings = settings;
  config.setting_count = 1;
  scn_rt* rt = open_run(config, program);
  const std::string ss = text(scn_ss_address(rt));
  ue.answer_options(ss, v.status, v.server);
  ue.send_message(ss, v);  // queued at the SS's socket until the run reads it
  scn_rt_call(rt, program.testcases[0].entry, 0);
  Outcome out{text(scn_verdict_text(rt)), {}, ""};
  for (const char* slot : {"agent", "alice_tag", "server"})
    out.stored[slot] = text(scn_stored(rt, slot));
  const scn_path organization{SCN_PATH_HEADER, "Organization", 0, SCN_PART_WHOLE, nullptr};
  out.organization_sent = text(scn_step_field(rt, "3", &organization));
  scn_rt_close(rt);
  return out;
}

}  // namespace

TEST_CASE("every matcher kind means at run time what the checker accepted") {
  ir::LowerResult lowered = lower_text(kWalk);
  REQUIRE(lowered.ok());
  std::unique_ptr<jit::Jit> jit = jit_program(lowered.program);
  const scn_program* program = program_of(*jit);

  SUBCASE("matching messages pass, captures are stored and sent back") {
    for (int status : {200, 486}) {  // Status = one of (200, 486): the row decides
      Variation v = variation("matching");
      v.status = status;
      Outcome out = run(*program, v);
      CAPTURE(status);
      CHECK(out.verdict == "PASS");
      CHECK(out.stored["agent"] == "walker/1.0");
      CHECK(out.stored["alice_tag"] == "a1");
      CHECK(out.stored["server"] == "walker/1.0");
      CHECK(out.organization_sent == "walker/1.0 a1");
    }
  }

  SUBCASE("any and a capture without a matcher accept whatever comes, or nothing") {
    Variation v = variation("any", {{"Organization", ""}, {"User-Agent", ""}});
    CHECK(run(*program, v).verdict == "PASS");
  }

  SUBCASE("each mismatch fails its step at its path") {
    std::vector<Variation> cases;
    auto add = [&](const char* what, std::map<std::string, std::string> changed,
                   std::string verdict) {
      Variation v = variation(what, std::move(changed));
      v.verdict = std::move(verdict);
      cases.push_back(std::move(v));
    };
    const std::string step1 = "FAIL step 1: MESSAGE: ";
    add("equal on a parameter's value", {}, step1 + "Request-URI: expected");
    cases.back().request_uri = "sip:ss@example.net";
    add("equal on a URI part", {{"From", "<sip:bob@example.org>;tag=a1"}},
        step1 + "From.addr-spec");
    add("present", {{"From", "<sip:alice@example.org>"}}, step1 + "From.tag");
    add("absent", {{"To", "<sip:ss@example.org>;tag=x"}}, step1 + "To.tag");
    add("prefix", {{"Subject", "goodbye"}}, step1 + "Subject");
    add("regex", {{"Call-ID", "ABC@walk"}}, step1 + "Call-ID");
    add("one of", {{"Priority", "emergency"}}, step1 + "Priority");
    add("equal list, in order", {{"Supported", "timer, 100rel"}}, step1 + "Supported");
    add("equal list, one missing", {{"Supported", "100rel"}}, step1 + "Supported");
    Variation status = variation("Status one of");
    status.status = 404;
    status.verdict = "FAIL step 4: final response: Status: expected one of";
    cases.push_back(status);
    Variation server = variation("prefix with a capture");
    server.server = "other/2.0";
    server.verdict = "FAIL step 4: final response: Server";
    cases.push_back(server);
    for (const Variation& v : cases) {
      CAPTURE(v.what);
      const Outcome out = run(*program, v);
      CAPTURE(out.verdict);
      CHECK(out.verdict.rfind(v.verdict, 0) == 0);
    }
  }
}

}  // namespace scn::test
