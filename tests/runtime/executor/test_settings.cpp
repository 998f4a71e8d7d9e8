// The settings of a run: the program's defaults with --set applied, made once. Load mode
// hands one table to every instance; an executor given one reads it as it is.
#include <doctest/doctest.h>

#include "executor/executor.h"

namespace {

const scn_param_def params[] = {{"px_home", "home1.net", nullptr}, {"px_port", "5060", nullptr},
                                {"px_tls", "false", nullptr}};
const scn_condition_def conditions[] = {{"A1", 1, nullptr}};
const scn_program program{SCN_RT_ABI_VERSION, "settings", nullptr, 0, params, 3, conditions, 1};

using Settings = std::vector<std::pair<std::string, std::string>>;

std::string error_of(const Settings& settings) {
  auto table = scn::make_settings_table(program, settings);
  return table ? "" : table.reason();
}

}  // namespace

TEST_CASE("settings: the defaults, then --set in order, typed by the default") {
  auto table = scn::make_settings_table(program, {{"px_home", "a.net"}, {"px_tls", "yes"},
                                                  {"A1", "off"}, {"px_home", "b.net"}});
  REQUIRE(table.ok());
  const scn::SettingsTable& t = *table.value();
  CHECK(t.params.at("px_home") == "b.net");
  CHECK(t.params.at("px_port") == "5060");
  CHECK(t.params.at("px_tls") == "true");
  CHECK(t.conditions.at("A1") == false);
}

TEST_CASE("settings: errors read as the option errors do") {
  CHECK(error_of({{"px_hom", "x"}}) == "--set: no parameter or condition 'px_hom'; did you mean 'px_home'?");
  CHECK(error_of({{"px_port", "x"}}) == "--set px_port: expected an integer, got 'x'");
  CHECK(error_of({{"A1", "maybe"}}) == "--set A1: expected true or false, got 'maybe'");
}

TEST_CASE("settings: an executor given a table reads it; its own change makes a new one") {
  scn_testcase testcase{};
  testcase.name = "tc";
  scn::RunOptions options;
  options.settings_table = scn::make_settings_table(program, {{"px_home", "shared.net"}}).value();
  options.settings = {{"px_home", "applied-already.net"}};  // in the table: not applied again
  scn::Executor executor(options, program, testcase);
  REQUIRE(executor.apply_settings().ok());
  const std::string* before = executor.param("px_home");
  REQUIRE(before);
  CHECK(*before == "shared.net");
  REQUIRE(executor.set_setting("px_home", "own.net").ok());
  REQUIRE(executor.param("px_home"));
  CHECK(*executor.param("px_home") == "own.net");
  CHECK(*before == "shared.net");  // scn_param's views of the old table stay valid
  CHECK(options.settings_table->params.at("px_home") == "shared.net");
  CHECK(executor.condition("A1") == true);
}
