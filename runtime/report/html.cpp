// The HTML report: one self-contained page (inline CSS and script, nothing fetched).
// The ladder diagram is drawn here as SVG, one <g class="arrow"> per message, so the
// page reads without its script; the script only adds the clicks (the whole message of
// an arrow, the arrows of a step). Every text goes through esc().
#include <cstdio>

#include "report/report.h"

namespace scn::report {

namespace {

constexpr int column_width = 230;
constexpr int left_margin = 140;  // room for the step ids
constexpr int row_height = 34;
constexpr int top = 60;
constexpr std::size_t label_limit = 46;  // longer summaries are cut on the arrow

std::string esc(std::string_view text) { return xml_escape(text); }

std::string num(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", value);
  return buf;
}

bool failed(const Run& run) { return run.verdict.kind != "pass"; }

bool failing_step(const Run& run, std::string_view step) {
  return failed(run) && !run.verdict.step.empty() && step == run.verdict.step;
}

std::string cut(const std::string& text) {
  return text.size() <= label_limit ? text : text.substr(0, label_limit - 3) + "...";
}

// The columns: the parties in declaration order, then any other name a message uses.
std::vector<std::string> columns(const Run& run) {
  std::vector<std::string> names;
  auto add = [&](const std::string& name) {
    for (const std::string& known : names)
      if (known == name) return;
    names.push_back(name);
  };
  for (const Party& p : run.parties) add(p.name);
  for (const Message& m : run.messages) add(m.from), add(m.to);
  return names;
}

int column_x(const std::vector<std::string>& names, const std::string& name) {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return left_margin + static_cast<int>(i) * column_width;
  return left_margin;
}

const char* style() {
  return R"(body{font-family:sans-serif;margin:1em 2em;color:#222}
h1{font-size:1.3em}.verdict{font-family:monospace;font-size:1.1em;padding:.4em;border-radius:4px}
.verdict.pass{background:#dfd}.verdict.fail,.verdict.error{background:#fdd}.verdict.inconc{background:#ffd}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}
td.text{font-family:monospace;white-space:pre-wrap}
tr.failing td{background:#fdd}tr.mismatches td{background:#fff4f4}
tr.outcome-not-run td,tr.outcome-skipped td{color:#888}
svg text{font-size:12px;font-family:monospace}.lifeline{stroke:#999;stroke-dasharray:4 3}
.party{font-weight:bold;font-size:14px;font-family:sans-serif}
.arrow{cursor:pointer}.arrow line.visible{stroke:#246;stroke-width:1.5}.arrow line.hit{stroke:transparent;stroke-width:14}
.arrow.to-ss line.visible{stroke:#462}.arrow.noted line.visible{stroke-dasharray:6 3}
.arrow.failing line.visible{stroke:#c00;stroke-width:2.5}.arrow.failing text{fill:#c00;font-weight:bold}
.arrow.selected line.visible{stroke-width:4}.arrow.lit text{text-decoration:underline}
.step-id{fill:#666}#message-text{background:#f6f6f6;border:1px solid #ccc;padding:.5em;white-space:pre-wrap;min-height:2em}
)";
}

// Records script errors before anything else runs, for the headless test and for readers.
const char* error_script() {
  return R"(<script>window.scnErrors=[];window.onerror=function(msg,src,line){
window.scnErrors.push(String(msg)+' (line '+line+')');
document.body.setAttribute('data-script-errors',window.scnErrors.join(' | '));};</script>
)";
}

// The clicks: an arrow shows its message (and names it in the address, #message-N, which
// shows it again on load), a step row lights its arrows. data-ready says that the script
// ran to its end.
const char* main_script() {
  return R"(<script>(function(){
var arrows=document.querySelectorAll('g.arrow');
var title=document.getElementById('message-title'),text=document.getElementById('message-text');
function show(arrow){
  arrows.forEach(function(a){a.classList.remove('selected');});
  arrow.classList.add('selected');
  var i=arrow.getAttribute('data-index');
  title.textContent=arrow.getAttribute('data-title');
  text.textContent=document.getElementById('raw-'+i).textContent;
  return i;
}
arrows.forEach(function(a){a.addEventListener('click',function(){
  history.replaceState(null,'','#message-'+show(a));
});});
var wanted=/^#message-([0-9]+)$/.exec(location.hash);
if(wanted&&arrows[Number(wanted[1])])show(arrows[Number(wanted[1])]);
document.querySelectorAll('tr.step').forEach(function(row){
  row.addEventListener('click',function(){
    var step=row.getAttribute('data-step');
    arrows.forEach(function(a){a.classList.toggle('lit',a.getAttribute('data-step')===step);});
  });
});
document.body.setAttribute('data-arrows',String(arrows.length));
document.body.setAttribute('data-ready','1');
})();</script>
)";
}

std::string header(const Run& run) {
  std::string out = "<h1>" + esc(run.suite) + ": " + esc(run.testcase) + "</h1>\n";
  if (!run.title.empty()) out += "<p>" + esc(run.title) + "</p>\n";
  out += "<p class=\"verdict " + esc(run.verdict.kind) + "\" id=\"verdict\">" +
         esc(run.verdict.line) + "</p>\n";
  out += "<p>started " + esc(run.started) + ", " + num(run.seconds) + " s</p>\n";
  if (const std::string traffic = traffic_line(run.traffic); !traffic.empty())
    out += "<p class=\"traffic\">" + esc(traffic) + "</p>\n";
  return out;
}

std::string parties_table(const Run& run) {
  if (run.parties.empty()) return {};
  std::string out = "<h2>Parties</h2>\n<table><tr><th>party</th><th>role</th><th>address</th></tr>\n";
  for (const Party& p : run.parties)
    out += "<tr><td>" + esc(p.name) + "</td><td>" + (p.under_test ? "under test" : "played") +
           "</td><td>" + esc(p.address) + "</td></tr>\n";
  return out + "</table>\n";
}

std::string settings_table(const Run& run) {
  if (run.settings.empty()) return {};
  std::string out = "<details><summary>Parameters and conditions (" +
                    std::to_string(run.settings.size()) +
                    ")</summary>\n<table><tr><th>name</th><th>value</th></tr>\n";
  for (const Setting& s : run.settings)
    out += "<tr><td>" + esc(s.name) + "</td><td class=\"text\">" + esc(s.value) +
           (s.overridden ? " (--set)" : "") + "</td></tr>\n";
  return out + "</table></details>\n";
}

std::string lifelines(const std::vector<std::string>& names, int height) {
  std::string out;
  for (const std::string& name : names) {
    const std::string x = std::to_string(column_x(names, name));
    out += "<text class=\"party\" x=\"" + x + "\" y=\"20\" text-anchor=\"middle\">" + esc(name) +
           "</text>\n<line class=\"lifeline\" x1=\"" + x + "\" y1=\"30\" x2=\"" + x +
           "\" y2=\"" + std::to_string(height) + "\"/>\n";
  }
  return out;
}

std::string arrow_class(const Run& run, const Message& m) {
  std::string out = "arrow";
  if (m.to_ss) out += " to-ss";
  if (!m.note.empty()) out += " noted";
  if (failing_step(run, m.step)) out += " failing";
  return out;
}

std::string arrow_label(const Message& m) {
  std::string label = cut(m.summary);
  if (!m.note.empty()) label += " (" + m.note + ")";
  return label;
}

std::string arrow(const Run& run, const std::vector<std::string>& names, std::size_t index) {
  const Message& m = run.messages[index];
  const int y = top + static_cast<int>(index) * row_height;
  const int x1 = column_x(names, m.from);
  int x2 = column_x(names, m.to);
  if (x2 == x1) x2 = x1 + 40;  // a message a column sends itself
  const std::string ys = std::to_string(y), x1s = std::to_string(x1), x2s = std::to_string(x2);
  const std::string mid = std::to_string((x1 + x2) / 2);
  const std::string line = "x1=\"" + x1s + "\" y1=\"" + ys + "\" x2=\"" + x2s + "\" y2=\"" + ys + "\"";
  const std::string title = "step " + m.step + "  " + m.from + " -> " + m.to + "  " +
                            num(static_cast<double>(m.ms) / 1000.0) + " s  " + m.transport +
                            " " + m.from_address + " -> " + m.to_address;
  std::string out = "<g class=\"" + arrow_class(run, m) + "\" data-index=\"" +
                    std::to_string(index) + "\" data-step=\"" + esc(m.step) +
                    "\" data-title=\"" + esc(title) + "\"><title>" + esc(m.summary) + "</title>\n";
  out += "<line class=\"hit\" " + line + "/><line class=\"visible\" " + line +
         " marker-end=\"url(#head)\"/>\n";
  out += "<text x=\"" + mid + "\" y=\"" + std::to_string(y - 6) + "\" text-anchor=\"middle\">" +
         esc(arrow_label(m)) + "</text>\n";
  out += "<text class=\"step-id\" x=\"8\" y=\"" + std::to_string(y + 4) + "\">" +
         esc(m.step.empty() ? "-" : m.step) + "  " + num(static_cast<double>(m.ms) / 1000.0) +
         "</text></g>\n";
  return out;
}

std::string ladder(const Run& run) {
  const std::vector<std::string> names = columns(run);
  const int width = left_margin + static_cast<int>(names.size()) * column_width;
  const int height = top + static_cast<int>(run.messages.size()) * row_height;
  std::string out = "<h2>Messages</h2>\n<p>" + std::to_string(run.messages.size()) +
                    " messages; click an arrow for the whole message.</p>\n";
  out += "<svg id=\"ladder\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
         std::to_string(width) + "\" height=\"" + std::to_string(height) + "\">\n";
  out += "<defs><marker id=\"head\" markerWidth=\"10\" markerHeight=\"8\" refX=\"9\" refY=\"4\" "
         "orient=\"auto\"><path d=\"M0,0 L10,4 L0,8 z\" fill=\"#444\"/></marker></defs>\n";
  out += lifelines(names, height);
  for (std::size_t i = 0; i < run.messages.size(); ++i) out += arrow(run, names, i);
  out += "</svg>\n<h3 id=\"message-title\">no message selected</h3>\n<pre id=\"message-text\"></pre>\n";
  return out;
}

std::string mismatch_rows(const std::vector<Mismatch>& mismatches) {
  if (mismatches.empty()) return {};
  std::string out = "<tr class=\"mismatches\"><td></td><td colspan=\"6\"><table>"
                    "<tr><th>path</th><th>expected</th><th>received</th><th>origin</th></tr>\n";
  for (const Mismatch& m : mismatches)
    out += "<tr class=\"mismatch\"><td>" + esc(m.path) + "</td><td class=\"text\">" +
           esc(m.expected) + "</td><td class=\"text\">" + esc(m.received) + "</td><td>" +
           esc(m.origin) + "</td></tr>\n";
  return out + "</table></td></tr>\n";
}

std::string step_row(const Run& run, const Step& s) {
  std::string outcome(to_string(s.outcome));
  std::string css = "step outcome-" + std::string(outcome == "not run" ? "not-run" : outcome);
  if (failing_step(run, s.id)) css += " failing";
  const bool ran = s.outcome != Outcome::NotRun;
  std::string out = "<tr class=\"" + css + "\" data-step=\"" + esc(s.id) + "\"><td>" + esc(s.id) +
                    "</td><td>" + esc(s.from + " -> " + s.to) + "</td><td>" + esc(s.message) +
                    (s.comment.empty() ? "" : "<br><small>" + esc(s.comment) + "</small>") +
                    "</td><td>" + esc(outcome) + "</td><td>" +
                    (ran ? std::to_string(s.start_ms) + "-" + std::to_string(s.end_ms) + " ms" : "") +
                    "</td><td class=\"text\">" + esc(s.expected) + "</td><td class=\"text\">" +
                    esc(s.received) + "</td></tr>\n";
  return out + mismatch_rows(s.mismatches);
}

std::string steps_table(const Run& run) {
  std::string out = "<h2>Steps</h2>\n<table id=\"steps\"><tr><th>step</th><th>parties</th>"
                    "<th>message</th><th>outcome</th><th>time</th><th>expected</th>"
                    "<th>received</th></tr>\n";
  for (const Step& s : run.steps) out += step_row(run, s);
  out += "</table>\n";
  // A verdict tied to no listed step still shows its mismatches.
  bool listed = false;
  for (const Step& s : run.steps) listed = listed || !s.mismatches.empty();
  if (!listed && !run.verdict.mismatches.empty())
    out += "<table>" + mismatch_rows(run.verdict.mismatches) + "</table>\n";
  return out;
}

std::string cleanup_section(const Run& run) {
  if (run.cleanup.empty()) return {};
  std::string out = "<h2>Cleanup</h2>\n<ul>\n";
  for (const std::string& note : run.cleanup) out += "<li>" + esc(note) + "</li>\n";
  return out + "</ul>\n";
}

std::string media_section(const Run& run) {
  if (run.media_lines.empty()) return {};
  std::string out = "<h2>Media</h2>\n<ul>\n";
  for (const std::string& line : run.media_lines) out += "<li>" + esc(line) + "</li>\n";
  return out + "</ul>\n";
}

// The raw messages, hidden, for the script to show.
std::string raw_messages(const Run& run) {
  std::string out = "<div hidden>\n";
  for (std::size_t i = 0; i < run.messages.size(); ++i)
    out += "<pre id=\"raw-" + std::to_string(i) + "\">" + esc(run.messages[i].raw) + "</pre>\n";
  return out + "</div>\n";
}

}  // namespace

std::string html_page(const Run& run) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>" +
                    esc(run.suite + " " + run.testcase + ": " + run.verdict.line) +
                    "</title>\n<style>" + style() + "</style></head>\n";
  out += "<body data-verdict=\"" + esc(run.verdict.kind) + "\" data-failing-step=\"" +
         esc(failed(run) ? run.verdict.step : "") + "\">\n";
  out += error_script();
  out += header(run) + ladder(run) + steps_table(run) + media_section(run) + cleanup_section(run) +
         parties_table(run) + settings_table(run) + raw_messages(run);
  out += main_script();
  return out + "</body></html>\n";
}

}  // namespace scn::report
