// The record behind the reports, from a run through scn_rt_main: every step of the test
// case with its outcome (passed, skipped in an optional window that closed, failed, not
// run), the trace ending with the verdict, and the reports of a run that cannot start.
#include <doctest/doctest.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <sys/socket.h>
#include <netinet/in.h>
#include <unistd.h>

#include "parties.h"
#include "support.h"

namespace {

const scn_match_template t_options = {"OPTIONS", 0, nullptr, 0, nullptr, nullptr};

scn_step window_step(const char* id, const char* end) {
  scn_step step = scn_rt_test::make_step(id, SCN_UE_TO_SS, "OPTIONS");
  step.window_end = end;
  return step;
}

// 1, 2 run; 3-4 an optional window nobody fills; 5 fails; 6 never reached.
const scn_step steps[] = {scn_rt_test::make_step("1", SCN_SS_TO_UE, "MESSAGE"),
                          scn_rt_test::make_step("2", SCN_SS_TO_UE, "MESSAGE"),
                          window_step("3", "4"),
                          scn_rt_test::make_step("4", SCN_SS_TO_UE, "200 OK"),
                          scn_rt_test::make_step("5", SCN_UE_TO_SS, "BYE"),
                          scn_rt_test::make_step("6", SCN_SS_TO_UE, "200 OK")};

int entry(scn_rt* rt) {
  for (int i : {0, 1})
    if (scn_step_begin(rt, &steps[i]) < 0) return SCN_STOP;
  if (scn_step_begin(rt, &steps[2]) < 0) return SCN_STOP;
  if (scn_expect(rt, &t_options, 50, SCN_EXPECT_OPTIONAL) != SCN_TIMEOUT) return SCN_STOP;
  if (scn_step_begin(rt, &steps[4]) < 0) return SCN_STOP;
  scn_fail(rt, "no BYE");
  return SCN_STOP;
}

scn_testcase make_testcase() {
  scn_testcase testcase = scn_rt_test::make_testcase("tc", "steps", entry);
  testcase.steps = steps;
  testcase.step_count = std::size(steps);
  return testcase;
}

const scn_testcase testcase = make_testcase();
const scn_program program = {SCN_RT_ABI_VERSION, "test_report_record", &testcase, 1,
                             nullptr, 0, nullptr, 0};

nlohmann::json read_json(const std::string& path) {
  return nlohmann::json::parse(scn_rt_test::read_file(path));
}

}  // namespace

TEST_CASE("report record: every step with its outcome, the trace ending with the verdict") {
  const std::string json = scn_rt_test::temp_path("record.json");
  const std::string trace = scn_rt_test::temp_path("record.trace");
  auto r = scn_rt_test::run_main(program, {"--bind", "127.0.0.1:0", "--linger", "0", "--json",
                                           json, "--trace", trace});
  CHECK(r.exit_code == 1);
  CHECK(r.last_line() == "FAIL step 5: no BYE");
  const nlohmann::json record = read_json(json);
  REQUIRE(record["steps"].size() == 6);
  const char* outcomes[] = {"passed", "passed", "skipped", "skipped", "failed", "not run"};
  for (std::size_t i = 0; i < 6; ++i) {
    INFO("step " << i + 1);
    CHECK(record["steps"][i]["outcome"] == outcomes[i]);
  }
  CHECK(record["steps"][2]["end_ms"].get<int>() >= record["steps"][2]["start_ms"].get<int>() + 40);
  CHECK(record["steps"][2]["received"] == "none within the optional window");
  CHECK(record["steps"][4]["received"] == "no BYE");
  CHECK(record["steps"][4]["expected"] == "UE -> SS BYE");
  CHECK(record["verdict"]["kind"] == "fail");
  CHECK(record["suite"] == "test_report_record");
  CHECK(scn_rt_test::read_file(trace) == "verdict: FAIL step 5: no BYE\n");
  std::remove(json.c_str());
  std::remove(trace.c_str());
}

TEST_CASE("report record: a port in use still leaves JUnit with an error and the JSON") {
  const int held = ::socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in any{};
  any.sin_family = AF_INET;
  any.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(held, reinterpret_cast<sockaddr*>(&any), sizeof any) == 0);
  socklen_t length = sizeof any;
  REQUIRE(::getsockname(held, reinterpret_cast<sockaddr*>(&any), &length) == 0);
  const std::string port = std::to_string(ntohs(any.sin_port));
  const std::string junit = scn_rt_test::temp_path("busy.xml");
  const std::string json = scn_rt_test::temp_path("busy.json");
  auto r = scn_rt_test::run_main(program, {"--bind", "127.0.0.1:" + port, "--junit", junit,
                                           "--json", json});
  ::close(held);
  CHECK(r.exit_code == 3);
  CHECK(r.last_line().rfind("ERROR: cannot bind udp 127.0.0.1:" + port, 0) == 0);
  const std::string xml = scn_rt_test::read_file(junit);
  CHECK(xml.find("<error message=\"ERROR: cannot bind") != std::string::npos);
  CHECK(xml.find("errors=\"1\"") != std::string::npos);
  const nlohmann::json record = read_json(json);
  CHECK(record["verdict"]["kind"] == "error");
  REQUIRE(record["steps"].size() == 6);
  for (const auto& step : record["steps"]) CHECK(step["outcome"] == "not run");
  std::remove(junit.c_str());
  std::remove(json.c_str());
}

TEST_CASE("report record: scn_rt_report_error writes the reports of a run that cannot start") {
  const std::string junit = scn_rt_test::temp_path("cannot.xml");
  const std::string json = scn_rt_test::temp_path("cannot.json");
  scn_run_config config;
  scn_run_config_init(&config);
  config.junit_file = junit.c_str();
  config.json_file = json.c_str();
  scn_rt_test::StdoutCapture capture;
  const int status = scn_rt_report_error(&config, "broken", "cannot compile broken.scn");
  const std::string out = capture.finish();
  CHECK(status == 3);
  CHECK(out == "ERROR: cannot compile broken.scn\n");
  const std::string xml = scn_rt_test::read_file(junit);
  CHECK(xml.find("<testsuite name=\"broken\"") != std::string::npos);
  CHECK(xml.find("<testcase name=\"(none)\" classname=\"broken\"") != std::string::npos);
  CHECK(xml.find("<error message=\"ERROR: cannot compile broken.scn\" type=\"error\"/>") !=
        std::string::npos);
  CHECK(read_json(json)["verdict"]["line"] == "ERROR: cannot compile broken.scn");
  std::remove(junit.c_str());
  std::remove(json.c_str());
}

// An unwritable report path was found only after the run, which had already played
// its part against the UE: now the run does not start.
TEST_CASE("report record: a report path that cannot be written stops the run before it starts") {
  const std::string json = scn_rt_test::temp_path("unwritable.json");
  auto r = scn_rt_test::run_main(
      program, {"--bind", "127.0.0.1:26110", "--linger", "0", "--json", json, "--trace",
                "/nonexistent-scn-folder/run.trace", "--junit", "/tmp"});
  CHECK(r.exit_code == 3);
  // The ERROR line alone: no banner, so nothing was bound and nothing sent.
  REQUIRE(r.lines().size() == 1);
  CHECK(r.last_line() ==
        "ERROR: --trace: cannot write /nonexistent-scn-folder/run.trace: "
        "no folder /nonexistent-scn-folder");
  CHECK(read_json(json)["verdict"]["line"] == r.last_line());  // the writable one is written

  auto folder = scn_rt_test::run_main(program, {"--bind", "127.0.0.1:26110", "--html", "/tmp"});
  CHECK(folder.exit_code == 3);
  CHECK(folder.last_line() == "ERROR: --html: cannot write /tmp: is a folder");
  std::remove(json.c_str());
}
