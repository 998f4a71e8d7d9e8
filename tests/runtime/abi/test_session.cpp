// Interactive sessions through the C ABI: the step hook (called once per step, before the
// step runs; SCN_HOOK_ABORT stops the run), ad hoc entries, scn_set, the verdict text
// and scn_rt_finish. Entries are hand-written, shaped like generated code.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "session_support.h"

using scn_rt_test::begin;
using scn_rt_test::OpenSession;
using scn_rt_test::text;

namespace {

// What the entry of the test running now got past (entries only get the scn_rt*).
std::vector<std::string>* ran = nullptr;

int three_steps(scn_rt* rt) {
  for (const char* id : {"1", "2", "3"}) {
    if (begin(rt, id) < 0) return SCN_STOP;
    if (ran) ran->push_back(id);
  }
  return SCN_OK;
}

int adhoc_step(scn_rt* rt) { return begin(rt, "9001") < 0 ? SCN_STOP : SCN_OK; }

int failing(scn_rt* rt) {
  if (begin(rt, "4") < 0) return SCN_STOP;
  scn_fail(rt, "bad thing");
  return SCN_STOP;
}

struct Hooked {
  std::vector<std::string> ids;      // step->id at each call
  std::vector<std::string> current;  // scn_current_step at each call
  std::vector<std::size_t> ran_before;
  std::string abort_at;                // answer SCN_HOOK_ABORT for this step
  int (*adhoc)(scn_rt*) = nullptr;     // run once, ad hoc, inside the first call
  int adhoc_result = -99;
  std::string step_after_adhoc;
};

int record_hook(void* user, scn_rt* rt, const scn_step* step) {
  Hooked& h = *static_cast<Hooked*>(user);
  h.ids.push_back(step->id);
  h.current.push_back(text(scn_current_step(rt)));
  h.ran_before.push_back(ran ? ran->size() : 0);
  if (h.adhoc) {
    h.adhoc_result = scn_rt_call(rt, h.adhoc, 1);
    h.adhoc = nullptr;
    h.step_after_adhoc = text(scn_current_step(rt));
  }
  return h.abort_at == step->id ? SCN_HOOK_ABORT : SCN_HOOK_GO;
}

const scn_param_def params[] = {{"px_home", "home1.net", nullptr},
                                 {"px_IMS_Security", "false", nullptr},
                                 {"px_port", "5060", nullptr}};
const scn_condition_def conditions[] = {{"A1", 1, nullptr}};
const scn_testcase testcase = scn_rt_test::make_testcase("tc", "a session", three_steps);
const scn_program program = {SCN_RT_ABI_VERSION, "test_rt_session", &testcase, 1, params, 3,
                             conditions, 1};

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("rt session: the step hook is called once per step, before the step runs") {
  OpenSession s(program, 26101);
  REQUIRE(s.rt());
  CHECK(text(scn_current_step(s.rt())) == "");
  Hooked h;
  Ids steps;
  ran = &steps;
  scn_rt_set_step_hook(s.rt(), record_hook, &h);
  CHECK(scn_rt_call(s.rt(), three_steps, 0) == SCN_OK);
  CHECK(h.ids == Ids{"1", "2", "3"});
  CHECK(h.current == Ids{"1", "2", "3"});
  CHECK(h.ran_before == std::vector<std::size_t>{0, 1, 2});
  CHECK(steps == Ids{"1", "2", "3"});
  CHECK(scn_rt_aborted(s.rt()) == 0);

  scn_rt_set_step_hook(s.rt(), nullptr, nullptr);  // removed: runs through
  CHECK(scn_rt_call(s.rt(), three_steps, 0) == SCN_OK);
  CHECK(h.ids.size() == 3);
  ran = nullptr;
}

TEST_CASE("rt session: SCN_HOOK_ABORT stops the entry and finish says the run was aborted") {
  OpenSession s(program, 26102);
  REQUIRE(s.rt());
  Hooked h;
  h.abort_at = "2";
  Ids steps;
  ran = &steps;
  scn_rt_set_step_hook(s.rt(), record_hook, &h);
  CHECK(scn_rt_call(s.rt(), three_steps, 0) == SCN_STOP);
  ran = nullptr;
  CHECK(steps == Ids{"1"});
  CHECK(h.ids == Ids{"1", "2"});
  CHECK(scn_rt_aborted(s.rt()) == 1);
  CHECK(scn_verdict(s.rt()) == SCN_PASS);  // no verdict until finish
  CHECK(text(scn_verdict_text(s.rt())) == "PASS");
  CHECK(scn_rt_call(s.rt(), adhoc_step, 1) == SCN_STOP);  // later steps stop too

  scn_rt_test::StdoutCapture capture;
  const int code = scn_rt_finish(s.rt());
  scn_rt_test::RunResult out{code, capture.finish()};
  CHECK(code == 2);
  CHECK(out.last_line() == "INCONC step 2: run aborted by the user");
}

TEST_CASE("rt session: an ad hoc entry skips the hook and keeps the current step") {
  OpenSession s(program, 26103);
  REQUIRE(s.rt());
  Hooked h;
  h.adhoc = adhoc_step;
  scn_rt_set_step_hook(s.rt(), record_hook, &h);
  CHECK(scn_rt_call(s.rt(), three_steps, 0) == SCN_OK);
  CHECK(h.ids == Ids{"1", "2", "3"});  // never "9001"
  CHECK(h.adhoc_result == SCN_OK);
  CHECK(h.step_after_adhoc == "1");

  CHECK(text(scn_current_step(s.rt())) == "3");
  CHECK(scn_rt_call(s.rt(), adhoc_step, 1) == SCN_OK);
  CHECK(text(scn_current_step(s.rt())) == "3");
  CHECK(h.ids.size() == 3);

  CHECK(scn_rt_call(s.rt(), adhoc_step, 0) == SCN_OK);  // not ad hoc: a step like any
  CHECK(text(scn_current_step(s.rt())) == "9001");
  CHECK(h.ids.back() == "9001");
  CHECK(scn_rt_call(s.rt(), nullptr, 0) == SCN_OK);
}

TEST_CASE("rt session: scn_set changes parameters and conditions and refuses bad ones") {
  const scn_setting first[] = {{"px_home", "first.net"}};
  OpenSession s(program, 26104, true, first, 1);
  REQUIRE(s.rt());
  scn_rt* rt = s.rt();
  CHECK(text(scn_param(rt, "px_home")) == "first.net");
  char error[128] = "junk";
  CHECK(scn_set(rt, "px_home", "second.net", error, sizeof error) == 0);
  CHECK(std::string(error) == "");
  CHECK(text(scn_param(rt, "px_home")) == "second.net");
  CHECK(scn_set(rt, "A1", "off", error, sizeof error) == 0);
  CHECK(scn_condition(rt, "A1") == 0);

  CHECK(scn_set(rt, "px_nope", "1", error, sizeof error) == -1);
  CHECK(std::string(error) == "no parameter or condition 'px_nope'; did you mean 'px_home'?");
  CHECK(scn_set(rt, "A1", "maybe", error, sizeof error) == -1);
  CHECK(std::string(error) == "A1: expected true or false, got 'maybe'");
  CHECK(scn_condition(rt, "A1") == 0);
  char small[8];
  CHECK(scn_set(rt, "px_nope", "1", small, sizeof small) == -1);
  CHECK(std::string(small) == "no para");
  CHECK(scn_set(rt, nullptr, "1", nullptr, 0) == -1);
  CHECK(scn_set(nullptr, "px_home", "1", error, sizeof error) == -1);
  CHECK(scn_verdict(rt) == SCN_PASS);  // refused settings are no verdict
}

// A boolean once took anything but "true" as false: px_IMS_Security=1 meant false.
TEST_CASE("rt session: a parameter's values are checked against the type of its default") {
  OpenSession s(program, 26108);
  REQUIRE(s.rt());
  scn_rt* rt = s.rt();
  char error[128] = "";
  for (const char* yes : {"1", "yes", "ON", "True"}) {
    CHECK(scn_set(rt, "px_IMS_Security", yes, error, sizeof error) == 0);
    CHECK(text(scn_param(rt, "px_IMS_Security")) == "true");
  }
  for (const char* no : {"0", "no", "off", "FALSE"}) {
    CHECK(scn_set(rt, "px_IMS_Security", no, error, sizeof error) == 0);
    CHECK(text(scn_param(rt, "px_IMS_Security")) == "false");
  }
  CHECK(scn_set(rt, "px_IMS_Security", "maybe", error, sizeof error) == -1);
  CHECK(std::string(error) == "px_IMS_Security: expected true or false, got 'maybe'");
  CHECK(text(scn_param(rt, "px_IMS_Security")) == "false");
  CHECK(scn_set(rt, "px_port", "5070", error, sizeof error) == 0);
  CHECK(text(scn_param(rt, "px_port")) == "5070");
  CHECK(scn_set(rt, "px_port", "50x", error, sizeof error) == -1);
  CHECK(std::string(error) == "px_port: expected an integer, got '50x'");
  CHECK(scn_set(rt, "px_home", "1", error, sizeof error) == 0);  // text takes anything
  CHECK(scn_set(rt, "px_IMS_Securty", "1", error, sizeof error) == -1);
  CHECK(std::string(error) ==
        "no parameter or condition 'px_IMS_Securty'; did you mean 'px_IMS_Security'?");
}

TEST_CASE("rt session: --set names the misspelt setting and the one it likely meant") {
  const scn_setting misspelt[] = {{"px_IMS_Securty", "true"}};
  OpenSession bad_name(program, 26109, true, misspelt, 1);
  CHECK(bad_name.rt() == nullptr);
  CHECK(bad_name.error() ==
        "--set: no parameter or condition 'px_IMS_Securty'; did you mean 'px_IMS_Security'?");
  const scn_setting bad_value[] = {{"px_IMS_Security", "2"}};
  OpenSession bad_bool(program, 26109, true, bad_value, 1);
  CHECK(bad_bool.rt() == nullptr);
  CHECK(bad_bool.error() == "--set px_IMS_Security: expected true or false, got '2'");
}

TEST_CASE("rt session: the verdict text follows the run, finish prints it last once") {
  scn_rt_test::StdoutCapture capture;
  int code = -1, again = -1, after = -1;
  std::string before, failed;
  {
    OpenSession s(program, 26105, false);
    REQUIRE(s.rt());
    before = text(scn_verdict_text(s.rt()));
    CHECK(scn_rt_call(s.rt(), failing, 0) == SCN_STOP);
    failed = text(scn_verdict_text(s.rt()));
    code = scn_rt_finish(s.rt());
    again = scn_rt_finish(s.rt());
    after = scn_rt_call(s.rt(), three_steps, 0);
  }
  scn_rt_test::RunResult out{code, capture.finish()};
  INFO(out.out);
  CHECK(before == "PASS");
  CHECK(failed == "FAIL step 4: bad thing");
  CHECK(code == 1);
  CHECK(again == 1);
  CHECK(after == SCN_STOP);
  const auto lines = out.lines();
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "scn: test_rt_session tc \"a session\"");
  CHECK(lines[1] == "SS on udp 127.0.0.1:26105");
  CHECK(lines[2] == "FAIL step 4: bad thing");
}

TEST_CASE("rt session: open refuses what a run refuses, with the reason") {
  const scn_setting unknown[] = {{"px_other", "1"}};
  OpenSession bad_setting(program, 26106, true, unknown, 1);
  CHECK(bad_setting.rt() == nullptr);
  CHECK(bad_setting.error() == "--set: no parameter or condition 'px_other'");

  OpenSession first(program, 26107);
  REQUIRE(first.rt());
  OpenSession second(program, 26107);
  CHECK(second.rt() == nullptr);
  CHECK(second.error().rfind("cannot bind udp 127.0.0.1:26107: ", 0) == 0);

  char error[64];
  CHECK(scn_rt_open(nullptr, &program, error, sizeof error) == nullptr);
  CHECK(std::string(error) == "no run configuration");
  scn_run_config config;
  scn_run_config_init(&config);
  CHECK(scn_rt_open(&config, nullptr, nullptr, 0) == nullptr);
  CHECK(scn_rt_finish(nullptr) == 3);
  scn_rt_close(nullptr);
}
