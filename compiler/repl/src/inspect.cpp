// The commands that do not move the run: listings, breakpoints, `show`, `set`.
#include <iostream>

#include "scn/check/path_query.h"
#include "scn/diag/render.h"
#include "scn/repl/completion.h"
#include "scn/ir/lower.h"
#include "session_impl.h"

namespace scn::repl {

namespace {

constexpr const char* kHelp =
    "moving:   step (s) | continue (c) | run | finish | restart | quit\n"
    "          step runs one step; continue runs to the next breakpoint; run runs to the\n"
    "          end of the test case; finish runs to the end and prints the verdict\n"
    "steps:    testcases | testcase NAME | steps | break N | delete N\n"
    "inspect:  show sent|received [PATH]   the last message to/from the UE, or one field\n"
    "          show step N PATH            a field of step N's message (Contact.addr-spec)\n"
    "          dialogs | stored | params\n"
    "change:   set NAME=VALUE              a parameter or condition, as --set\n"
    "typed:    a step of the language, run at once on this run, e.g.\n"
    "          SS -> UE NOTIFY use \"MT NOTIFY for conference event package\" [A5]\n"
    "          UE -> SS 200 OK\n"
    "other:    load FILE | help";

// Prints text from the runtime without the trailing newline it may carry.
void say_block(std::string text, const char* when_empty) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  std::string clean;
  for (char c : text)
    if (c != '\r') clean += c;
  say(clean.empty() ? when_empty : clean);
}

// A value on one line: a multi-line one (an SDP body) as its first line and a count.
std::string one_line(const std::string& value) {
  std::size_t newline = value.find('\n');
  if (newline == std::string::npos) return "\"" + value + "\"";
  std::size_t lines = 0;
  for (std::size_t at = 0; at < value.size(); at = value.find('\n', at) + 1) {
    ++lines;
    if (value.find('\n', at) == std::string::npos) break;
  }
  std::string first = value.substr(0, newline);
  if (!first.empty() && first.back() == '\r') first.pop_back();
  return "\"" + first + "...\" (" + std::to_string(lines) + " lines)";
}

std::string as_string(scn_str text) { return std::string(text.ptr, text.len); }

// A scn_path over the strings of an ir::Path (which must outlive it).
scn_path to_abi(const ir::Path& path) {
  const bool named = path.part == ir::Part::param || path.part == ir::Part::uri_param ||
                     (path.target == ir::Target::body && !path.name.empty());
  return {static_cast<int>(path.target),
          path.target == ir::Target::header ? path.header.c_str() : nullptr, path.index,
          static_cast<int>(path.part), named ? path.name.c_str() : nullptr};
}

}  // namespace

void Session::handle(const Command& command, const std::string& line) {
  if (auto* listing = std::get_if<List>(&command)) return list(listing->what);
  if (auto* picked = std::get_if<PickTestcase>(&command)) return pick(picked->name);
  if (auto* brk = std::get_if<Break>(&command)) return set_break(*brk);
  if (auto* shown = std::get_if<Show>(&command)) return show(*shown, line);
  if (auto* setting = std::get_if<Set>(&command)) return set(*setting);
  if (auto* typed = std::get_if<AdHoc>(&command)) return run_typed(typed->text);
  if (auto* load = std::get_if<Load>(&command)) {
    load_requested_ = load->file;
    return;
  }
  if (auto* mistake = std::get_if<Mistake>(&command)) return say(mistake->message);
}

void Session::list(Listing what) const {
  switch (what) {
    case Listing::help: return say(kHelp);
    case Listing::steps: return list_steps();
    case Listing::params: return list_params();
    case Listing::testcases:
      for (const ir::Testcase& t : loaded_.ir.testcases)
        say((t.name == testcase_ ? "* " : "  ") + t.name + (t.title.empty() ? "" : "  \"" + t.title + "\""));
      return;
    case Listing::dialogs:
      if (!rt_) return say("no run is open");
      return say_block(as_string(scn_dialogs_text(rt_)), "no dialog yet");
    case Listing::stored:
      if (!rt_) return say("no run is open");
      return say_block(as_string(scn_stored_text(rt_)), "nothing stored yet");
  }
}

void Session::list_steps() const {
  const ir::Testcase* tc = testcase();
  if (!tc) return say("no test case picked: 'testcases' lists them");
  for (const ir::StepDesc& step : tc->steps) {
    const bool here = !current_.empty() && step.id == current_ && phase_ == Phase::paused;
    std::string row = std::string(here ? "=>" : "  ") + (breakpoints_.count(step.id) ? "*" : " ");
    row += std::string(step.id.size() < 9 ? 9 - step.id.size() : 0, ' ') + step.id + "  " +
           direction_text(*tc, step.from, step.to, static_cast<int>(step.kind)) + "  " +
           step.message;
    if (!step.dialog.empty()) row += " (dialog " + step.dialog + ")";
    if (!step.comment.empty()) row += "  \"" + step.comment + "\"";
    say(row);
  }
}

void Session::list_params() const {
  for (std::size_t i = 0; i < program_->param_count; ++i) {
    const scn_param_def& p = program_->params[i];
    std::string value = rt_ ? as_string(scn_param(rt_, p.name)) : p.default_value;
    say(std::string(p.name) + " = " + one_line(value) +
        (p.description ? "  # " + std::string(p.description) : ""));
  }
  for (std::size_t i = 0; i < program_->condition_count; ++i) {
    const scn_condition_def& c = program_->conditions[i];
    const bool value = rt_ ? scn_condition(rt_, c.name) != 0 : c.default_value != 0;
    say(std::string(c.name) + " = " + (value ? "true" : "false") +
        (c.description ? "  # " + std::string(c.description) : ""));
  }
}

void Session::pick(const std::string& name) {
  bool known = false;
  for (const ir::Testcase& t : loaded_.ir.testcases) known = known || t.name == name;
  if (!known) {
    std::string names;
    for (const ir::Testcase& t : loaded_.ir.testcases) names += " " + t.name;
    return say("no test case '" + name + "' (there are:" + names + ")");
  }
  if (phase_ == Phase::running || phase_ == Phase::paused || phase_ == Phase::ended)
    return say("a run of " + testcase_ + " is open: 'finish' or 'restart' it first");
  close_run();
  testcase_ = name;
  breakpoints_.clear();
  open_run();
}

void Session::set_break(const Break& command) {
  const ir::Testcase* tc = testcase();
  if (!tc) return say("no test case picked: 'testcases' lists them");
  std::optional<std::size_t> index = step_index(command.step);
  if (!index) return say("no step " + command.step + " in " + testcase_ + " ('steps' lists them)");
  const ir::StepDesc& step = tc->steps[*index];
  const std::string what = " at step " + step.id + " (" +
                           direction_text(*tc, step.from, step.to, static_cast<int>(step.kind)) +
                           " " + step.message + ")";
  if (command.remove) {
    if (!breakpoints_.erase(step.id)) return say("no breakpoint" + what);
    return say("breakpoint deleted" + what);
  }
  breakpoints_.insert(step.id);
  say("breakpoint" + what);
}

void Session::show(const Show& command, const std::string& line) const {
  if (!rt_) return say("no run is open");
  const int direction = command.side == Side::received ? SCN_UE_TO_SS : SCN_SS_TO_UE;
  std::string raw;
  if (command.side != Side::step) {
    raw = as_string(scn_last_message(rt_, direction));
    if (raw.empty())
      return say(command.side == Side::sent ? "nothing sent yet" : "nothing received yet");
    if (command.path.empty()) return say_block(raw, "");
  }
  bool request = raw.rfind("SIP/2.0 ", 0) != 0;
  if (command.side == Side::step) {
    std::optional<std::size_t> index = step_index(command.step);
    const ir::Testcase* tc = testcase();
    if (!index || !tc) return say("no step " + command.step + " in " + testcase_);
    request = tc->steps[*index].message.empty() ||
              !std::isdigit(static_cast<unsigned char>(tc->steps[*index].message.front()));
  }
  if (!loaded_.schema) return say("the header schema could not be loaded");
  check::PathQuery query = check::resolve_path_text(
      command.path, *loaded_.schema, request, "<input>", line,
      static_cast<std::uint32_t>(command.column));
  std::optional<ir::Path> path;
  if (query.path) path = ir::lower_path(*query.path, query.diagnostics);
  for (const diag::Diagnostic& d : query.diagnostics) std::cout << diag::render(d);
  if (!path) return;
  const scn_path abi = to_abi(*path);
  scn_str value = command.side == Side::step
                      ? scn_step_field(rt_, command.step.c_str(), &abi)
                      : scn_last_field(rt_, direction, &abi);
  say(value.len ? as_string(value) : "(empty or absent)");
}

void Session::set(const Set& command) {
  settings_.emplace_back(command.name, command.value);
  if (!rt_) return say(command.name + " = " + command.value + " (for the next run)");
  char error[512] = "";
  if (scn_set(rt_, command.name.c_str(), command.value.c_str(), error, sizeof error) != 0) {
    settings_.pop_back();
    return say(error);
  }
  say(command.name + " = " + command.value);
}

std::string Session::verdict_so_far() const {
  if (!rt_) return "none";
  return as_string(scn_verdict_text(rt_));
}

}  // namespace scn::repl

namespace scn::repl {

std::vector<std::string> Session::complete(const std::string& line,
                                           const std::string& prefix) const {
  CompletionWords words;
  if (loaded_.schema)
    for (auto name : loaded_.schema->header_names()) words.paths.emplace_back(name);
  for (const char* pseudo : {"Request-URI", "Status", "Reason-Phrase", "body"})
    words.paths.emplace_back(pseudo);
  words.defaults = loaded_.default_names;
  if (const ir::Testcase* tc = testcase())
    for (const ir::StepDesc& step : tc->steps) words.steps.push_back(step.id);
  for (const ir::Testcase& t : loaded_.ir.testcases) words.testcases.push_back(t.name);
  words.parties = party_names(testcase());
  for (std::size_t i = 0; i < program_->param_count; ++i)
    words.params.emplace_back(program_->params[i].name);
  return repl::complete(words, line, prefix);
}

}  // namespace scn::repl
