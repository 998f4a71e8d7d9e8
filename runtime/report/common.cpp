// What the three writers share: outcome names, UTC timestamps, XML escaping, writing
// the files.
#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>

#include "base/hints.h"
#include "report/report.h"

namespace scn::report {

namespace {

bool allowed_control(unsigned char c) { return c == '\t' || c == '\n' || c == '\r'; }

// Length of the well-formed UTF-8 sequence at the start of text, 0 when ill-formed.
std::size_t utf8_length(std::string_view text) {
  const auto lead = static_cast<unsigned char>(text[0]);
  std::size_t n = 0;
  if (lead >= 0xC2 && lead <= 0xDF) n = 2;
  else if (lead >= 0xE0 && lead <= 0xEF) n = 3;
  else if (lead >= 0xF0 && lead <= 0xF4) n = 4;
  if (n == 0 || text.size() < n) return 0;
  for (std::size_t i = 1; i < n; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) return 0;
  }
  const auto second = static_cast<unsigned char>(text[1]);
  if (lead == 0xE0 && second < 0xA0) return 0;  // overlong
  if (lead == 0xED && second > 0x9F) return 0;  // surrogates
  if (lead == 0xF0 && second < 0x90) return 0;  // overlong
  if (lead == 0xF4 && second > 0x8F) return 0;  // above U+10FFFF
  return n;
}

}  // namespace

std::string_view to_string(Outcome outcome) {
  switch (outcome) {
    case Outcome::Passed: return "passed";
    case Outcome::Failed: return "failed";
    case Outcome::Inconc: return "inconc";
    case Outcome::Error: return "error";
    case Outcome::Skipped: return "skipped";
    case Outcome::NotRun: return "not run";
  }
  return "not run";
}

std::string iso8601_utc(std::chrono::system_clock::time_point time) {
  using namespace std::chrono;
  const auto ms = duration_cast<milliseconds>(time.time_since_epoch()).count();
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[40];
  const std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  std::snprintf(text + n, sizeof text - n, ".%03dZ", static_cast<int>(ms % 1000));
  return text;
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80) {
      const std::size_t n = utf8_length(text.substr(i));
      out += n == 0 ? std::string("?") : std::string(text.substr(i, n));
      i += n == 0 ? 0 : n - 1;
      continue;
    }
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // XML 1.0 cannot hold the other controls (a NUL from a hostile UE): spelt \xNN.
        if (c < 0x20 && !allowed_control(c)) out += printable(text.substr(i, 1));
        else out.push_back(ch);
    }
  }
  return out;
}

Result<void> write_text(const std::string& path, std::string_view text) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) return make_error("cannot open " + path + ": " + std::strerror(errno));
  file.write(text.data(), static_cast<std::streamsize>(text.size()));
  file.flush();
  if (!file) return make_error("cannot write " + path + ": " + std::strerror(errno));
  return {};
}

Result<void> write(const Run& run, const Files& files) {
  std::string problems;
  auto one = [&](const std::string& path, const char* what, std::string (*render)(const Run&)) {
    if (path.empty()) return;
    if (auto written = write_text(path, render(run)); !written)
      problems += std::string(problems.empty() ? "" : "; ") + "cannot write the " + what +
                  " report: " + written.reason();
  };
  one(files.junit, "JUnit", junit_xml);
  one(files.json, "JSON", json_text);
  one(files.html, "HTML", html_page);
  if (!problems.empty()) return make_error(problems);
  return {};
}

}  // namespace scn::report

namespace scn::report {

namespace {

std::string counted(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::string traffic_line(const Traffic& traffic) {
  std::vector<std::string> parts;
  if (traffic.strays)
    parts.push_back(counted(traffic.strays, "message", "messages") + " from no party ignored");
  if (traffic.unexpected_answered)
    parts.push_back(counted(traffic.unexpected_answered, "unexpected message", "unexpected messages") +
                    " answered");
  if (traffic.unexpected_unanswered)
    parts.push_back(counted(traffic.unexpected_unanswered, "unexpected message",
                            "unexpected messages") + " not answered");
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : ", ") + part;
  return out;
}

}  // namespace scn::report
