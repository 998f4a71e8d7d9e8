// match(): every row of a matching template against one message, all mismatches kept.
#include "msg/msg.h"
#include "template/template.h"

namespace scn::sip {

namespace {

std::string received_text(const Resolved& r) {
  if (r.present()) return r.values.size() == 1 ? r.values.front() : r.joined();
  return r.error.empty() ? std::string(kAbsent) : "<" + r.error + ">";
}

bool equal_all(const Matcher& m, const Resolved& r) {
  if (m.values().size() != r.values.size()) return false;
  for (std::size_t i = 0; i < r.values.size(); ++i) {
    if (!values_equal(r.kind, m.values()[i], r.values[i])) return false;
  }
  return true;
}

// libstdc++'s std::regex recurses once per character and overflows the stack on long
// subjects (about 10 kB for a simple alternation), so longer values are not searched.
constexpr std::size_t kMaxRegexSubject = 4096;

bool regex_found(const Matcher& m, const std::string& text) {
  if (m.compiled() == nullptr || text.size() > kMaxRegexSubject) return false;
  try {
    return std::regex_search(text, *m.compiled());
  } catch (const std::regex_error&) {  // error_complexity / error_stack
    return false;
  }
}

bool satisfied(const Matcher& m, const Resolved& r) {
  using Kind = Matcher::Kind;
  switch (m.kind()) {
    case Kind::Any: return true;
    case Kind::Present: return r.present();
    case Kind::Absent: return !r.present();
    // An empty list is written by leaving the header out: a dialog with an empty route set
    // sends no Route (RFC 3261 12.2.1.1), so `Route = dialog().route_set` expects none.
    case Kind::Equal: return m.values().empty() ? !r.present() : r.present() && equal_all(m, r);
    case Kind::Prefix: return r.present() && received_text(r).starts_with(m.values().front());
    case Kind::Regex: return r.present() && regex_found(m, received_text(r));
    case Kind::OneOf: {
      if (!r.present()) return false;
      const std::string text = received_text(r);
      for (const std::string& v : m.values()) {
        if (values_equal(r.kind, v, text)) return true;
      }
      return false;
    }
  }
  return false;
}

std::string start_line_summary(const Message& message) {
  if (message.is_request()) return "<request " + std::string(message.method()) + ">";
  return "<response " + std::to_string(message.status_code()) + ">";
}

void check_start_line(const MatchTemplate& tmpl, const Message& message, MatchResult& result) {
  if (tmpl.expects_request()) {
    if (!message.is_request()) {
      result.mismatches.push_back({"Method", "\"" + tmpl.method() + "\"", start_line_summary(message)});
    } else if (message.method() != tmpl.method()) {
      result.mismatches.push_back({"Method", "\"" + tmpl.method() + "\"", std::string(message.method())});
    }
    return;
  }
  if (tmpl.status() == 0) return;
  if (!message.is_response()) {
    result.mismatches.push_back({"Status", std::to_string(tmpl.status()), start_line_summary(message)});
  } else if (message.status_code() != tmpl.status()) {
    result.mismatches.push_back(
        {"Status", std::to_string(tmpl.status()), std::to_string(message.status_code())});
  }
}

}  // namespace

MatchResult match(const MatchTemplate& tmpl, const Message& message, RowOutcomes rows) {
  MatchResult result;
  for (const std::string& error : tmpl.path_errors()) {
    result.mismatches.push_back({"<template>", "a valid path", error});
  }
  check_start_line(tmpl, message, result);
  for (const MatchRow& row : tmpl.rows()) {
    const Resolved r = resolve(message, row.path);
    const bool ok = satisfied(row.matcher, r);
    if (!ok || rows == RowOutcomes::Every) {
      std::string received = received_text(r);
      if (!ok && row.matcher.kind() == Matcher::Kind::Regex && received.size() > kMaxRegexSubject) {
        received = "<" + std::to_string(received.size()) + " bytes, longer than the " +
                   std::to_string(kMaxRegexSubject) + " a regular expression may search>";
      }
      if (rows == RowOutcomes::Every) {
        result.rows.push_back({to_string(row.path), row.matcher.describe(), received, ok, std::string(row.origin)});
      }
      if (!ok) {
        result.mismatches.push_back(
            {to_string(row.path), row.matcher.describe(), std::move(received), std::string(row.origin)});
      }
    }
    if (!row.matcher.capture_slot().empty() && r.present()) {
      result.captures.push_back({row.matcher.capture_slot(), received_text(r)});
    }
  }
  result.ok = result.mismatches.empty();
  return result;
}

}  // namespace scn::sip
