#include "scn/campaign/campaign.h"

#include <fnmatch.h>

#include <array>
#include <cmath>
#include <cstdlib>

#include "scn/support/suggest.hpp"

namespace scn::campaign {

namespace {

constexpr std::array<std::string_view, 10> kKeys = {
    "bind", "ue", "drive", "set", "transport", "timeout", "linger", "start", "settle", "skip"};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

std::optional<double> seconds(const std::string& text) {
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !std::isfinite(value) || value < 0 || value > 86400)
    return std::nullopt;
  return value;
}

// Why a directive's value is unusable, or "" when it is fine.
std::string value_problem(const Directive& d) {
  if (d.value.empty() && d.key != "skip") return "'" + d.key + "' needs a value";
  if (d.key == "set" && (d.value.find('=') == std::string::npos || d.value.front() == '='))
    return "set: expected NAME=VALUE, got '" + d.value + "'";
  if (d.key == "drive" && d.value.find('=') == std::string::npos)
    return "drive: expected PARTY=SPEC, got '" + d.value + "'";
  if (d.key == "transport" && d.value != "udp" && d.value != "tcp")
    return "transport: expected udp or tcp, got '" + d.value + "'";
  if ((d.key == "timeout" || d.key == "linger" || d.key == "settle") && !seconds(d.value))
    return d.key + ": not a number of seconds between 0 and 86400: '" + d.value + "'";
  if (d.key == "timeout" && seconds(d.value) == 0.0) return "timeout: must be more than 0";
  return {};
}

std::string located(const std::string& file, int line, int column, const std::string& what) {
  return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": error: " + what;
}

void parse_line(std::string_view raw, int line, const std::string& file, Campaign& out,
                std::vector<std::string>& errors) {
  std::string_view text = trim(raw);
  const int column = static_cast<int>(raw.find_first_not_of(" \t") + 1);
  if (text.empty() || text.front() == '#') return;
  if (text.front() == '[') {
    if (text.back() != ']' || text.size() < 3) {
      errors.push_back(located(file, line, column, "expected [PATTERN]"));
      return;
    }
    out.sections.push_back({std::string(trim(text.substr(1, text.size() - 2))), line, {}});
    return;
  }
  if (out.sections.empty()) {
    errors.push_back(located(file, line, column,
                             "a setting before the first [PATTERN] (use [*] for every test case)"));
    return;
  }
  const std::size_t space = text.find_first_of(" \t");
  Directive d{std::string(text.substr(0, space)),
              space == std::string_view::npos ? std::string() : std::string(trim(text.substr(space))),
              line};
  bool known = false;
  for (std::string_view key : kKeys) known = known || key == d.key;
  if (!known) {
    std::string what = "unknown setting '" + d.key + "'";
    if (auto near = support::suggest(d.key, std::span<const std::string_view>(kKeys)))
      what += "; did you mean '" + *near + "'?";
    errors.push_back(located(file, line, column, what));
    return;
  }
  if (std::string problem = value_problem(d); !problem.empty()) {
    errors.push_back(located(file, line, column, problem));
    return;
  }
  out.sections.back().directives.push_back(std::move(d));
}

void apply(const Directive& d, CaseOptions& o) {
  if (d.key == "bind") o.binds.push_back(d.value);
  else if (d.key == "ue") o.ues.push_back(d.value);
  else if (d.key == "drive") o.drives.push_back(d.value);
  else if (d.key == "set") o.sets.push_back(d.value);
  else if (d.key == "start") o.starts.push_back(d.value);
  else if (d.key == "transport") o.transport = d.value;
  else if (d.key == "timeout") o.timeout_seconds = seconds(d.value);
  else if (d.key == "linger") o.linger_seconds = seconds(d.value);
  else if (d.key == "settle") o.settle_seconds = seconds(d.value).value_or(o.settle_seconds);
  else if (d.key == "skip") o.skip = d.value.empty() ? std::string("skipped by the campaign") : d.value;
}

}  // namespace

bool matches(std::string_view pattern, const CaseRef& ref) {
  const std::string p(pattern);
  if (p.find(':') == std::string::npos) return fnmatch(p.c_str(), ref.testcase.c_str(), 0) == 0;
  // FILE:NAME: the file part matches the path as given or any tail of it.
  const std::string full = ref.file + ":" + ref.testcase;
  if (fnmatch(p.c_str(), full.c_str(), 0) == 0) return true;
  for (std::size_t slash = ref.file.find('/'); slash != std::string::npos;
       slash = ref.file.find('/', slash + 1)) {
    const std::string tail = ref.file.substr(slash + 1) + ":" + ref.testcase;
    if (fnmatch(p.c_str(), tail.c_str(), 0) == 0) return true;
  }
  return false;
}

CaseOptions Campaign::options_for(const CaseRef& ref) const {
  CaseOptions options;
  for (const Section& s : sections)
    if (matches(s.pattern, ref))
      for (const Directive& d : s.directives) apply(d, options);
  return options;
}

std::vector<std::string> Campaign::unused_sections(const std::vector<CaseRef>& cases) const {
  std::vector<std::string> out;
  for (const Section& s : sections) {
    bool used = false;
    for (const CaseRef& ref : cases) used = used || matches(s.pattern, ref);
    if (!used)
      out.push_back(file + ":" + std::to_string(s.line) + ":1: warning: [" + s.pattern +
                    "] matches no test case");
  }
  return out;
}

Campaign parse_campaign(std::string_view text, const std::string& file,
                        std::vector<std::string>& errors) {
  Campaign out;
  out.file = file;
  int line = 0;
  while (!text.empty()) {
    ++line;
    const std::size_t nl = text.find('\n');
    parse_line(text.substr(0, nl), line, file, out, errors);
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return out;
}

}  // namespace scn::campaign
