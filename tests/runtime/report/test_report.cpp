// The report writers: JUnit XML (well-formed, hostile text escaped), JSON (read back),
// the HTML page (one arrow per message, the failing step marked, nothing fetched), and
// the record of a run that could not start.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <unistd.h>

#include "executor/executor.h"
#include "report/report.h"
#include "report/xml_check.h"

using scn::report::Outcome;
using scn::report::Run;
using scn::test::XmlChecker;

namespace {

const std::string hostile = "a<b>&\"c\"'d' \x01\x1f bad\xff utf8 \xc3\xa9 ]]></script>";

// A run of three steps that failed in step 2 (two mismatches), step 3 never reached.
Run failed_run() {
  Run run;
  run.suite = "conference_factory";
  run.testcase = "conference_factory";
  run.title = "UE creates a conference";
  run.started = "2026-12-03T10:46:21.123Z";
  run.seconds = 1.5;
  run.parties = {{"UE", true, "127.0.0.1:5070"}, {"SS", false, "127.0.0.1:5060"}};
  run.settings = {{"A1", "true", true, false}, {"px_IMS_HomeDomainName", "home1.net", false, true}};
  run.steps = {
      {"1", "UE", "SS", "INVITE", "", Outcome::Passed, 0, 12, "UE -> SS INVITE",
       "INVITE sip:a@b", {}},
      {"2", "UE", "SS", "PRACK", "", Outcome::Failed, 12, 40, "UE -> SS PRACK", "PRACK sip:ss@h",
       {{"RAck.cseq", "\"1\"", "2", "conference_factory.scn:12:5"},
        {"Via.branch", "starts \"z9hG4bK\"", "abc", ""}}},
      {"3", "SS", "UE", "200 OK", "", Outcome::NotRun, 0, 0, "SS -> UE 200 OK", "", {}},
  };
  run.messages = {
      {3, true, "UE", "SS", "127.0.0.1:5070", "127.0.0.1:5060", "udp", "1", "INVITE sip:a@b",
       "INVITE sip:a@b SIP/2.0\r\n\r\n", ""},
      {10, false, "SS", "UE", "127.0.0.1:5060", "127.0.0.1:5070", "udp", "1",
       "183 Session Progress (INVITE)", "SIP/2.0 183 Session Progress\r\n\r\n", ""},
      {11, false, "SS", "UE", "127.0.0.1:5060", "127.0.0.1:5070", "udp", "1",
       "183 Session Progress (INVITE)", "SIP/2.0 183 Session Progress\r\n\r\n", "retransmission"},
      {30, true, "UE", "SS", "127.0.0.1:5070", "127.0.0.1:5060", "udp", "2", "PRACK sip:ss@h",
       "PRACK sip:ss@h SIP/2.0\r\nX-Evil: " + hostile + "\r\n\r\n", ""},
  };
  run.flow = "  1  UE -> SS  INVITE sip:a@b\n";
  run.verdict = {"fail", "2", "", "FAIL step 2: PRACK: RAck.cseq: expected \"1\", received \"2\"",
                 run.steps[1].mismatches};
  return run;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

bool contains(const std::string& text, const std::string& what) {
  return text.find(what) != std::string::npos;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

TEST_CASE("the checker itself rejects malformed XML") {
  CHECK(XmlChecker("<a><b/></a>").check().empty());
  CHECK_FALSE(XmlChecker("<a><b></a>").check().empty());
  CHECK_FALSE(XmlChecker("<a x=\"1 & 2\"/>").check().empty());
  CHECK_FALSE(XmlChecker("<a x=\"<\"/>").check().empty());
  CHECK_FALSE(XmlChecker("<a/><b/>").check().empty());
  CHECK_FALSE(XmlChecker("<a>\x01</a>").check().empty());
}

TEST_CASE("JUnit XML is well-formed for every verdict with hostile text escaped") {
  for (const char* kind : {"pass", "inconc", "fail", "error"}) {
    Run run = failed_run();
    run.suite = "seed<002>.scn";
    run.verdict.kind = kind;
    run.verdict.line = "FAIL step 9: " + hostile;
    run.verdict.mismatches = {{"To.tag", "\"x&y\"", hostile, "f.scn:3:1"}};
    run.flow += hostile;
    run.settings.push_back({"px_evil", hostile, false, true});
    const std::string xml = scn::report::junit_xml(run);
    INFO(xml);
    CHECK(XmlChecker(xml).check() == "");
    CHECK(contains(xml, "tests=\"1\""));
    CHECK(contains(xml, "name=\"seed&lt;002&gt;.scn\""));
    CHECK(contains(xml, "classname=\"seed&lt;002&gt;.scn\""));
    CHECK(contains(xml, "time=\"1.500\""));
    CHECK(contains(xml, "timestamp=\"2026-12-03T10:46:21.123Z\""));
    CHECK_FALSE(contains(xml, "hostname"));
    CHECK(contains(xml, "<property name=\"px_IMS_HomeDomainName\" value=\"home1.net\"/>"));
    CHECK(contains(xml, "<property name=\"A1\" value=\"true\"/>"));
    CHECK(contains(xml, "\xc3\xa9"));  // valid UTF-8 kept
    CHECK_FALSE(contains(xml, "\xff"));
    const std::string k = kind;
    CHECK(contains(xml, "<failure") == (k == "fail"));
    CHECK(contains(xml, "<error") == (k == "error"));
    CHECK(contains(xml, "<skipped") == (k == "inconc"));
    if (k == "fail") {
      CHECK(contains(xml, "failures=\"1\""));
      CHECK(contains(xml, "message=\"FAIL step 9: a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;"));
      CHECK(contains(xml, "To.tag: expected &quot;x&amp;y&quot;, received a&lt;b"));
      CHECK(contains(xml, "(f.scn:3:1)"));
    }
  }
}

TEST_CASE("the traffic no step took: a JUnit property each, a JSON field, a line of the HTML") {
  Run run = failed_run();
  run.traffic = {2, 1, 3};
  CHECK(scn::report::traffic_line(run.traffic) ==
        "2 messages from no party ignored, 1 unexpected message answered, "
        "3 unexpected messages not answered");
  CHECK(scn::report::traffic_line({}) == "");
  const std::string xml = scn::report::junit_xml(run);
  CHECK(contains(xml, "<property name=\"scn.strays\" value=\"2\"/>"));
  CHECK(contains(xml, "<property name=\"scn.unexpected_answered\" value=\"1\"/>"));
  CHECK(contains(xml, "<property name=\"scn.unexpected_unanswered\" value=\"3\"/>"));
  const auto json = nlohmann::json::parse(scn::report::json_text(run));
  CHECK(json["traffic"]["strays"] == 2);
  CHECK(json["traffic"]["unexpected_answered"] == 1);
  CHECK(json["traffic"]["unexpected_unanswered"] == 3);
  CHECK(contains(scn::report::html_page(run),
                 "<p class=\"traffic\">2 messages from no party ignored, 1 unexpected"));
  CHECK_FALSE(contains(scn::report::html_page(failed_run()), "class=\"traffic\""));
}

TEST_CASE("xml_escape") {
  using scn::report::xml_escape;
  CHECK(xml_escape("a&b<c>\"'") == "a&amp;b&lt;c&gt;&quot;&apos;");
  CHECK(xml_escape("tab\there\nline") == "tab\there\nline");
  // XML 1.0 cannot hold a NUL: it is spelt out, not lost.
  CHECK(xml_escape(std::string_view("nul\0x\x1b", 6)) == "nul\\x00x\\x1b");
  CHECK(xml_escape("\xe2\x82\xac") == "\xe2\x82\xac");  // euro sign
  CHECK(xml_escape("\xe2\x82") == "??");                // truncated sequence
  CHECK(xml_escape("\xed\xa0\x80") == "???");           // a surrogate
}

TEST_CASE("iso8601_utc") {
  const auto time = std::chrono::system_clock::time_point(std::chrono::milliseconds(1764758781123));
  CHECK(scn::report::iso8601_utc(time) == "2025-12-03T10:46:21.123Z");
}

TEST_CASE("JSON: the record read back") {
  const std::string text = scn::report::json_text(failed_run());
  const nlohmann::json j = nlohmann::json::parse(text);  // ill-formed UTF-8 replaced
  CHECK(j["suite"] == "conference_factory");
  CHECK(j["started"] == "2026-12-03T10:46:21.123Z");
  CHECK(j["seconds"] == 1.5);
  REQUIRE(j["steps"].size() == 3);
  CHECK(j["steps"][0]["outcome"] == "passed");
  CHECK(j["steps"][1]["outcome"] == "failed");
  CHECK(j["steps"][1]["start_ms"] == 12);
  CHECK(j["steps"][1]["end_ms"] == 40);
  CHECK(j["steps"][1]["expected"] == "UE -> SS PRACK");
  CHECK(j["steps"][1]["mismatches"][0]["origin"] == "conference_factory.scn:12:5");
  CHECK(j["steps"][2]["outcome"] == "not run");
  REQUIRE(j["messages"].size() == 4);
  CHECK(j["messages"][0]["direction"] == "to_ss");
  CHECK(j["messages"][2]["note"] == "retransmission");
  CHECK(j["messages"][3]["from"] == "UE");
  CHECK(j["settings"][1]["overridden"] == true);
  CHECK(j["parties"][0]["under_test"] == true);
  CHECK(j["verdict"]["kind"] == "fail");
  CHECK(j["verdict"]["step"] == "2");
  CHECK(j["verdict"]["mismatches"].size() == 2);
}

TEST_CASE("HTML: one arrow per message, the failing step marked, everything inline") {
  const Run run = failed_run();
  const std::string html = scn::report::html_page(run);
  CHECK(count(html, "<g class=\"arrow") == run.messages.size());
  CHECK(count(html, "<g class=\"arrow to-ss failing\"") == 1);  // the PRACK of step 2
  CHECK(contains(html, "class=\"arrow noted\""));              // the retransmission
  CHECK(contains(html, "<tr class=\"step outcome-failed failing\" data-step=\"2\">"));
  CHECK(contains(html, "<tr class=\"step outcome-not-run\" data-step=\"3\">"));
  CHECK(contains(html, "<td>RAck.cseq</td><td class=\"text\">&quot;1&quot;</td>"
                       "<td class=\"text\">2</td><td>conference_factory.scn:12:5</td>"));
  CHECK(contains(html, "data-failing-step=\"2\""));
  // The message text is escaped: the hostile header cannot end the script or a tag.
  CHECK(contains(html, "X-Evil: a&lt;b&gt;&amp;"));
  CHECK(count(html, "</script>") == 2);  // the page's own two scripts
  CHECK_FALSE(contains(html, " src="));
  CHECK_FALSE(contains(html, "href="));
  CHECK(count(html, "http") == 1);  // the SVG namespace, no address to fetch
  CHECK(contains(html, "data-ready"));
  CHECK(contains(html, "window.onerror"));
  // Parties in columns: SS's lifeline right of UE's.
  CHECK(html.find(">UE</text>") < html.find(">SS</text>"));
}

TEST_CASE("HTML of a run without messages or steps (a run that could not start)") {
  Run run;
  run.suite = "x";
  run.testcase = "(none)";
  run.verdict = {"error", "", "cannot bind", "ERROR: cannot bind", {}};
  const std::string html = scn::report::html_page(run);
  CHECK(count(html, "<g class=\"arrow") == 0);
  CHECK(contains(html, "ERROR: cannot bind"));
  CHECK(contains(html, "data-failing-step=\"\""));
}

TEST_CASE("error_record: the steps of a known test case are all not run") {
  const scn_party parties[] = {{"UE1", SCN_PARTY_UNDER_TEST, nullptr}, {"FOCUS", SCN_PARTY_PLAYED, nullptr}};
  const scn_step steps[] = {
      {"1", SCN_UE_TO_SS, "INVITE", nullptr, nullptr, 0, 1, SCN_STEP_MESSAGE, nullptr, 0, nullptr, 0},
      {"2", SCN_SS_TO_UE, "dial", nullptr, nullptr, SCN_UPPER_TESTER, 0, SCN_STEP_ACTION, nullptr, 0, nullptr, 0},
  };
  scn_testcase testcase{};
  testcase.name = "tc";
  testcase.parties = parties;
  testcase.party_count = 2;
  testcase.steps = steps;
  testcase.step_count = 2;
  scn::RunOptions options;
  options.settings = {{"px_a", "b"}};
  const Run run = scn::error_record(options, "suite", &testcase, "cannot bind udp 127.0.0.1:5060");
  CHECK(run.testcase == "tc");
  CHECK(run.verdict.kind == "error");
  CHECK(run.verdict.line == "ERROR: cannot bind udp 127.0.0.1:5060");
  REQUIRE(run.steps.size() == 2);
  CHECK(run.steps[0].outcome == Outcome::NotRun);
  CHECK(run.steps[0].expected == "UE1 -> FOCUS INVITE");
  CHECK(run.steps[1].expected == "make UE1 dial");
  CHECK(run.settings.size() == 1);
  CHECK(scn::error_record(options, "suite", nullptr, "x").testcase == "(none)");
}

TEST_CASE("write: every file asked for, and which one cannot be written") {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("scn-report-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const Run run = failed_run();
  scn::report::Files files{(dir / "r.xml").string(), (dir / "r.json").string(),
                           (dir / "r.html").string()};
  REQUIRE(scn::report::write(run, files));
  CHECK(read_file(dir / "r.xml") == scn::report::junit_xml(run));
  CHECK(read_file(dir / "r.json") == scn::report::json_text(run));
  CHECK(read_file(dir / "r.html") == scn::report::html_page(run));
  files.json = (dir / "missing" / "r.json").string();
  auto written = scn::report::write(run, files);
  CHECK_FALSE(written);
  CHECK(contains(written.reason(), "cannot write the JSON report"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("trace_ending: the verdict line and every mismatch") {
  const scn::Verdict verdict{scn::VerdictKind::Fail, "4", "", {{"RAck.cseq", "\"1\"", "2", ""}}};
  CHECK(scn::trace_ending(verdict) ==
        "verdict: FAIL step 4: RAck.cseq: expected \"1\", received \"2\"\n"
        "  RAck.cseq: expected \"1\", received \"2\"\n");
}
