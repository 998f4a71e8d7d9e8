#include "scn/campaign/results.h"

#include <filesystem>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <sstream>

#include "scn/support/text.hpp"

namespace scn::campaign {

namespace fs = std::filesystem;
using nlohmann::json;

std::string_view to_string(Outcome outcome) {
  switch (outcome) {
    case Outcome::pass: return "pass";
    case Outcome::fail: return "fail";
    case Outcome::inconc: return "inconc";
    case Outcome::error: return "error";
    case Outcome::skipped: return "skipped";
  }
  return "error";
}

Outcome outcome_of_exit(int status) {
  switch (status) {
    case 0: return Outcome::pass;
    case 1: return Outcome::fail;
    case 2: return Outcome::inconc;
    default: return Outcome::error;
  }
}

namespace {

std::optional<Outcome> outcome_named(const std::string& name) {
  for (Outcome o : {Outcome::pass, Outcome::fail, Outcome::inconc, Outcome::error, Outcome::skipped})
    if (to_string(o) == name) return o;
  return std::nullopt;
}

}  // namespace

Counts count(const std::vector<CaseResult>& results) {
  Counts c;
  for (const CaseResult& r : results) {
    switch (r.outcome) {
      case Outcome::pass: ++c.passed; break;
      case Outcome::fail: ++c.failed; break;
      case Outcome::inconc: ++c.inconc; break;
      case Outcome::error: ++c.error; break;
      case Outcome::skipped: ++c.skipped; break;
    }
  }
  return c;
}

std::string counts_line(const Counts& c) {
  std::string line = std::to_string(c.passed) + " passed, " + std::to_string(c.failed) +
                     " failed, " + std::to_string(c.inconc) + " inconc, " +
                     std::to_string(c.error) + " error";
  if (c.skipped) line += ", " + std::to_string(c.skipped) + " skipped";
  return line;
}

int exit_status(const Counts& c) {
  if (c.error) return 3;
  if (c.failed) return 1;
  if (c.inconc) return 2;
  return 0;
}

std::string summary_json(const std::vector<CaseResult>& results, const std::string& shard) {
  json cases = json::array();
  for (const CaseResult& r : results)
    cases.push_back({{"file", r.ref.file},
                     {"testcase", r.ref.testcase},
                     {"verdict", to_string(r.outcome)},
                     {"line", r.line},
                     {"seconds", r.seconds},
                     {"started", r.started},
                     {"dir", r.dir}});
  const Counts c = count(results);
  json counts = {{"passed", c.passed}, {"failed", c.failed}, {"inconc", c.inconc},
                 {"error", c.error}, {"skipped", c.skipped}};
  json doc = {{"format", "scn-campaign-summary/1"}, {"shard", shard}, {"counts", counts},
              {"summary", counts_line(c)}, {"testcases", cases}};
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string read_summary(const std::string& text, std::vector<CaseResult>& out) {
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("testcases") ||
      !doc["testcases"].is_array())
    return "not a summary.json written by scn test";
  for (const json& c : doc["testcases"]) {
    if (!c.is_object()) return "a test case entry is not an object";
    CaseResult r;
    r.ref.file = c.value("file", "");
    r.ref.testcase = c.value("testcase", "");
    auto outcome = outcome_named(c.value("verdict", ""));
    if (!outcome) return "test case " + r.ref.testcase + ": unknown verdict";
    r.outcome = *outcome;
    r.line = c.value("line", "");
    r.seconds = c.value("seconds", 0.0);
    r.started = c.value("started", "");
    r.dir = c.value("dir", "");
    out.push_back(std::move(r));
  }
  return {};
}

namespace {

// A suite for a test case that left no JUnit file of its own.
void add_own_suite(pugi::xml_node suites, const CaseResult& r) {
  pugi::xml_node suite = suites.append_child("testsuite");
  suite.append_attribute("name") = r.ref.file.c_str();
  suite.append_attribute("tests") = 1;
  suite.append_attribute("failures") = r.outcome == Outcome::fail ? 1 : 0;
  suite.append_attribute("errors") = r.outcome == Outcome::error ? 1 : 0;
  suite.append_attribute("skipped") =
      r.outcome == Outcome::skipped || r.outcome == Outcome::inconc ? 1 : 0;
  if (!r.started.empty()) suite.append_attribute("timestamp") = r.started.c_str();
  pugi::xml_node tc = suite.append_child("testcase");
  tc.append_attribute("name") = r.ref.testcase.c_str();
  tc.append_attribute("classname") = r.ref.file.c_str();
  tc.append_attribute("time") = r.seconds;
  const char* element = r.outcome == Outcome::fail    ? "failure"
                        : r.outcome == Outcome::error ? "error"
                        : r.outcome == Outcome::pass  ? nullptr
                                                      : "skipped";
  if (element) tc.append_child(element).append_attribute("message") = r.line.c_str();
}

}  // namespace

std::string merged_junit(const std::vector<CaseResult>& results, const std::string& root) {
  pugi::xml_document doc;
  pugi::xml_node suites = doc.append_child("testsuites");
  const Counts c = count(results);
  suites.append_attribute("name") = "scn test";
  suites.append_attribute("tests") = static_cast<int>(results.size());
  suites.append_attribute("failures") = c.failed;
  suites.append_attribute("errors") = c.error;
  for (const CaseResult& r : results) {
    pugi::xml_document own;
    const fs::path file = fs::path(root) / r.dir / "junit.xml";
    if (!r.dir.empty() && own.load_file(file.c_str())) {
      bool copied = false;
      for (pugi::xml_node s : own.children()) {
        if (std::string(s.name()) == "testsuite") {
          suites.append_copy(s);
          copied = true;
        } else if (std::string(s.name()) == "testsuites") {
          for (pugi::xml_node inner : s.children("testsuite")) suites.append_copy(inner);
          copied = true;
        }
      }
      if (copied) continue;
    }
    add_own_suite(suites, r);
  }
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

namespace {

std::string links(const CaseResult& r, const std::string& root) {
  std::string out;
  for (const char* name : {"report.html", "report.json", "junit.xml", "trace.txt",
                           "capture.pcap", "stdout.txt", "peers.log"}) {
    if (r.dir.empty() || !fs::exists(fs::path(root) / r.dir / name)) continue;
    const std::string href = r.dir + "/" + name;
    out += "<a href=\"" + support::html_escape(href) + "\">" + name + "</a> ";
  }
  return out;
}

}  // namespace

std::string index_html(const std::vector<CaseResult>& results, const std::string& root) {
  std::string rows;
  for (const CaseResult& r : results) {
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.1f s", r.seconds);
    rows += "<tr class=\"" + std::string(to_string(r.outcome)) + "\"><td>" +
            support::html_escape(r.ref.testcase) + "</td><td>" + support::html_escape(r.ref.file) +
            "</td><td class=\"verdict\">" + support::html_escape(r.line) + "</td><td>" + seconds +
            "</td><td>" + links(r, root) + "</td></tr>\n";
  }
  return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>scn test: " +
         support::html_escape(counts_line(count(results))) +
         "</title>\n<style>body{font-family:sans-serif;margin:1em}"
         "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;"
         "text-align:left;vertical-align:top}tr.pass .verdict{color:#176f2c}"
         "tr.fail .verdict,tr.error .verdict{color:#b00020;font-weight:bold}"
         "tr.inconc .verdict{color:#8a6d00}tr.skipped .verdict{color:#666}</style></head>\n"
         "<body><h1>scn test</h1><p id=\"counts\">" +
         support::html_escape(counts_line(count(results))) +
         "</p>\n<table><tr><th>test case</th><th>file</th><th>verdict</th><th>time</th>"
         "<th>reports</th></tr>\n" +
         rows + "</table></body></html>\n";
}

}  // namespace scn::campaign
