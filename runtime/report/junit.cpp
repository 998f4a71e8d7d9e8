// JUnit XML, written by hand: the format is small and fixed.
#include <cstdio>
#include <utility>

#include "report/report.h"

namespace scn::report {

namespace {

std::string seconds_text(double seconds) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", seconds < 0 ? 0.0 : seconds);
  return buf;
}

std::string attr(std::string_view name, std::string_view value) {
  return " " + std::string(name) + "=\"" + xml_escape(value) + "\"";
}

std::string mismatch_lines(const Verdict& v) {
  std::string out;
  for (const Mismatch& m : v.mismatches) {
    out += m.text.empty() ? m.path + ": expected " + m.expected + ", received " + m.received
                          : m.text;
    if (!m.origin.empty() && out.find(m.origin) == std::string::npos) out += " (" + m.origin + ")";
    out += "\n";
  }
  return out;
}

// <failure>, <error> or <skipped> for the verdict; nothing for a pass.
std::string verdict_element(const Verdict& v) {
  const std::string attrs = attr("message", v.line) + attr("type", v.kind);
  const std::string text = xml_escape(mismatch_lines(v));
  const char* element = v.kind == "fail"     ? "failure"
                        : v.kind == "error"  ? "error"
                        : v.kind == "inconc" ? "skipped"
                                             : nullptr;
  if (!element) return {};
  if (text.empty()) return "    <" + std::string(element) + attrs + "/>\n";
  return "    <" + std::string(element) + attrs + ">" + text + "</" + element + ">\n";
}

// The settings used, then the traffic no step took (scn.strays, ...), always.
std::string properties(const Run& run) {
  std::string out = "    <properties>\n";
  for (const Setting& s : run.settings)
    out += "      <property" + attr("name", s.name) + attr("value", s.value) + "/>\n";
  const std::pair<const char*, std::size_t> counts[] = {
      {"scn.strays", run.traffic.strays},
      {"scn.unexpected_answered", run.traffic.unexpected_answered},
      {"scn.unexpected_unanswered", run.traffic.unexpected_unanswered}};
  for (const auto& [name, count] : counts)
    out += "      <property" + attr("name", name) + attr("value", std::to_string(count)) + "/>\n";
  return out + "    </properties>\n";
}

}  // namespace

std::string junit_xml(const Run& run) {
  const std::string& kind = run.verdict.kind;
  const std::string time = seconds_text(run.seconds);
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuite" + attr("name", run.suite) + " tests=\"1\"" +
         attr("failures", kind == "fail" ? "1" : "0") +
         attr("errors", kind == "error" ? "1" : "0") +
         attr("skipped", kind == "inconc" ? "1" : "0") + attr("time", time) +
         attr("timestamp", run.started) + ">\n";
  out += "  <testcase" + attr("name", run.testcase) + attr("classname", run.suite) +
         attr("time", time) + ">\n";
  out += properties(run);
  out += verdict_element(run.verdict);
  if (!run.flow.empty()) out += "    <system-out>" + xml_escape(run.flow) + "</system-out>\n";
  out += "  </testcase>\n</testsuite>\n";
  return out;
}

}  // namespace scn::report
