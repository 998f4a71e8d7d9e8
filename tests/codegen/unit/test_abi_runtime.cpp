// The runtime and the code generator agree on scn_rt.h: the runtime linked into this
// test accepts a JIT'd program (its ABI version), reads its step tables (directions as
// scn_direction) and gets the scn_str values generated code passes and receives.
#include <utility>
#include <vector>

#include "jit_support.h"
#include "support.h"
#include "udp_peer.h"

namespace scn::test {

namespace {

using Seen = std::vector<std::pair<std::string, int>>;  // step id, direction

struct Hook {
  Seen seen;
  int answer = SCN_HOOK_GO;
};

int record(void* user, scn_rt*, const scn_step* step) {
  auto* hook = static_cast<Hook*>(user);
  hook->seen.emplace_back(step->id, step->direction);
  return hook->answer;
}

int (*entry_of(const scn_program& program, const std::string& name))(scn_rt*) {
  for (std::size_t i = 0; i < program.testcase_count; ++i)
    if (name == program.testcases[i].name) return program.testcases[i].entry;
  return nullptr;
}

// Runs one test case of `program` on a session of its own (quiet, ephemeral SS port).
struct Run {
  Run(const scn_program& program, const char* testcase, const std::string& ue, int answer) {
    const scn_setting settings[] = {{"domain", "example.org"}};
    scn_run_config config;
    scn_run_config_init(&config);
    config.testcase = testcase;
    config.bind = "127.0.0.1:0";
    config.ue = ue.c_str();
    config.quiet = 1;
    config.linger_ms = 0;
    config.settings = settings;
    config.setting_count = 1;
    char error[256];
    rt = scn_rt_open(&config, &program, error, sizeof error);
    INFO(error);
    REQUIRE(rt);
    hook.answer = answer;
    scn_rt_set_step_hook(rt, record, &hook);
    status = scn_rt_call(rt, entry_of(program, testcase), 0);
  }
  ~Run() { scn_rt_close(rt); }
  Run(const Run&) = delete;
  Run& operator=(const Run&) = delete;

  scn_rt* rt = nullptr;
  Hook hook;
  int status = SCN_STOP;
};

}  // namespace

TEST_CASE("the runtime runs what the code generator emits for scn_rt.h") {
  ir::LowerResult r = lower_text(R"(
param domain = "example.net" "a domain"
testcase ss_first "the SS speaks first" {
  1 SS -> UE  OPTIONS  except {
      Request-URI  = "sip:ue@" + domain
      From         = <sip:ss@example.net>
      To           = <sip:ue@example.net>
      Organization = "at " + domain
      Supported    = "100rel", "timer" }
  2 SS -> UE  OPTIONS  except {
      Request-URI  = "sip:ue@example.net"
      From         = <sip:ss@example.net>
      To           = <sip:ue@example.net>
      Organization = step(1).Organization + "!"
      Supported    = reverse(step(1).Supported) }
}
testcase ue_first "the UE speaks first" {
  1 UE -> SS  OPTIONS
}
)");
  REQUIRE(r.ok());
  std::unique_ptr<jit::Jit> jit = jit_program(r.program);
  const scn_program* program = program_of(*jit);
  UdpPeer ue;
  REQUIRE(ue.address() != "");

  // Opening checks the program's ABI version against the runtime's.
  Run out(*program, "ss_first", ue.address(), SCN_HOOK_GO);
  CHECK(out.status == SCN_OK);
  CHECK(out.hook.seen == Seen{{"1", SCN_SS_TO_UE}, {"2", SCN_SS_TO_UE}});
  CHECK(text(scn_verdict_text(out.rt)) == "PASS");
  // scn_param, scn_concat, scn_step_field and scn_list_reverse return a scn_str;
  // scn_out_set and scn_list_reverse take one.
  const scn_path organization{SCN_PATH_HEADER, "Organization", 0, SCN_PART_WHOLE, nullptr};
  const scn_path supported{SCN_PATH_HEADER, "Supported", 0, SCN_PART_WHOLE, nullptr};
  CHECK(text(scn_step_field(out.rt, "1", &organization)) == "at example.org");
  CHECK(text(scn_step_field(out.rt, "2", &organization)) == "at example.org!");
  CHECK(text(scn_step_field(out.rt, "2", &supported)) == "timer, 100rel");

  Run in(*program, "ue_first", ue.address(), SCN_HOOK_ABORT);
  CHECK(in.status == SCN_STOP);
  CHECK(in.hook.seen == Seen{{"1", SCN_UE_TO_SS}});
}

}  // namespace scn::test
