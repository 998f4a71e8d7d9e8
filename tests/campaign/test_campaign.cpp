// Campaign files, test case selection and sharding, and the campaign's reports.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "scn/campaign/campaign.h"
#include "scn/campaign/results.h"
#include "scn/campaign/select.h"

using namespace scn::campaign;

TEST_CASE("sections apply in order: lists accumulate, single values are replaced") {
  std::vector<std::string> errors;
  const Campaign c = parse_campaign(
      "# comment\n[*]\nset a=1\ntimeout 5\n\n[conf*]\nset b=2\ntimeout 7\nue UE1=auto\n"
      "[x.scn:other]\nskip not today\n",
      "c.campaign", errors);
  REQUIRE(errors.empty());
  const CaseOptions conf = c.options_for({"dir/x.scn", "conference"});
  CHECK(conf.sets == std::vector<std::string>{"a=1", "b=2"});
  CHECK(conf.timeout_seconds == 7.0);
  CHECK(conf.ues == std::vector<std::string>{"UE1=auto"});
  CHECK_FALSE(conf.skip);
  const CaseOptions other = c.options_for({"dir/x.scn", "other"});
  CHECK(other.timeout_seconds == 5.0);
  REQUIRE(other.skip);
  CHECK(*other.skip == "not today");
  CHECK(c.options_for({"dir/y.scn", "other"}).skip == std::nullopt);
}

TEST_CASE("mistakes in a campaign are located, with a suggestion") {
  std::vector<std::string> errors;
  parse_campaign("set a=1\n[*]\ntimout 5\nset novalue\ntransport sctp\ntimeout x\n[\n",
                 "c.campaign", errors);
  REQUIRE(errors.size() == 6);
  CHECK(errors[0] ==
        "c.campaign:1:1: error: a setting before the first [PATTERN] (use [*] for every test case)");
  CHECK(errors[1] == "c.campaign:3:1: error: unknown setting 'timout'; did you mean 'timeout'?");
  CHECK(errors[2] == "c.campaign:4:1: error: set: expected NAME=VALUE, got 'novalue'");
  CHECK(errors[3] == "c.campaign:5:1: error: transport: expected udp or tcp, got 'sctp'");
  CHECK(errors[4] ==
        "c.campaign:6:1: error: timeout: not a number of seconds between 0 and 86400: 'x'");
  CHECK(errors[5] == "c.campaign:7:1: error: expected [PATTERN]");
}

TEST_CASE("a section that matches no test case is reported") {
  std::vector<std::string> errors;
  const Campaign c = parse_campaign("[conference_factroy]\nue auto\n[*]\n", "c", errors);
  const auto unused = c.unused_sections({{"a.scn", "conference_factory"}});
  REQUIRE(unused.size() == 1);
  CHECK(unused[0] == "c:1:1: warning: [conference_factroy] matches no test case");
}

TEST_CASE("patterns match names, or FILE:NAME by any tail of the path") {
  const CaseRef ref{"scenarios/ts34229/registration.scn", "registration_digest"};
  CHECK(matches("registration*", ref));
  CHECK_FALSE(matches("conference*", ref));
  CHECK(matches("registration.scn:*", ref));
  CHECK(matches("ts34229/registration.scn:registration_digest", ref));
  CHECK_FALSE(matches("other.scn:*", ref));
}

TEST_CASE("shards split the selection so that every test case runs exactly once") {
  std::vector<CaseRef> all;
  for (int i = 0; i < 7; ++i) all.push_back({"f.scn", "t" + std::to_string(i)});
  CHECK_FALSE(parse_shard("0/2"));
  CHECK_FALSE(parse_shard("3/2"));
  CHECK_FALSE(parse_shard("1/0"));
  CHECK_FALSE(parse_shard("1-2"));
  std::size_t total = 0;
  for (unsigned i = 1; i <= 3; ++i) {
    const auto shard = parse_shard(std::to_string(i) + "/3");
    REQUIRE(shard);
    const auto mine = select(all, {}, *shard);
    total += mine.size();
    for (const CaseRef& r : mine) CHECK((std::stoi(r.testcase.substr(1)) % 3) == int(i - 1));
  }
  CHECK(total == all.size());
  CHECK(select(all, {"t1", "t[56]"}, Shard{}).size() == 3);
}

TEST_CASE("counts, exit status and the summary round trip") {
  std::vector<CaseResult> results = {
      {{"a.scn", "one"}, Outcome::pass, "PASS", 1.5, "a.one", "2026-12-03T10:00:00Z"},
      {{"a.scn", "two"}, Outcome::fail, "FAIL step 4: PRACK: RAck", 2, "a.two", ""},
      {{"a.scn", "three"}, Outcome::skipped, "SKIPPED: later", 0, "a.three", ""}};
  const Counts c = count(results);
  CHECK(counts_line(c) == "1 passed, 1 failed, 0 inconc, 0 error, 1 skipped");
  CHECK(exit_status(c) == 1);
  CHECK(exit_status(count({results[0], results[2]})) == 0);
  std::vector<CaseResult> back;
  REQUIRE(read_summary(summary_json(results, "1/2"), back) == "");
  REQUIRE(back.size() == 3);
  CHECK(back[1].line == "FAIL step 4: PRACK: RAck");
  CHECK(back[1].outcome == Outcome::fail);
  CHECK(back[0].seconds == 1.5);
  CHECK(read_summary("{}", back) != "");
}

TEST_CASE("the campaign JUnit holds each test case's suite, or one written for it") {
  namespace fs = std::filesystem;
  const fs::path root = fs::temp_directory_path() / "scn-campaign-junit-test";
  fs::remove_all(root);
  fs::create_directories(root / "a.one");
  std::ofstream(root / "a.one" / "junit.xml")
      << "<?xml version=\"1.0\"?><testsuites><testsuite name=\"a.scn\"><testcase "
         "name=\"one\"/></testsuite></testsuites>";
  const std::vector<CaseResult> results = {
      {{"a.scn", "one"}, Outcome::pass, "PASS", 1, "a.one", ""},
      {{"a.scn", "two"}, Outcome::error, "ERROR: cannot bind", 0, "a.two", ""}};
  const std::string xml = merged_junit(results, root.string());
  CHECK(xml.find("<testcase name=\"one\"") != std::string::npos);
  CHECK(xml.find("<error message=\"ERROR: cannot bind\"") != std::string::npos);
  CHECK(xml.find("tests=\"2\"") != std::string::npos);
  const std::string html = index_html(results, root.string());
  CHECK(html.find("href=\"a.one/junit.xml\"") != std::string::npos);
  fs::remove_all(root);
}
