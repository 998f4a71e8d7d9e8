// The upper tester's glue (scn_act): a party's driver is made from --drive, asked to act,
// and the run goes on meanwhile (the UE's messages queue for the next steps); a failed
// action, an action the driver never confirms and a party without a driver each end the
// run with the verdict that names the party and the action. The drivers here are fakes.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>

#include <memory>

#include "../abi/ue.h"
#include "executor/executor.h"

using scn_rt_test::party_step;
using P = scn_rt_test::Party;

namespace {

struct Log {
  std::vector<scn::tester::Action> actions;
  bool cancelled = false;
};

Log* the_log = nullptr;
scn_rt_test::Ue* the_ue = nullptr;

// "fake:ok" confirms after 20 ms, "fake:fail:WHY" fails, "fake:hang" never answers;
// "fake:dial-ok" also makes the UE send an INVITE to SS_ADDRESS when it dials.
class FakeDriver final : public scn::tester::Driver {
public:
  FakeDriver(scn::Loop& loop, std::string mode) : loop_(loop), mode_(std::move(mode)) {}
  void act(const scn::tester::Action& action, scn::tester::Done done) override {
    the_log->actions.push_back(action);
    if (mode_ == "hang") return;
    if (mode_ == "dial-ok" && the_ue) {
      const std::string ss = action.args.at(1);
      the_ue->send(ss, the_ue->request("INVITE", action.args.at(0), "dialled", {}));
    }
    const bool fails = mode_.rfind("fail:", 0) == 0;
    const std::string why = fails ? mode_.substr(5) : std::string();
    loop_.schedule(20, [done, fails, why] {
      done(fails ? scn::Result<void>(scn::make_error(why)) : scn::Result<void>());
    });
  }
  void cancel() override { the_log->cancelled = true; }
  std::string describe() const override { return "fake:" + mode_; }

private:
  scn::Loop& loop_;
  std::string mode_;
};

scn::Result<std::unique_ptr<scn::tester::Driver>> make_fake(std::string_view spec, scn::Loop& loop) {
  if (!spec.starts_with("fake:")) return scn::make_error("not a fake: '" + std::string(spec) + "'");
  return std::unique_ptr<scn::tester::Driver>(new FakeDriver(loop, std::string(spec.substr(5))));
}

const scn_match_template t_invite = {"INVITE", 0, nullptr, 0, nullptr, nullptr};

int act(scn_rt* rt, const char* id, P party, const char* action, std::vector<std::string> args,
        unsigned timeout_ms = 0) {
  const scn_step s = scn_rt_test::action_step(id, party, action);
  if (scn_step_begin(rt, &s) < 0) return SCN_STOP;
  std::vector<scn_str> strs;
  for (const std::string& a : args) strs.push_back({a.c_str(), a.size()});
  return scn_act(rt, action, strs.data(), strs.size(), timeout_ms);
}

// 1 make UE1 dial URI; 2 UE1 -> SS INVITE (sent while the driver worked).
int dial_then_invite(scn_rt* rt) {
  const std::string ss = scn_rt_test::text(scn_ss_address(rt));
  if (act(rt, "1", P::UE1, "dial", {"sip:ue2@home2.net", ss}) < 0) return SCN_STOP;
  const scn_step s = party_step("2", P::UE1, P::SS, "INVITE");
  if (scn_step_begin(rt, &s) < 0) return SCN_STOP;
  return scn_expect(rt, &t_invite, 0, 0);
}

int hangup(scn_rt* rt) { return act(rt, "14", P::UE2, "hangup", {}); }
int hangup_within(scn_rt* rt) { return act(rt, "14", P::UE2, "hangup", {}, 200); }

struct Outcome {
  std::string line;
  Log log;
  bool opened = false;
  std::string open_error;
};

// Runs the entry on an executor with the fake drivers and the given options.
Outcome run(int (*entry)(scn_rt*), std::vector<std::string> args) {
  Outcome outcome;
  the_log = &outcome.log;
  args.insert(args.begin(), {"prog", "--bind", "127.0.0.1:0", "--quiet", "--linger", "0",
                             "--timeout", "2"});
  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());
  auto options = scn::parse_run_options(static_cast<int>(argv.size()), argv.data());
  REQUIRE_MESSAGE(options.ok(), options.reason());
  options.value().make_driver = make_fake;
  const scn_testcase testcase = scn_rt_test::conference_testcase("act", entry);
  const scn_program program{SCN_RT_ABI_VERSION, "test_act", &testcase, 1, nullptr, 0, nullptr, 0};
  scn::Executor executor(*options, program, testcase);
  auto opened = executor.open();
  outcome.opened = opened.ok();
  outcome.open_error = opened.reason();
  if (opened) {
    executor.call(entry, false);
    executor.end_checks();
    outcome.line = scn::render_final_line(executor.verdict().verdict());
  }
  the_log = nullptr;
  return outcome;
}

// Standard input other than a terminal while the test runs: no operator to prompt.
class NoTerminal {
public:
  NoTerminal() : saved_(::dup(0)) {
    const int null = ::open("/dev/null", O_RDONLY);
    ::dup2(null, 0);
    ::close(null);
  }
  ~NoTerminal() {
    ::dup2(saved_, 0);
    ::close(saved_);
  }
  NoTerminal(const NoTerminal&) = delete;
  NoTerminal& operator=(const NoTerminal&) = delete;

private:
  int saved_;
};

}  // namespace

TEST_CASE("act: the driver confirms, the UE's INVITE sent meanwhile waits for the next step") {
  scn_rt_test::Ue ue("UE1");
  the_ue = &ue;
  auto outcome = run(dial_then_invite, {"--drive", "UE1=fake:dial-ok", "--ue", "UE1=" + ue.address()});
  the_ue = nullptr;
  REQUIRE(outcome.opened);
  CHECK(outcome.line == "PASS");
  REQUIRE(outcome.log.actions.size() == 1);
  CHECK(outcome.log.actions[0].party == "UE1");
  CHECK(outcome.log.actions[0].name == "dial");
  CHECK(outcome.log.actions[0].args.at(0) == "sip:ue2@home2.net");
  CHECK_FALSE(outcome.log.cancelled);
}

TEST_CASE("act: a failed action is a fail verdict naming party, action and reason") {
  auto outcome = run(hangup, {"--drive", "UE2=fake:fail:no call"});
  CHECK(outcome.line == "FAIL step 14: UE2: hangup: no call");
}

TEST_CASE("act: no answer from the driver in time: fail, and the action is cancelled") {
  auto outcome = run(hangup_within, {"--drive", "UE2=fake:hang"});
  CHECK(outcome.line == "FAIL step 14: UE2: hangup: no answer from the driver within 0.2 s");
  CHECK(outcome.log.cancelled);
}

TEST_CASE("act: a party without a driver and no operator at a terminal is an error") {
  NoTerminal no_terminal;
  auto outcome = run(hangup, {"--drive", "UE1=fake:ok"});
  CHECK(outcome.line == "ERROR step 14: UE2: hangup: no upper tester for UE2: give --drive UE2=SPEC");
  CHECK(outcome.log.actions.empty());
}

TEST_CASE("act: a --drive the factory refuses stops the run before it starts") {
  auto outcome = run(hangup, {"--drive", "UE2=carrier-pigeon"});
  CHECK_FALSE(outcome.opened);
  CHECK(outcome.open_error == "--drive UE2: not a fake: 'carrier-pigeon'");
}
