// Matchers and matching templates: construction, normalisation and report wording.
#include "template/template.h"

#include "msg/msg.h"

namespace scn::sip {

namespace {

std::string quoted_list(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) {
    if (!out.empty()) out += ", ";
    out += "\"" + v + "\"";
  }
  return out;
}

}  // namespace

namespace {
// One value, moved in: an initializer list would copy it.
std::vector<std::string> one_value(std::string value) {
  std::vector<std::string> values;
  values.reserve(1);
  values.push_back(std::move(value));
  return values;
}
}  // namespace

Matcher Matcher::equal(std::string value) { return Matcher(Kind::Equal, one_value(std::move(value))); }

Matcher Matcher::equal_list(std::vector<std::string> values) {
  return Matcher(Kind::Equal, std::move(values));
}

Matcher Matcher::present() { return Matcher(Kind::Present, {}); }
Matcher Matcher::absent() { return Matcher(Kind::Absent, {}); }
Matcher Matcher::any() { return Matcher(Kind::Any, {}); }
Matcher Matcher::prefix(std::string text) { return Matcher(Kind::Prefix, one_value(std::move(text))); }

Matcher Matcher::one_of(std::vector<std::string> values) {
  return Matcher(Kind::OneOf, std::move(values));
}

Result<Matcher> Matcher::regex(std::string pattern) {
  Matcher m(Kind::Regex, {pattern});
  try {
    m.regex_ = std::make_shared<const std::regex>(pattern, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    return make_error("bad regular expression /" + pattern + "/: " + e.what());
  }
  return m;
}

Result<Matcher> RegexCache::get(const std::string& pattern) {
  std::lock_guard lock(mutex_);
  if (auto found = made_.find(pattern); found != made_.end()) return found->second;
  auto made = Matcher::regex(pattern);
  if (made) made_.emplace(pattern, *made);
  return made;
}

std::shared_ptr<const MatchRow> MatchRowCache::find(const void* id) const {
  std::lock_guard lock(mutex_);
  auto found = rows_.find(id);
  return found == rows_.end() ? nullptr : found->second;
}

void MatchRowCache::keep(const void* id, std::shared_ptr<const MatchRow> row) {
  std::lock_guard lock(mutex_);
  rows_.emplace(id, std::move(row));
}

std::string Matcher::describe() const {
  switch (kind_) {
    case Kind::Equal: return values_.empty() ? "absent (an empty list)" : quoted_list(values_);
    case Kind::Present: return "present";
    case Kind::Absent: return "absent";
    case Kind::Any: return "any";
    case Kind::Prefix: return "starts " + quoted_list(values_);
    case Kind::Regex: return "matches /" + values_.front() + "/";
    case Kind::OneOf: return "one of (" + quoted_list(values_) + ")";
  }
  return "?";
}

MatchTemplate MatchTemplate::request(std::string method) {
  MatchTemplate t;
  t.method_ = std::move(method);
  return t;
}

MatchTemplate MatchTemplate::response(int status) {
  MatchTemplate t;
  t.status_ = status;
  return t;
}

MatchTemplate& MatchTemplate::add(Path path, Matcher matcher, std::string_view origin) {
  const bool whole_list = path.target == PathTarget::Header && path.part == PathPart::Whole &&
                          path.index == 0 && is_list_header(path.header);
  if (whole_list && matcher.kind() == Matcher::Kind::Equal && matcher.values().size() == 1) {
    std::vector<std::string> items;
    for (std::string_view item : split_list(matcher.values().front())) items.emplace_back(item);
    Matcher list = Matcher::equal_list(std::move(items));
    if (!matcher.capture_slot().empty()) list.capture(matcher.capture_slot());
    matcher = std::move(list);
  }
  rows_.push_back({std::move(path), std::move(matcher), origin});
  return *this;
}

MatchTemplate& MatchTemplate::add_made(MatchRow row) {
  rows_.push_back(std::move(row));
  return *this;
}

MatchTemplate& MatchTemplate::add(std::string_view path, Matcher matcher) {
  auto parsed = parse_path(path);
  if (!parsed) {
    path_errors_.push_back("bad path '" + std::string(path) + "': " + parsed.reason());
    return *this;
  }
  return add(std::move(parsed).value(), std::move(matcher));
}

std::string describe(const Mismatch& m) {
  const bool bracketed = !m.received.empty() && m.received.front() == '<' &&
                         m.received.back() == '>' && m.received.find(' ') != std::string::npos;
  const bool plain = m.received == kAbsent || bracketed;
  return m.path + ": expected " + m.expected + ", received " +
         (plain ? m.received : "\"" + m.received + "\"");
}

}  // namespace scn::sip
