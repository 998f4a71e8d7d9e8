// A long-running SS (--repeat) through scn_rt_main, in-process, against a raw UDP socket
// playing the UE: one verdict line per run and a summary last, the worst verdict's exit
// code, each run a fresh executor on the same address, numbered reports, a next call
// that starts while the SS lingers, and strays that do not hold the linger.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

#include "abi/repeat.h"
#include "support.h"

using scn_rt_test::FakeUe;
using scn_rt_test::run_main;

namespace {

// What the entry functions share with the test (they only get the scn_rt*).
struct Calls {
  FakeUe* ue = nullptr;
  int run = 0;          // the run in progress, from 1
  int fail_run = 0;     // this run's UE stays silent
  std::thread next;     // run 1's UE starts run 2's call while the SS lingers
};
Calls* calls = nullptr;

std::string ss(scn_rt* rt) { return scn_rt_test::text(scn_ss_address(rt)); }

const scn_step step1 = scn_rt_test::make_step("1", SCN_UE_TO_SS, "OPTIONS", nullptr, nullptr);
const scn_step step2 = scn_rt_test::make_step("2", SCN_SS_TO_UE, "200 OK", nullptr, nullptr);
const scn_match_template t_options = {"OPTIONS", 0, nullptr, 0, nullptr, nullptr};

// 1 UE -> SS OPTIONS (the UE sends it when `send`), 2 SS -> UE 200 OK.
int exchange(scn_rt* rt, bool send) {
  if (scn_step_begin(rt, &step1) < 0) return SCN_STOP;
  // The same branch and Call-ID every run: only a fresh transaction layer takes it as new.
  if (send) calls->ue->send_to(ss(rt), calls->ue->request("OPTIONS", ss(rt)));
  if (scn_expect(rt, &t_options, 0, 0) < 0) return SCN_STOP;
  if (scn_step_begin(rt, &step2) < 0) return SCN_STOP;
  if (scn_send(rt, scn_out_response(rt, 200, nullptr, nullptr, nullptr)) < 0) return SCN_STOP;
  if (!calls->ue->receive(2000)) scn_fail(rt, "UE got no 200");
  return SCN_OK;
}

int call(scn_rt* rt) {
  ++calls->run;
  return exchange(rt, calls->run != calls->fail_run);
}

// Run 1's UE sends run 2's OPTIONS 0.3 s after its 200 OK, while the SS lingers.
int call_then_next(scn_rt* rt) {
  if (++calls->run != 1) return exchange(rt, false);
  const int result = exchange(rt, true);
  const std::string to = ss(rt);
  calls->next = std::thread([to] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    calls->ue->send_to(to, calls->ue->request("OPTIONS", to, {}, "z9hG4bKnext", 2));
  });
  return result;
}

const scn_param_def params[] = {{"px_home", "home1.net", nullptr}};

scn_rt_test::RunResult run_calls(int (*entry)(scn_rt*), Calls& state,
                                 std::vector<std::string> args) {
  const scn_testcase testcase = scn_rt_test::make_testcase("tc", "a test case", entry);
  const scn_program program{SCN_RT_ABI_VERSION, "test_repeat", &testcase, 1, params, 1,
                            nullptr, 0};
  FakeUe ue;
  state.ue = &ue;
  calls = &state;
  args.insert(args.begin(), {"--bind", "127.0.0.1:0", "--timeout", "1"});
  auto result = run_main(program, args);
  if (state.next.joinable()) state.next.join();
  calls = nullptr;
  return result;
}

std::size_t count_lines(const scn_rt_test::RunResult& r, const std::string& start) {
  auto lines = r.lines();
  return static_cast<std::size_t>(std::count_if(
      lines.begin(), lines.end(), [&](const std::string& l) { return l.rfind(start, 0) == 0; }));
}

}  // namespace

TEST_CASE("repeat: three runs on one address, a verdict each, the summary last, the worst exit") {
  Calls state;
  state.fail_run = 2;
  const std::string trace = scn_rt_test::temp_path("repeat.txt");
  auto r = run_calls(call, state, {"--repeat", "3", "--linger", "0", "--trace", trace});
  INFO(r.out);
  CHECK(r.exit_code == 1);
  CHECK(r.last_line() == "runs: 3, 2 passed, 1 failed, 0 inconc, 0 error, 0 from no party ignored");
  CHECK(count_lines(r, "PASS") == 2);
  CHECK(count_lines(r, "FAIL step 1: no OPTIONS from the UE within 1 s") == 1);
  CHECK(count_lines(r, "run ") == 3);
  // Port 0 is chosen once: every run's banner names the same address.
  auto lines = r.lines();
  std::vector<std::string> banners;
  std::copy_if(lines.begin(), lines.end(), std::back_inserter(banners),
               [](const std::string& l) { return l.rfind("SS on udp ", 0) == 0; });
  REQUIRE(banners.size() == 3);
  CHECK(banners[0] == banners[1]);
  CHECK(banners[1] == banners[2]);
  for (unsigned run = 1; run <= 3; ++run) {
    const std::string path = scn::numbered_file(trace, run);
    const std::string text = scn_rt_test::read_file(path);
    CHECK_MESSAGE(text.find(run == 2 ? "verdict: FAIL" : "verdict: PASS") != std::string::npos,
                  path);
    std::remove(path.c_str());
  }
}

TEST_CASE("repeat: the UE's next call, started while the SS lingers, is the next run's") {
  Calls state;
  const auto start = std::chrono::steady_clock::now();
  auto r = run_calls(call_then_next, state, {"--repeat", "2", "--linger", "2"});
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start);
  INFO(r.out);
  // Run 2 starts at the request: run 1 does not linger on (then 2.3 s + run 2's 2 s).
  CHECK(seconds.count() < 3.5);
  CHECK(r.exit_code == 0);
  CHECK(count_lines(r, "PASS") == 2);
  CHECK(r.last_line() == "runs: 2, 2 passed, 0 failed, 0 inconc, 0 error, 0 from no party ignored");
}

TEST_CASE("repeat: datagrams from no party do not keep the SS lingering") {
  Calls state;
  std::atomic<bool> done{false};
  FakeUe stray;
  std::string to;
  auto r = [&] {
    const scn_testcase testcase = scn_rt_test::make_testcase("tc", "a test case", call);
    const scn_program program{SCN_RT_ABI_VERSION, "test_repeat", &testcase, 1, params, 1,
                              nullptr, 0};
    FakeUe ue;
    state.ue = &ue;
    calls = &state;
    // A port free a moment ago: the stray sender needs it before the run starts.
    const int port = [] { FakeUe probe; return probe.port(); }();
    const std::string bind = "127.0.0.1:" + std::to_string(port);
    std::thread flood([&] {
      for (int i = 0; i < 60 && !done; ++i) {
        stray.send_to(bind, "hello\r\n\r\n");
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    });
    const auto start = std::chrono::steady_clock::now();
    auto result = run_main(program, {"--bind", bind, "--ue", "127.0.0.1:" + std::to_string(ue.port()),
                                     "--timeout", "1", "--linger", "0.5", "--repeat", "2"});
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start);
    done = true;
    flood.join();
    calls = nullptr;
    CHECK(seconds.count() < 2.5);  // a flood of 3 s held each linger to its end
    return result;
  }();
  INFO(r.out);
  CHECK(r.exit_code == 0);
  CHECK(count_lines(r, "PASS") == 2);
  CHECK(r.last_line().rfind("runs: 2, 2 passed, 0 failed, 0 inconc, 0 error, ", 0) == 0);
  CHECK(r.last_line().find(" 0 from no party") == std::string::npos);
}

TEST_CASE("repeat: report files numbered per run") {
  CHECK(scn::numbered_file("trace.txt", 3) == "trace.3.txt");
  CHECK(scn::numbered_file("out/run.d/report", 12) == "out/run.d/report.12");
  CHECK(scn::numbered_file(".hidden", 1) == ".hidden.1");
  CHECK(scn::numbered_file("a/b.tar.gz", 2) == "a/b.tar.2.gz");
  CHECK(scn::numbered_file("", 2).empty());
}

TEST_CASE("repeat: --repeat takes a count of runs, 0 for until stopped") {
  auto parse = [](std::vector<std::string> args) {
    args.insert(args.begin(), "prog");
    std::vector<const char*> argv;
    for (const std::string& a : args) argv.push_back(a.c_str());
    return scn::parse_run_options(static_cast<int>(argv.size()), argv.data());
  };
  CHECK(parse({})->repeat == 1);
  CHECK(parse({"--repeat", "120"})->repeat == 120);
  CHECK(parse({"--repeat=0"})->repeat == 0);
  for (const char* bad : {"", "-1", "x", "2.5", "+3", "99999999999"}) {
    auto parsed = parse({"--repeat", bad});
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.reason() == std::string("--repeat: not a number of runs (0: until stopped): '") +
                                 bad + "'");
  }
  scn_run_config config;
  scn_run_config_init(&config);
  CHECK(config.repeat == 1);
  config.repeat = 0;
  CHECK(scn::run_options_from(config)->repeat == 0);
}
