// The record of a run for the reports (report/): built once at the end from what the
// run kept (the steps entered, the trace, the verdict, the values used).
#include <algorithm>

#include "executor/executor.h"

namespace scn {

namespace {

const char* const upper_tester = "upper tester";

report::Mismatch report_mismatch(const sip::Mismatch& m) {
  return {m.path, m.expected, m.received, m.origin, sip::describe(m)};
}

report::Outcome outcome_of(VerdictKind kind) {
  switch (kind) {
    case VerdictKind::Pass: return report::Outcome::Passed;
    case VerdictKind::Inconc: return report::Outcome::Inconc;
    case VerdictKind::Fail: return report::Outcome::Failed;
    case VerdictKind::Error: return report::Outcome::Error;
  }
  return report::Outcome::Error;
}

std::string text_or(const char* text, const char* otherwise) { return text ? text : otherwise; }

// The parties of a test case as it declares them, or the defaults UE and SS.
std::vector<report::Party> declared_parties(const scn_testcase& testcase) {
  std::vector<report::Party> out;
  for (std::size_t i = 0; testcase.parties && i < testcase.party_count; ++i)
    out.push_back({text_or(testcase.parties[i].name, "?"),
                   testcase.parties[i].kind == SCN_PARTY_UNDER_TEST, ""});
  if (out.empty()) out = {{"UE", true, ""}, {"SS", false, ""}};
  return out;
}

std::string party_name(const std::vector<report::Party>& parties, int index, const char* other) {
  if (index >= 0 && static_cast<std::size_t>(index) < parties.size())
    return parties[static_cast<std::size_t>(index)].name;
  return other;
}

std::string step_expected(const report::Step& step) {
  if (step.from == upper_tester) return "make " + step.to + " " + step.message;
  return step.from + " -> " + step.to + " " + step.message;
}

}  // namespace

report::Verdict report_verdict(const Verdict& verdict) {
  report::Verdict out;
  out.kind = std::string(to_string(verdict.kind));
  out.step = verdict.step;
  out.reason = verdict.reason;
  out.line = render_final_line(verdict);
  for (const sip::Mismatch& m : verdict.mismatches) out.mismatches.push_back(report_mismatch(m));
  return out;
}

std::string trace_ending(const Verdict& verdict) {
  return "verdict: " + render_final_line(verdict) + "\n" + render_mismatches(verdict);
}

report::Run error_record(const RunOptions& options, const std::string& suite,
                         const scn_testcase* testcase, const std::string& reason) {
  report::Run run;
  run.suite = suite;
  run.testcase = testcase && testcase->name ? testcase->name
                 : options.testcase.empty() ? "(none)"
                                            : options.testcase;
  run.started = report::iso8601_utc(std::chrono::system_clock::now());
  for (const auto& [name, value] : options.settings) run.settings.push_back({name, value, false, true});
  run.verdict = report_verdict(Verdict{VerdictKind::Error, {}, reason, {}});
  if (!testcase) return run;
  run.title = text_or(testcase->title, "");
  run.parties = declared_parties(*testcase);
  for (std::size_t i = 0; testcase->steps && i < testcase->step_count; ++i) {
    const scn_step& s = testcase->steps[i];
    report::Step step;
    step.id = text_or(s.id, "");
    step.from = s.kind == SCN_STEP_ACTION ? upper_tester : party_name(run.parties, s.from, "?");
    step.to = party_name(run.parties, s.to, "?");
    step.message = text_or(s.message, "");
    step.comment = text_or(s.comment, "");
    step.expected = step_expected(step);
    run.steps.push_back(std::move(step));
  }
  return run;
}

Result<void> write_error_reports(const RunOptions& options, const report::Run& run) {
  if (!options.trace_file.empty()) {
    if (auto written = report::write_text(options.trace_file, "verdict: " + run.verdict.line + "\n");
        !written)
      return make_error("cannot write the trace " + options.trace_file + ": " + written.reason());
  }
  return report::write(run, {options.junit_file, options.json_file, options.html_file});
}

void Executor::close_steps() {
  const std::uint64_t now = trace_.elapsed_ms();
  for (StepRecord& record : step_log_) {
    if (!record.open) continue;
    record.end_ms = now;
    record.open = false;
  }
}

report::Run Executor::report_record() const {
  report::Run run;
  run.suite = text_or(program_.name, "scn");
  run.testcase = text_or(testcase_.name, "");
  run.title = text_or(testcase_.title, "");
  run.started = report::iso8601_utc(std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::microseconds(capture_start_unix_us_))));
  run.seconds = elapsed_seconds();
  run.parties = report_parties();
  run.settings = report_settings();
  run.steps = report_steps();
  run.messages = report_messages();
  run.media_lines = media_lines_;
  for (const MatchAttempt& a : attempts_) {
    report::MatchAttempt out{a.ms, a.step, a.expected, a.message, a.matched, {}};
    for (const sip::Mismatch& m : a.start_line)
      out.rows.push_back({m.path, m.expected, m.received, m.origin, false});
    for (const sip::RowOutcome& r : a.rows)
      out.rows.push_back({r.path, r.expected, r.received, r.origin, r.ok});
    run.match_attempts.push_back(std::move(out));
  }
  run.traffic = traffic();
  run.flow = trace_.flow();
  for (const std::string& line : media_lines_) run.flow += line + "\n";
  run.cleanup = cleanup_notes_;
  for (const std::string& note : cleanup_notes_) run.flow += "cleanup: " + note + "\n";
  run.verdict = report_verdict(verdict_.verdict());
  return run;
}

std::vector<report::Party> Executor::report_parties() const {
  std::vector<report::Party> out;
  for (party::Index i = 0; i < roster_.size(); ++i) {
    const party::Party& p = roster_.at(i);
    out.push_back({p.name, p.kind == party::Kind::UnderTest, party_address(p.name).value_or("")});
  }
  return out;
}

// Every parameter and condition with the value used, by name.
std::vector<report::Setting> Executor::report_settings() const {
  std::vector<report::Setting> out;
  auto given = [this](const std::string& name) {
    return std::any_of(options_.settings.begin(), options_.settings.end(),
                       [&](const auto& setting) { return setting.first == name; });
  };
  for (const auto& [name, value] : settings_->params) out.push_back({name, value, false, given(name)});
  for (const auto& [name, value] : settings_->conditions)
    out.push_back({name, value ? "true" : "false", true, given(name)});
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

std::vector<report::Message> Executor::report_messages() const {
  std::vector<report::Message> out;
  for (const TraceEntry& e : trace_.entries()) {
    report::Message m;
    m.ms = e.ms;
    m.to_ss = e.direction == Direction::UeToSs;
    // "UE2 -> FOCUS" when the test case declares parties; else the default two.
    const std::size_t arrow = e.parties.find(" -> ");
    m.from = arrow == std::string::npos ? (m.to_ss ? "UE" : "SS") : e.parties.substr(0, arrow);
    m.to = arrow == std::string::npos ? (m.to_ss ? "SS" : "UE") : e.parties.substr(arrow + 4);
    m.from_address = e.from;
    m.to_address = e.to;
    m.transport = e.transport;
    m.step = e.step;
    m.summary = summarize(e.raw);
    m.raw = e.raw;
    m.note = e.note;
    out.push_back(std::move(m));
  }
  return out;
}

// The test case's steps in table order (those the run entered as it entered them when
// the program lists none). Steps after a skipped optional window's first one, up to the
// window's end, count as skipped too.
std::vector<report::Step> Executor::report_steps() const {
  auto record_of = [this](const std::string& id) -> const StepRecord* {
    for (auto it = step_log_.rbegin(); it != step_log_.rend(); ++it)
      if (it->info.id == id) return &*it;
    return nullptr;
  };
  std::vector<report::Step> out;
  if (!testcase_.steps || testcase_.step_count == 0) {
    for (const StepRecord& record : step_log_) out.push_back(report_step(record.info, &record));
    return out;
  }
  std::string window_end;  // the end of a skipped window we are in
  for (std::size_t i = 0; i < testcase_.step_count; ++i) {
    const scn_step& s = testcase_.steps[i];
    const StepInfo info = step_info(s);
    const StepRecord* record = record_of(info.id);
    report::Step step = report_step(info, record);
    if (!record && !window_end.empty()) step.outcome = report::Outcome::Skipped;
    if (window_end == info.id) window_end.clear();
    if (record && record->skipped && s.window_end) window_end = s.window_end;
    out.push_back(std::move(step));
  }
  return out;
}

report::Step Executor::report_step(const StepInfo& info, const StepRecord* record) const {
  report::Step step;
  step.id = info.id;
  step.from = info.action ? upper_tester : name_of(info.from);
  step.to = name_of(info.to);
  step.message = info.message;
  step.comment = info.comment;
  step.expected = step_expected(step);
  if (!record) return step;  // not run
  step.start_ms = record->start_ms;
  step.end_ms = record->open ? trace_.elapsed_ms() : record->end_ms;
  const Verdict& verdict = verdict_.verdict();
  const bool last = &*step_log_.rbegin() == record;
  const bool judged = verdict.kind != VerdictKind::Pass &&
                      (verdict.step == info.id || (verdict.step.empty() && last));
  step.outcome = judged            ? outcome_of(verdict.kind)
                 : record->skipped ? report::Outcome::Skipped
                                   : report::Outcome::Passed;
  const bool to_ss = info.direction == Direction::UeToSs;
  for (const TraceEntry& e : trace_.entries()) {
    if (e.step != info.id || (e.direction == Direction::UeToSs) != to_ss) continue;
    step.received += (step.received.empty() ? "" : "\n") + summarize(e.raw);
    if (!e.note.empty()) step.received += " (" + e.note + ")";
  }
  if (judged) {
    if (step.received.empty()) step.received = verdict.reason;
    for (const sip::Mismatch& m : verdict.mismatches) step.mismatches.push_back(report_mismatch(m));
  } else if (record->skipped) {
    // What came meanwhile was for later steps, not this one's.
    step.received = "none within the optional window" +
                    (step.received.empty() ? "" : " (meanwhile: " + step.received + ")");
  }
  return step;
}

// The SIP messages of the trace, then the RTP datagrams the endpoints saw.
Result<void> Executor::write_capture() {
  std::vector<CapturedPacket> packets;
  for (const TraceEntry& entry : trace_.entries()) {
    auto from = net::Address::parse(entry.from), to = net::Address::parse(entry.to);
    if (!from || !to) continue;
    packets.push_back({entry.ms * 1000, *from, *to,
                       std::vector<std::uint8_t>(entry.raw.begin(), entry.raw.end()),
                       entry.transport == "tcp"});
  }
  packets.insert(packets.end(), rtp_capture_.begin(), rtp_capture_.end());
  return write_pcap(options_.pcap_file, std::move(packets), capture_start_unix_us_);
}

}  // namespace scn
