// Executor: waiting for a message from a party under test and matching it against a
// template; waiting for one of several (`either ... or`, scn_expect_first) and for
// several in any order (`in any order`, scn_expect_each), each step entered when its
// message is taken.
#include <algorithm>
#include <cstdio>

#include "executor/executor.h"

namespace scn {

namespace {

bool expects_request(const scn_match_template& tmpl) { return tmpl.method && *tmpl.method; }

// "SUBSCRIBE", "200 OK", "final response".
std::string expected_name(const scn_match_template& tmpl) {
  if (expects_request(tmpl)) return tmpl.method;
  if (tmpl.status == 0) return "final response";
  return std::to_string(tmpl.status) + " " + std::string(sip::default_reason(tmpl.status));
}

// Whether a queued message is the one the template waits for. Another final response
// (or another provisional one, for a provisional template) is taken and judged by the
// rows; provisional responses the template does not ask for are dropped: a UE may always
// send them.
Fit fit(const scn_match_template& tmpl, const sip::Message& message) {
  if (expects_request(tmpl))
    return message.is_request() && message.method() == tmpl.method ? Fit::Take
           : message.is_response() && message.status_code() < 200 ? Fit::Drop
                                                                   : Fit::PassOver;
  if (message.is_request()) return Fit::PassOver;
  const int status = message.status_code();
  if (status == tmpl.status || (tmpl.status == 0 && status >= 200)) return Fit::Take;
  if (status >= 200) return Fit::Judge;
  if (status == 100) return Fit::Drop;  // hop-by-hop, never judged
  return tmpl.status != 0 && tmpl.status < 200 ? Fit::Judge : Fit::Drop;
}

bool fits(Fit fit) { return fit == Fit::Take || fit == Fit::Judge; }

}  // namespace

std::string seconds_text(unsigned ms) {
  char text[32];
  if (ms % 1000 == 0)
    std::snprintf(text, sizeof text, "%u s", ms / 1000);
  else
    std::snprintf(text, sizeof text, "%.1f s", ms / 1000.0);
  return text;
}

// "UE2 -> FOCUS BYE" in test cases that declare parties, else "BYE".
std::string Executor::expected_text(const scn_match_template& tmpl) const {
  const std::string parties = parties_text(name_of(step_.from), name_of(step_.to));
  return (parties.empty() ? "" : parties + " ") + expected_name(tmpl);
}

int Executor::expect(const scn_match_template& tmpl, unsigned timeout_ms, int flags) {
  if (stopped()) return SCN_STOP;
  const unsigned wait = timeout_ms ? timeout_ms : options_.timeout_ms;
  Found found;
  const int waited = wait_for({Wanted{step_, &tmpl}}, wait, found);
  if (waited == SCN_MATCHED) return take(found.item, tmpl);
  if (waited == SCN_STOP) return SCN_STOP;
  const int ended = on_expect_timeout(tmpl, wait, flags);
  if (ended == SCN_TIMEOUT && !step_log_.empty()) step_log_.back().skipped = true;
  return ended;
}

// Runs the loop until a queued message is one of the wanted ones: SCN_MATCHED (found
// says which), SCN_TIMEOUT, or SCN_STOP when a verdict was decided meanwhile.
// On a terminal the live line says what is awaited and how long is left.
int Executor::wait_for(const std::vector<Wanted>& wanted, unsigned timeout_ms, Found& found) {
  waiting_since_ = loop_.now();
  const int waited = wait_until(wanted, loop_.now() + timeout_ms, found);
  waiting_since_.reset();
  live_.clear();
  return waited;
}

int Executor::wait_until(const std::vector<Wanted>& wanted, Millis deadline, Found& found) {
  const bool live = console_.terminal && printing_ && !lingering_;
  for (;;) {
    if (stopped()) return SCN_STOP;  // a malformed message or a transaction failure
    if (auto fitting = find_fitting(wanted)) {
      found = *fitting;
      return SCN_MATCHED;
    }
    const Millis left = deadline - loop_.now();
    if (left <= 0) return SCN_TIMEOUT;
    if (!live) {
      loop_.run_once(left);
      continue;
    }
    live_.show(waiting_line(waited_for_text(wanted), left));
    loop_.run_once(left % 1000 ? left % 1000 : 1000);  // wakes as a whole second passes
  }
}

// "PRACK from the UE", "INVITE (step 6) or BYE (step 8) from UE2".
std::string Executor::waited_for_text(const std::vector<Wanted>& wanted) const {
  std::string names;
  for (const Wanted& w : wanted) {
    names += (names.empty() ? "" : " or ") + expected_name(*w.tmpl);
    if (wanted.size() > 1) names += " (step " + w.step.id + ")";
  }
  return wanted.empty() ? names : names + " from " + who(wanted.front().step.from);
}

// The queued message to take, if any (see choose()); the ones before it are marked as
// passed over or, unwanted provisional responses, dropped.
std::optional<Executor::Found> Executor::find_fitting(const std::vector<Wanted>& wanted) {
  drop_strays();
  std::optional<Found> found = choose(wanted);
  const std::size_t dropped = sweep(wanted, found ? found->item : inbox_.size());
  if (found) found->item -= dropped;
  return found;
}

// Messages whose sender turned out to be no party once every party under test had an
// address: traced when they came, now left alone.
void Executor::drop_strays() {
  for (std::size_t i = 0; i < inbox_.size();) {
    InboxItem& item = inbox_[i];
    if (item.sender || (item.sender = attribute(item)) || !where_.all_known()) {
      ++i;
      continue;
    }
    ++strays_;
    erase_inbox(i);
  }
}

// One step waits: the first message that fits its start line. Several (either, any
// order): the first message that fits one's start line and rows (the first such in the
// order given), else the first that fits a start line exactly, else the first final
// response that some template would judge; their unasked provisional responses are
// not taken.
std::optional<Executor::Found> Executor::choose(const std::vector<Wanted>& wanted) {
  const bool several = wanted.size() > 1;
  std::optional<Found> start_line, judged;
  for (std::size_t i = 0; i < inbox_.size(); ++i) {
    for (std::size_t w = 0; w < wanted.size(); ++w) {
      const Fit f = fit_of(wanted[w], inbox_[i], several);
      if (!fits(f)) continue;
      if (!several) return Found{i, w};
      const scn_match_template& tmpl = *wanted[w].tmpl;
      if (match_logged(wanted[w].step, tmpl, compile(tmpl), inbox_[i].message).ok)
        return Found{i, w};
      auto& first = f == Fit::Take ? start_line : judged;
      if (!first) first = Found{i, w};
    }
  }
  return start_line ? start_line : judged;
}

// Marks the messages before `end` that the wanted ones waited past and drops the
// provisional responses none of them asks for; returns how many were dropped.
std::size_t Executor::sweep(const std::vector<Wanted>& wanted, std::size_t end) {
  std::size_t dropped = 0;
  for (std::size_t i = 0; i + dropped < end && i < inbox_.size();) {
    bool pass_over = false, keep = false;
    for (const Wanted& w : wanted) {
      const Fit f = fit_of(w, inbox_[i], wanted.size() > 1);
      pass_over = pass_over || f == Fit::PassOver || fits(f);
      keep = keep || f == Fit::Skip;
    }
    if (pass_over) {
      inbox_[i].passed_over = true;
    } else if (!keep) {
      erase_inbox(i);
      ++dropped;
      continue;
    }
    ++i;
  }
  return dropped;
}

// As fit_item; among several wanted messages a provisional response none asks for by
// its status is dropped rather than judged (the UE may send others before its choice).
Fit Executor::fit_of(const Wanted& wanted, InboxItem& item, bool several) {
  const Fit f = fit_item(wanted, item);
  const bool provisional = item.message.is_response() && item.message.status_code() < 200;
  return several && f == Fit::Judge && provisional ? Fit::Drop : f;
}

// Bound by sender (and the played party it was sent to), then by dialog, then by start
// line. A message of a sender not known yet is for a party with no address yet.
Fit Executor::fit_item(const Wanted& wanted, InboxItem& item) {
  const StepInfo& step = wanted.step;
  if (!item.sender) item.sender = attribute(item);
  if (item.sender ? *item.sender != step.from : where_.address(step.from).has_value())
    return Fit::Skip;
  if (item.transport && transport_of(step.to) != item.transport) return Fit::Skip;
  if (!in_named_dialog(step, item.message)) return Fit::Skip;
  return fit(*wanted.tmpl, item.message);
}

// A step that names an existing dialog takes only messages of that dialog (its Call-ID):
// `UE1 -> SS INVITE in dialog call12` must not take UE1's INVITE to the conference
// factory. Test cases that declare parties only: before parties, messages were bound by
// start line alone.
bool Executor::in_named_dialog(const StepInfo& step, const sip::Message& message) {
  if (!roster_.declared() || step.dialog.empty()) return true;
  std::string call_id;
  if (const sip::Dialog* dialog = dialog_named(step.dialog, step.from, step.to))
    call_id = dialog->call_id();
  else if (const RelayedDialog* relayed = relayed_named(step.dialog, step.from, step.to))
    call_id = relayed->call_id;
  return call_id.empty() || message.value_or("Call-ID") == call_id;
}

void Executor::erase_inbox(std::size_t index) {
  inbox_.erase(inbox_.begin() + static_cast<std::ptrdiff_t>(index));
  if (inbox_.empty()) std::vector<InboxItem>().swap(inbox_);  // see inbox_
}

int Executor::take(std::size_t index, const scn_match_template& tmpl) {
  InboxItem item = std::move(inbox_[index]);
  erase_inbox(index);
  if (!item.sender) item.sender = step_.from;  // the first message expected from it
  const party::Origin origin =
      item.origin ? *item.origin : party::origin_of(item.message, item.source);
  if (!where_.learn(*item.sender, origin)) {
    set_error(name_of(*item.sender) + " cannot be at " + item.source.to_string() +
              ", another party's address");
    return SCN_STOP;
  }
  keep_step_message(item.message);
  taken_[step_.id] = TakenMessage{item.tx, *item.sender, nullptr};
  if (item.message.is_request())
    bind_request(item);
  else
    bind_response(item);
  if (item.message.is_request() && item.message.method() != "ACK")
    taken_[step_.id].request = &received_.back();
  if (stopped()) return SCN_STOP;
  note_sdp(item.message, *item.sender);
  if (stopped()) return SCN_STOP;  // an SDP answer out of the offer
  if (item.message.is_request() && item.message.method() == "BYE")
    end_media(step_.to, *item.sender, step_.dialog);

  sip::MatchTemplate compiled = compile(tmpl);
  if (stopped()) return SCN_STOP;  // a bad regular expression or path
  sip::MatchResult result = match_logged(step_, tmpl, compiled, item.message);
  for (sip::Capture& capture : result.captures) stored_[capture.slot] = std::move(capture.value);
  if (result.ok) return check_digests(tmpl, item.message) ? SCN_MATCHED : SCN_STOP;
  // "PRACK: RAck: expected "1 1 INVITE", received "2 1 INVITE" (and 1 more)"
  std::string reason = expected_text(tmpl);
  if (!result.mismatches.empty()) {
    reason += ": " + sip::describe(result.mismatches.front());
    if (result.mismatches.size() > 1)
      reason += " (and " + std::to_string(result.mismatches.size() - 1) + " more)";
  }
  verdict_.fail(step_.id, std::move(reason), std::move(result.mismatches));
  return SCN_STOP;
}

int Executor::on_expect_timeout(const scn_match_template& tmpl, unsigned timeout_ms, int flags) {
  if (flags & SCN_EXPECT_OPTIONAL) {
    const std::string from = roster_.declared() ? " from " + who(step_.from) : "";
    print_not_run(step_, "no " + expected_name(tmpl) + from + " within " + seconds_text(timeout_ms));
    return SCN_TIMEOUT;
  }
  std::string unexpected = passed_over_summary();
  if (!unexpected.empty()) {
    set_inconc(unexpected + " while waiting for " + expected_name(tmpl));
    return SCN_STOP;
  }
  if (!roster_.declared()) {
    set_fail("no " + expected_name(tmpl) + " from " + who(step_.from) + " within " +
             seconds_text(timeout_ms));
    return SCN_STOP;
  }
  // "UE2 -> SS NOTIFY: none within 10 s (UE1 sent one, which is not UE2's)"
  std::string reason = expected_text(tmpl) + ": none within " + seconds_text(timeout_ms);
  const std::string others = senders_of_fitting(tmpl);
  if (!others.empty()) reason += " (" + others + " sent one, which is not " + who(step_.from) + "'s)";
  set_fail(reason);
  return SCN_STOP;
}

// The other parties whose queued messages fit the template's start line: a message from
// the wrong party is reported with the step that waited for another's.
std::string Executor::senders_of_fitting(const scn_match_template& tmpl) const {
  std::string names;
  for (const InboxItem& item : inbox_) {
    if (!item.sender || *item.sender == step_.from || !fits(fit(tmpl, item.message))) continue;
    const std::string name = name_of(*item.sender);
    if (names.find(name) != std::string::npos) continue;
    names += (names.empty() ? "" : ", ") + name;
  }
  return names;
}

// "unexpected request MESSAGE from the UE"; with parties, each names its sender. Bounded
// whatever the UE sends: the same message again is counted ("request OPTIONS (200
// times)"), and after a few different ones the rest only counted ("... and 197 more").
std::string Executor::passed_over_summary() const {
  constexpr std::size_t kListed = 3;
  std::vector<std::pair<std::string, std::size_t>> kinds;  // in order of arrival
  std::size_t unlisted = 0;
  for (const InboxItem& item : inbox_) {
    if (!item.passed_over) continue;
    std::string kind = item.message.is_request()
                           ? "request " + std::string(item.message.method())
                           : "response " + std::string(item.message.start_line().substr(8));
    if (roster_.declared())
      kind += " from " + (item.sender ? name_of(*item.sender) : item.source.to_string());
    auto seen = std::find_if(kinds.begin(), kinds.end(),
                             [&](const auto& listed) { return listed.first == kind; });
    if (seen != kinds.end())
      ++seen->second;
    else if (kinds.size() < kListed)
      kinds.emplace_back(std::move(kind), 1);
    else
      ++unlisted;
  }
  if (kinds.empty()) return {};
  std::string methods;
  for (const auto& [kind, count] : kinds) {
    if (!methods.empty()) methods += ", ";
    methods += kind + (count > 1 ? " (" + std::to_string(count) + " times)" : "");
  }
  if (unlisted) methods += " and " + std::to_string(unlisted) + " more";
  return "unexpected " + methods + (roster_.declared() ? "" : " from the UE");
}

sip::MatchResult Executor::match_logged(const StepInfo& step, const scn_match_template& tmpl,
                                       const sip::MatchTemplate& compiled,
                                       const sip::Message& message) {
  if (options_.log_level < 1) return sip::match(compiled, message, sip::RowOutcomes::None);
  sip::MatchResult result = sip::match(compiled, message);
  MatchAttempt attempt;
  attempt.ms = trace_.elapsed_ms();
  attempt.step = step.id;
  attempt.expected = expected_name(tmpl);
  attempt.message = std::string(message.start_line());
  attempt.matched = result.ok;
  attempt.rows = result.rows;
  // Mismatches of no row (the start line, bad paths) come first in the result.
  const auto failed_rows = static_cast<std::size_t>(std::count_if(
      result.rows.begin(), result.rows.end(), [](const sip::RowOutcome& r) { return !r.ok; }));
  const std::size_t others = result.mismatches.size() - std::min(failed_rows, result.mismatches.size());
  attempt.start_line.assign(result.mismatches.begin(),
                            result.mismatches.begin() + static_cast<std::ptrdiff_t>(others));
  attempts_.push_back(std::move(attempt));
  return result;
}

// In load mode from the rows as made once (a row with computed operands: its path).
sip::MatchTemplate Executor::compile(const scn_match_template& tmpl) {
  sip::MatchTemplate compiled = expects_request(tmpl) ? sip::MatchTemplate::request(tmpl.method)
                                                      : sip::MatchTemplate::response(tmpl.status);
  compiled.reserve(tmpl.row_count);
  sip::visit_rows(tmpl, [&](const scn_match_row& row, std::size_t i) {
    const bool computed = tmpl.row_values && tmpl.row_values[i];
    const std::string_view origin = row.origin ? row.origin : "";
    if (auto made = match_rows_ ? match_rows_->find(&tmpl.rows[i]) : nullptr) {
      if (computed)
        compiled.add(made->path, compile_row(row), origin);
      else
        compiled.add_made(*made);
      return true;
    }
    auto path = to_path(row.path);
    if (!path) {
      set_error("cannot match: " + path.reason());
      return false;
    }
    compiled.add(std::move(path.value()), compile_row(row), origin);
    // Kept as made, for the next call (a computed row's path only is read again).
    if (match_rows_ && !stopped())
      match_rows_->keep(&tmpl.rows[i], std::make_shared<const sip::MatchRow>(compiled.rows().back()));
    return true;
  });
  return compiled;
}

sip::Matcher Executor::compile_row(const scn_match_row& row) {
  // Every expect compiles its rows: the list of operands is built only for the kinds
  // that take a list, the others take the first operand alone.
  auto operand = [&](std::size_t i) {
    return i < row.value_count && row.values[i].ptr ? std::string(row.values[i].ptr, row.values[i].len)
                                                    : std::string();
  };
  auto operands = [&] {
    std::vector<std::string> values;
    values.reserve(row.value_count);
    for (std::size_t i = 0; i < row.value_count; ++i) values.push_back(operand(i));
    return values;
  };
  sip::Matcher matcher;
  switch (row.kind) {
    case SCN_MATCH_EQUAL: matcher = sip::Matcher::equal(operand(0)); break;
    case SCN_MATCH_EQUAL_LIST: matcher = sip::Matcher::equal_list(operands()); break;
    case SCN_MATCH_PRESENT: matcher = sip::Matcher::present(); break;
    case SCN_MATCH_ABSENT: matcher = sip::Matcher::absent(); break;
    case SCN_MATCH_ANY: matcher = sip::Matcher::any(); break;
    case SCN_MATCH_PREFIX: matcher = sip::Matcher::prefix(operand(0)); break;
    case SCN_MATCH_ONE_OF: matcher = sip::Matcher::one_of(operands()); break;
    case SCN_MATCH_DIGEST: matcher = sip::Matcher::present(); break;  // check_digests
    case SCN_MATCH_REGEX: {
      const std::string pattern = operand(0);
      auto made = regexes_->get(pattern);
      if (!made) {
        set_error("bad regular expression /" + pattern + "/: " + made.reason());
        return matcher;
      }
      matcher = std::move(made).value();
      break;
    }
    default: set_error("unknown match kind " + std::to_string(row.kind)); return matcher;
  }
  if (row.capture && *row.capture) matcher.capture(row.capture);
  return matcher;
}

std::vector<Executor::Wanted> Executor::wanted_of(const scn_expect_alt* alts, std::size_t count) {
  std::vector<Wanted> wanted;
  for (std::size_t i = 0; alts && i < count; ++i) {
    if (!alts[i].step || !alts[i].tmpl) {
      set_error("an alternative without a step or a template");
      return {};
    }
    wanted.push_back({step_info(*alts[i].step), alts[i].tmpl});
  }
  if (wanted.empty() && !stopped()) set_error("a choice of messages without alternatives");
  return wanted;
}

// Enters the step of the alternative found and takes its message. The step hook may
// have run steps of its own meanwhile: the message is looked for again.
int Executor::take_alternative(const scn_expect_alt& alt, const Wanted& wanted,
                               unsigned timeout_ms) {
  if (begin_step(*alt.step) == SCN_STOP) return SCN_STOP;
  Found found;
  const int waited = wait_for({wanted}, timeout_ms, found);
  if (waited == SCN_STOP) return SCN_STOP;
  if (waited == SCN_TIMEOUT) return on_alternatives_timeout({wanted}, timeout_ms, step_.id);
  return take(found.item, *alt.tmpl);
}

int Executor::expect_first(const scn_expect_alt* alts, std::size_t count, unsigned timeout_ms,
                           int flags, std::size_t* chosen) {
  if (stopped()) return SCN_STOP;
  const std::vector<Wanted> wanted = wanted_of(alts, count);
  if (wanted.empty()) return SCN_STOP;
  const unsigned wait = timeout_ms ? timeout_ms : options_.timeout_ms;
  Found found;
  const int waited = wait_for(wanted, wait, found);
  if (waited == SCN_STOP) return SCN_STOP;
  if (waited == SCN_TIMEOUT) {
    if (flags & SCN_EXPECT_OPTIONAL) {
      print_not_run(wanted.front().step, "no " + waited_for_text(wanted) + " within " +
                                             seconds_text(wait));
      return SCN_TIMEOUT;
    }
    return on_alternatives_timeout(wanted, wait, wanted.front().step.id);
  }
  if (chosen) *chosen = found.wanted;
  return take_alternative(alts[found.wanted], wanted[found.wanted], wait);
}

int Executor::expect_each(const scn_expect_alt* alts, std::size_t count, unsigned timeout_ms) {
  if (stopped()) return SCN_STOP;
  const std::vector<Wanted> wanted = wanted_of(alts, count);
  if (wanted.empty()) return SCN_STOP;
  const unsigned wait = timeout_ms ? timeout_ms : options_.timeout_ms;
  std::vector<std::size_t> remaining;
  for (std::size_t i = 0; i < wanted.size(); ++i) remaining.push_back(i);
  while (!remaining.empty()) {
    std::vector<Wanted> left;
    for (std::size_t index : remaining) left.push_back(wanted[index]);
    Found found;
    const int waited = wait_for(left, wait, found);
    if (waited == SCN_STOP) return SCN_STOP;
    if (waited == SCN_TIMEOUT) return on_alternatives_timeout(left, wait, left.front().step.id);
    const std::size_t index = remaining[found.wanted];
    if (take_alternative(alts[index], wanted[index], wait) != SCN_MATCHED) return SCN_STOP;
    remaining.erase(remaining.begin() + static_cast<std::ptrdiff_t>(found.wanted));
  }
  return SCN_OK;
}

// "none of INVITE (step 6), 200 OK (step 8) from UE2 within 10 s"; senders named one
// by one when they differ; "no NOTIFY (step 13) from UE1 ..." when one is left.
int Executor::on_alternatives_timeout(const std::vector<Wanted>& wanted, unsigned timeout_ms,
                                      const std::string& step) {
  bool one_sender = true;
  for (const Wanted& w : wanted) one_sender = one_sender && w.step.from == wanted.front().step.from;
  std::string names;
  for (const Wanted& w : wanted) {
    names += (names.empty() ? "" : ", ") + expected_name(*w.tmpl);
    if (!one_sender) names += " from " + who(w.step.from);
    names += " (step " + w.step.id + ")";
  }
  const std::string unexpected = passed_over_summary();
  if (!unexpected.empty()) {
    verdict_.inconc(step, unexpected + " while waiting for " + names);
    return SCN_STOP;
  }
  std::string reason = (wanted.size() == 1 ? "no " : "none of ") + names;
  if (one_sender) reason += " from " + who(wanted.front().step.from);
  verdict_.fail(step, reason + " within " + seconds_text(timeout_ms));
  return SCN_STOP;
}

}  // namespace scn
