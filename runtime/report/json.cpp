// The record as JSON (nlohmann/json, header-only); the schema is in docs/reports.md.
#include <nlohmann/json.hpp>

#include "report/report.h"

namespace scn::report {

namespace {

using nlohmann::json;

json mismatches_json(const std::vector<Mismatch>& mismatches) {
  json out = json::array();
  for (const Mismatch& m : mismatches)
    out.push_back({{"path", m.path}, {"expected", m.expected}, {"received", m.received},
                   {"origin", m.origin}, {"text", m.text}});
  return out;
}

json parties_json(const std::vector<Party>& parties) {
  json out = json::array();
  for (const Party& p : parties)
    out.push_back({{"name", p.name}, {"under_test", p.under_test}, {"address", p.address}});
  return out;
}

json settings_json(const std::vector<Setting>& settings) {
  json out = json::array();
  for (const Setting& s : settings)
    out.push_back({{"name", s.name}, {"value", s.value}, {"condition", s.condition},
                   {"overridden", s.overridden}});
  return out;
}

json steps_json(const std::vector<Step>& steps) {
  json out = json::array();
  for (const Step& s : steps)
    out.push_back({{"id", s.id}, {"from", s.from}, {"to", s.to}, {"message", s.message},
                   {"comment", s.comment}, {"outcome", to_string(s.outcome)},
                   {"start_ms", s.start_ms}, {"end_ms", s.end_ms}, {"expected", s.expected},
                   {"received", s.received}, {"mismatches", mismatches_json(s.mismatches)}});
  return out;
}

json messages_json(const std::vector<Message>& messages) {
  json out = json::array();
  for (const Message& m : messages)
    out.push_back({{"ms", m.ms}, {"direction", m.to_ss ? "to_ss" : "from_ss"},
                   {"from", m.from}, {"to", m.to}, {"from_address", m.from_address},
                   {"to_address", m.to_address}, {"transport", m.transport},
                   {"step", m.step}, {"summary", m.summary}, {"raw", m.raw}, {"note", m.note}});
  return out;
}

json attempts_json(const std::vector<MatchAttempt>& attempts) {
  json out = json::array();
  for (const MatchAttempt& a : attempts) {
    json rows = json::array();
    for (const MatchRow& r : a.rows)
      rows.push_back({{"path", r.path}, {"expected", r.expected}, {"received", r.received},
                      {"ok", r.ok}, {"origin", r.origin}});
    out.push_back({{"ms", a.ms}, {"step", a.step}, {"expected", a.expected},
                   {"message", a.message}, {"matched", a.matched}, {"rows", rows}});
  }
  return out;
}

json verdict_json(const Verdict& v) {
  return {{"kind", v.kind}, {"step", v.step}, {"reason", v.reason}, {"line", v.line},
          {"mismatches", mismatches_json(v.mismatches)}};
}

}  // namespace

std::string json_text(const Run& run) {
  const json out = {{"suite", run.suite},
                    {"testcase", run.testcase},
                    {"title", run.title},
                    {"started", run.started},
                    {"seconds", run.seconds},
                    {"parties", parties_json(run.parties)},
                    {"settings", settings_json(run.settings)},
                    {"steps", steps_json(run.steps)},
                    {"messages", messages_json(run.messages)},
                    {"media", run.media_lines},
                    {"cleanup", run.cleanup},
                    {"match_attempts", attempts_json(run.match_attempts)},
                    {"traffic", {{"strays", run.traffic.strays},
                                 {"unexpected_answered", run.traffic.unexpected_answered},
                                 {"unexpected_unanswered", run.traffic.unexpected_unanswered}}},
                    {"verdict", verdict_json(run.verdict)}};
  // Ill-formed UTF-8 in a message (a peer's fault) must not cost the report.
  return out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace scn::report
