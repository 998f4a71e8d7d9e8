// Run-option parsing of the command-line contract (shared by `scn run` and built
// executables).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "options/options.h"

namespace {

scn::Result<scn::RunOptions> parse(std::vector<std::string> args) {
  args.insert(args.begin(), "prog");
  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());
  return scn::parse_run_options(static_cast<int>(argv.size()), argv.data());
}

}  // namespace

TEST_CASE("run options: defaults of the contract") {
  auto o = parse({});
  REQUIRE(o.ok());
  CHECK(o->testcase.empty());
  CHECK(o->bind == "127.0.0.1:5060");
  CHECK(o->ue.empty());
  CHECK(o->transport == "udp");
  CHECK(o->settings.empty());
  CHECK(o->timeout_ms == 10000);
  CHECK(o->trace_file.empty());
  CHECK(o->junit_file.empty());
  CHECK_FALSE(o->help);
}

TEST_CASE("run options: every option with separate and inline values") {
  auto o = parse({"--testcase", "tc1", "--bind=[::1]:5070", "--ue", "127.0.0.1:5061",
                  "--transport", "tcp", "--set", "px_IMS_HomeDomainName=home1.net",
                  "--set=A1=false", "--timeout", "2.5", "--trace", "t.txt", "--junit=j.xml",
                  "--quiet", "--linger", "0", "--json", "r.json", "--html=r.html"});
  REQUIRE_MESSAGE(o.ok(), o.reason());
  CHECK(o->testcase == "tc1");
  CHECK(o->bind == "[::1]:5070");
  CHECK(o->ue == "127.0.0.1:5061");
  CHECK(o->transport == "tcp");
  REQUIRE(o->settings.size() == 2);
  CHECK(o->settings[0].first == "px_IMS_HomeDomainName");
  CHECK(o->settings[0].second == "home1.net");
  CHECK(o->settings[1].first == "A1");
  CHECK(o->settings[1].second == "false");
  CHECK(o->timeout_ms == 2500);
  CHECK(o->trace_file == "t.txt");
  CHECK(o->junit_file == "j.xml");
  CHECK(o->quiet);
  CHECK(o->linger_ms == 0);
  CHECK(o->json_file == "r.json");
  CHECK(o->html_file == "r.html");
}

TEST_CASE("run options: a value may contain '=' and be empty after it") {
  auto o = parse({"--set", "px_x=a=b", "--set", "px_y="});
  REQUIRE(o.ok());
  CHECK(o->settings[0].second == "a=b");
  CHECK(o->settings[1].second.empty());
}

TEST_CASE("run options: bad values name the option") {
  struct Case {
    std::vector<std::string> args;
    std::string starts;
  };
  const std::vector<Case> cases = {
      {{"--bind", "127.0.0.1"}, "--bind: expected HOST:PORT"},
      {{"--bind", "127.0.0.1:99999"}, "--bind: not a numeric HOST:PORT"},
      {{"--bind", "localhost:5060"}, "--bind: not a numeric HOST:PORT"},
      {{"--bind", "::1"}, "--bind: expected HOST:PORT"},
      {{"--ue", "1.2.3.4:"}, "--ue: expected HOST:PORT"},
      {{"--transport", "sctp"}, "--transport: expected udp or tcp"},
      {{"--timeout", "0"}, "--timeout: not a number of seconds"},
      {{"--timeout", "-1"}, "--timeout: not a number of seconds"},
      {{"--timeout", "ten"}, "--timeout: not a number of seconds"},
      {{"--timeout", "5s"}, "--timeout: not a number of seconds"},
      {{"--linger", "-1"}, "--linger: not a number of seconds"},
      {{"--set", "A1"}, "--set: expected NAME=VALUE"},
      {{"--set", "=x"}, "--set: expected NAME=VALUE"},
      {{"--trace", ""}, "--trace: empty file name"},
      {{"--testcase"}, "--testcase: missing value"},
      {{"--bogus"}, "unknown option '--bogus'"},
      {{"stray"}, "unknown option 'stray'"},
  };
  for (const Case& c : cases) {
    auto o = parse(c.args);
    INFO(c.args.front());
    REQUIRE_FALSE(o.ok());
    CHECK(o.reason().rfind(c.starts, 0) == 0);
  }
}

TEST_CASE("run options: --help") {
  auto o = parse({"--help"});
  REQUIRE(o.ok());
  CHECK(o->help);
  const std::string usage = scn::run_options_usage("exe");
  for (const char* option : {"--testcase", "--bind", "--ue", "--transport", "--set", "--timeout",
                             "--trace", "--junit", "--pcap", "--json", "--html"})
    CHECK(usage.find(option) != std::string::npos);
}

TEST_CASE("run options: the JIT driver's C struct") {
  scn_run_config config;
  scn_run_config_init(&config);
  auto defaults = scn::run_options_from(config);
  REQUIRE(defaults.ok());
  CHECK(defaults->bind == "127.0.0.1:5060");
  CHECK(defaults->transport == "udp");
  CHECK(defaults->timeout_ms == 10000);
  CHECK(defaults->linger_ms == 4000);

  const scn_setting settings[] = {{"A1", "true"}};
  config.settings = settings;
  config.setting_count = 1;
  config.transport = "tcp";
  config.timeout_ms = 1500;
  config.json_file = "r.json";
  config.html_file = "r.html";
  config.log_level = 1;
  auto changed = scn::run_options_from(config);
  REQUIRE(changed.ok());
  CHECK(changed->json_file == "r.json");
  CHECK(changed->html_file == "r.html");
  CHECK(changed->log_level == 1);
  CHECK(changed->transport == "tcp");
  CHECK(changed->timeout_ms == 1500);
  REQUIRE(changed->settings.size() == 1);
  CHECK(changed->settings[0].first == "A1");

  config.bind = "nowhere";
  auto bad = scn::run_options_from(config);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.reason().rfind("--bind:", 0) == 0);
}

TEST_CASE("run options: --ue and --bind with or without a party, --drive with one") {
  auto o = parse({"--ue", "UE1=127.0.0.1:5070", "--bind", "FOCUS=127.0.0.1:5062", "--ue",
                  "127.0.0.1:5071", "--drive=UE1=cmd:echo {action}", "--bind", "127.0.0.1:5061"});
  REQUIRE_MESSAGE(o.ok(), o.reason());
  CHECK(o->ue == "127.0.0.1:5071");
  CHECK(o->bind == "127.0.0.1:5061");
  REQUIRE(o->party_options.size() == 3);
  CHECK(o->party_options[0].kind == scn::party::OptionKind::Ue);
  CHECK(o->party_options[0].party == "UE1");
  CHECK(o->party_options[0].value == "127.0.0.1:5070");
  CHECK(o->party_options[1].kind == scn::party::OptionKind::Bind);
  CHECK(o->party_options[1].party == "FOCUS");
  CHECK(o->party_options[2].kind == scn::party::OptionKind::Drive);
  CHECK(o->party_options[2].value == "cmd:echo {action}");
}

TEST_CASE("run options: malformed options naming parties") {
  CHECK(parse({"--bind", ""}).reason() == "--bind: expected HOST:PORT, got ''");
  CHECK(parse({"--bind", "FOCUS="}).reason() == "--bind: expected HOST:PORT, got ''");
  CHECK(parse({"--ue", "UE1=nowhere"}).reason() == "--ue: expected HOST:PORT, got 'nowhere'");
  CHECK(parse({"--drive", "ctrl:127.0.0.1:4444"}).reason() ==
        "--drive: expected NAME=SPEC, got 'ctrl:127.0.0.1:4444'");
  CHECK(parse({"--drive"}).reason() == "--drive: missing value");
}

TEST_CASE("run options: --verbose and log_level") {
  auto plain = parse({});
  REQUIRE(plain.ok());
  CHECK(plain.value().log_level == 0);
  auto verbose = parse({"--verbose"});
  REQUIRE(verbose.ok());
  CHECK(verbose.value().log_level == 1);
  CHECK_FALSE(parse({"--verbose=yes"}).ok());
  scn_run_config config;
  scn_run_config_init(&config);
  config.log_level = 1;
  auto from_config = scn::run_options_from(config);
  REQUIRE(from_config.ok());
  CHECK(from_config.value().log_level == 1);
}

TEST_CASE("run options: load mode and its figures") {
  auto o = parse({"--load", "--calls", "200", "--duration=60", "--rate", "2.5", "--concurrency",
                  "3", "--threads", "1", "--stats", "s.csv", "--stats-interval", "0.5"});
  REQUIRE_MESSAGE(o.ok(), o.reason());
  CHECK(o->load.on);
  CHECK(o->load.calls == 200);
  CHECK(o->load.duration_ms == 60000);
  CHECK(o->load.rate == doctest::Approx(2.5));
  CHECK(o->load.concurrency == 3);
  CHECK(o->load.threads == 1);
  CHECK(o->load.stats_file == "s.csv");
  CHECK(o->load.stats_interval_ms == 500);
  auto defaults = parse({"--load", "--duration", "1"});
  REQUIRE(defaults.ok());
  CHECK(defaults->load.rate == doctest::Approx(10));
  CHECK(defaults->load.concurrency == 100);
  CHECK(defaults->load.calls == 0);
  CHECK(scn::run_options_usage("exe").find("--concurrency") != std::string::npos);
}

TEST_CASE("run options: load mode refuses what does not fit it") {
  CHECK(parse({"--load"}).reason() == "--load: give --calls N or --duration SECONDS");
  CHECK(parse({"--calls", "5"}).reason() == "--calls, --duration and --stats need --load");
  CHECK(parse({"--load", "--calls", "5", "--trace", "t.txt"}).reason() ==
        "--trace does not go with --load (use --stats FILE)");
  CHECK(parse({"--load", "--calls", "5", "--repeat", "3"}).reason() ==
        "--repeat does not go with --load");
  CHECK(parse({"--load", "--calls", "0"}).reason() ==
        "--calls: not a whole number of at least 1: '0'");
  CHECK(parse({"--load", "--calls", "1", "--rate", "-1"}).reason() ==
        "--rate: not a number of calls per second above 0: '-1'");
}

TEST_CASE("run options: load mode from the JIT driver's C struct") {
  scn_run_config config;
  scn_run_config_init(&config);
  config.load = 1;
  CHECK(scn::run_options_from(config).reason() == "--load: give --calls N or --duration SECONDS");
  config.load_calls = 10;
  config.load_rate_mcps = 2500;
  config.load_stats_file = "s.json";
  auto o = scn::run_options_from(config);
  REQUIRE_MESSAGE(o.ok(), o.reason());
  CHECK(o->load.on);
  CHECK(o->load.calls == 10);
  CHECK(o->load.rate == doctest::Approx(2.5));
  CHECK(o->load.concurrency == 100);
  CHECK(o->load.stats_interval_ms == 1000);
  CHECK(o->load.stats_file == "s.json");
}
