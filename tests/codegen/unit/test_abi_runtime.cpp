// The runtime and the code generator agree on scn_rt.h: the runtime linked into this
// test accepts a JIT'd program (its ABI version), reads its step tables (directions as
// scn_direction) and gets the scn_str values generated code passes and receives.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <utility>
#include <vector>

#include "scn/codegen/codegen.h"
#include "scn/jit/jit.h"
#include "support.h"

namespace scn::test {

namespace {

// A UDP socket on a free loopback port, standing in for the UE the SS sends to.
class Peer {
 public:
  Peer() : fd_(::socket(AF_INET, SOCK_DGRAM, 0)) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof addr;
    if (fd_ >= 0 && ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &length) == 0)
      address_ = "127.0.0.1:" + std::to_string(ntohs(addr.sin_port));
  }
  ~Peer() {
    if (fd_ >= 0) ::close(fd_);
  }
  Peer(const Peer&) = delete;
  Peer& operator=(const Peer&) = delete;
  const std::string& address() const { return address_; }

 private:
  int fd_;
  std::string address_;
};

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

std::string text(scn_str s) { return std::string(s.ptr, s.len); }

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
  codegen::Module module = codegen::generate(r.program);
  REQUIRE(module.verify() == "");
  std::string error;
  std::unique_ptr<jit::Jit> jit = jit::Jit::create(std::move(module), error);
  REQUIRE_MESSAGE(jit, error);
  const scn_program* program = jit->program(error);
  REQUIRE_MESSAGE(program, error);
  Peer ue;
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
