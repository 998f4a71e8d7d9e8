// Executor: waiting for a UE message and matching it against a template.
#include <cstdio>

#include "executor/executor.h"

namespace scn {

namespace {

std::string seconds_text(unsigned ms) {
  char text[32];
  if (ms % 1000 == 0)
    std::snprintf(text, sizeof text, "%u s", ms / 1000);
  else
    std::snprintf(text, sizeof text, "%.1f s", ms / 1000.0);
  return text;
}

bool expects_request(const scn_match_template& tmpl) { return tmpl.method && *tmpl.method; }

// "SUBSCRIBE", "200 OK", "final response".
std::string expected_name(const scn_match_template& tmpl) {
  if (expects_request(tmpl)) return tmpl.method;
  if (tmpl.status == 0) return "final response";
  return std::to_string(tmpl.status) + " " + std::string(sip::default_reason(tmpl.status));
}

enum class Fit { Take, PassOver, Drop };

// Whether a queued message is the one the template waits for. Provisional responses the
// template does not ask for are dropped: a UE may always send them.
Fit fit(const scn_match_template& tmpl, const sip::Message& message) {
  if (expects_request(tmpl))
    return message.is_request() && message.method() == tmpl.method ? Fit::Take
           : message.is_response() && message.status_code() < 200 ? Fit::Drop
                                                                   : Fit::PassOver;
  if (message.is_request()) return Fit::PassOver;
  const int status = message.status_code();
  if (status == tmpl.status || status >= 200) return Fit::Take;
  if (status == 100) return Fit::Drop;  // hop-by-hop, never judged
  return tmpl.status != 0 && tmpl.status < 200 && status < 200 ? Fit::Take : Fit::Drop;
}

}  // namespace

int Executor::expect(const scn_match_template& tmpl, unsigned timeout_ms, int flags) {
  if (stopped()) return SCN_STOP;
  const unsigned wait = timeout_ms ? timeout_ms : options_.timeout_ms;
  const Millis deadline = loop_.now() + wait;
  for (;;) {
    if (stopped()) return SCN_STOP;  // a malformed message or a transaction failure
    if (auto index = find_fitting(tmpl)) return take(*index, tmpl);
    const Millis left = deadline - loop_.now();
    if (left <= 0) break;
    loop_.run_once(left);
  }
  return on_expect_timeout(tmpl, wait, flags);
}

std::optional<std::size_t> Executor::find_fitting(const scn_match_template& tmpl) {
  for (std::size_t i = 0; i < inbox_.size();) {
    switch (fit(tmpl, inbox_[i].message)) {
      case Fit::Take: return i;
      case Fit::Drop: inbox_.erase(inbox_.begin() + static_cast<std::ptrdiff_t>(i)); continue;
      case Fit::PassOver: inbox_[i].passed_over = true; break;
    }
    ++i;
  }
  return std::nullopt;
}

int Executor::take(std::size_t index, const scn_match_template& tmpl) {
  InboxItem item = std::move(inbox_[index]);
  inbox_.erase(inbox_.begin() + static_cast<std::ptrdiff_t>(index));
  step_messages_[step_.id] = item.message;
  if (item.message.is_request())
    bind_request(item);
  else
    bind_response(item);
  if (stopped()) return SCN_STOP;

  sip::MatchTemplate compiled = compile(tmpl);
  if (stopped()) return SCN_STOP;  // a bad regular expression or path
  sip::MatchResult result = sip::match(compiled, item.message);
  for (sip::Capture& capture : result.captures) stored_[capture.slot] = std::move(capture.value);
  if (result.ok) return SCN_MATCHED;
  // "PRACK: RAck: expected "1 1 INVITE", received "2 1 INVITE" (and 1 more)"
  std::string reason = expected_name(tmpl);
  if (!result.mismatches.empty()) {
    reason += ": " + sip::describe(result.mismatches.front());
    if (result.mismatches.size() > 1)
      reason += " (and " + std::to_string(result.mismatches.size() - 1) + " more)";
  }
  verdict_.fail(step_.id, std::move(reason), std::move(result.mismatches));
  return SCN_STOP;
}

int Executor::on_expect_timeout(const scn_match_template& tmpl, unsigned timeout_ms, int flags) {
  if (flags & SCN_EXPECT_OPTIONAL) return SCN_TIMEOUT;
  std::string unexpected = passed_over_summary();
  if (!unexpected.empty()) {
    set_inconc(unexpected + " while waiting for " + expected_name(tmpl));
    return SCN_STOP;
  }
  set_fail("no " + expected_name(tmpl) + " from the UE within " + seconds_text(timeout_ms));
  return SCN_STOP;
}

std::string Executor::passed_over_summary() const {
  std::string methods;
  for (const InboxItem& item : inbox_) {
    if (!item.passed_over) continue;
    if (!methods.empty()) methods += ", ";
    if (item.message.is_request())
      methods += "request " + std::string(item.message.method());
    else
      methods += "response " + std::string(item.message.start_line().substr(8));
  }
  return methods.empty() ? methods : "unexpected " + methods + " from the UE";
}

sip::MatchTemplate Executor::compile(const scn_match_template& tmpl) {
  sip::MatchTemplate compiled = expects_request(tmpl) ? sip::MatchTemplate::request(tmpl.method)
                                                      : sip::MatchTemplate::response(tmpl.status);
  for (std::size_t i = 0; i < tmpl.row_count; ++i) {
    auto path = to_path(tmpl.rows[i].path);
    if (!path) {
      set_error("cannot match: " + path.reason());
      return compiled;
    }
    compiled.add(std::move(path.value()), compile_row(tmpl.rows[i]));
  }
  return compiled;
}

sip::Matcher Executor::compile_row(const scn_match_row& row) {
  std::vector<std::string> values;
  for (std::size_t i = 0; i < row.value_count; ++i)
    values.emplace_back(row.values[i].ptr ? row.values[i].ptr : "", row.values[i].len);
  const std::string first = values.empty() ? std::string() : values.front();
  sip::Matcher matcher;
  switch (row.kind) {
    case SCN_MATCH_EQUAL: matcher = sip::Matcher::equal(first); break;
    case SCN_MATCH_EQUAL_LIST: matcher = sip::Matcher::equal_list(std::move(values)); break;
    case SCN_MATCH_PRESENT: matcher = sip::Matcher::present(); break;
    case SCN_MATCH_ABSENT: matcher = sip::Matcher::absent(); break;
    case SCN_MATCH_ANY: matcher = sip::Matcher::any(); break;
    case SCN_MATCH_PREFIX: matcher = sip::Matcher::prefix(first); break;
    case SCN_MATCH_ONE_OF: matcher = sip::Matcher::one_of(std::move(values)); break;
    case SCN_MATCH_REGEX: {
      auto cached = regex_cache_.find(first);
      if (cached == regex_cache_.end()) {
        auto made = sip::Matcher::regex(first);
        if (!made) {
          set_error("bad regular expression /" + first + "/: " + made.reason());
          return matcher;
        }
        cached = regex_cache_.emplace(first, *made).first;
      }
      matcher = cached->second;
      break;
    }
    default: set_error("unknown match kind " + std::to_string(row.kind)); return matcher;
  }
  if (row.capture && *row.capture) matcher.capture(row.capture);
  return matcher;
}

}  // namespace scn
