#include "scn/repl/command.h"
#include "scn/support/suggest.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

namespace scn::repl {

namespace {

std::string_view trim(std::string_view text) {
  auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

// The first word and the trimmed rest.
std::pair<std::string_view, std::string_view> split_word(std::string_view text) {
  std::size_t end = text.find_first_of(" \t");
  if (end == std::string_view::npos) return {text, {}};
  return {text.substr(0, end), trim(text.substr(end))};
}

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// Steps of the language start with a sender, `make`, `media`, `wait`, a step number or a
// `when` condition.
bool looks_like_step(std::string_view first, std::string_view rest,
                     const std::vector<std::string>& parties) {
  if (first == "SS" || first == "UE" || first == "when" || first == "make" || first == "media" ||
      first == "wait" ||
      (!first.empty() && is_digit(first.front())))
    return true;
  if (std::find(parties.begin(), parties.end(), first) == parties.end()) return false;
  const auto& commands = command_words();
  const bool command = std::find(commands.begin(), commands.end(), first) != commands.end();
  return !command || rest.substr(0, 2) == "->";
}

Mistake unknown(std::string_view word) {
  std::string best;
  std::size_t best_distance = 3;  // further than two edits is no suggestion
  for (const std::string& known : command_words()) {
    std::size_t d = support::edit_distance(word, known);
    if (d < best_distance) best_distance = d, best = known;
  }
  std::string text = "unknown command '" + std::string(word) + "'";
  if (!best.empty()) text += " (did you mean '" + best + "'?)";
  return {text + "; 'help' lists the commands"};
}

std::optional<Flow> flow_word(std::string_view word) {
  if (word == "step" || word == "s") return Flow::step;
  if (word == "continue" || word == "c") return Flow::continue_;
  if (word == "run") return Flow::run;
  if (word == "restart") return Flow::restart;
  if (word == "finish") return Flow::finish;
  if (word == "quit" || word == "exit" || word == "q") return Flow::quit;
  return std::nullopt;
}

std::optional<Listing> listing_word(std::string_view word) {
  if (word == "testcases") return Listing::testcases;
  if (word == "steps") return Listing::steps;
  if (word == "dialogs") return Listing::dialogs;
  if (word == "stored") return Listing::stored;
  if (word == "params") return Listing::params;
  if (word == "help" || word == "?") return Listing::help;
  return std::nullopt;
}

// Column (1-based) of `part` inside `line`; both views into the same text.
std::size_t column_of(std::string_view line, std::string_view part) {
  return part.empty() ? 0 : static_cast<std::size_t>(part.data() - line.data()) + 1;
}

Command parse_show(std::string_view line, std::string_view rest) {
  auto [side, tail] = split_word(rest);
  if (side == "step") {
    auto [step, path] = split_word(tail);
    if (step.empty() || path.empty() || path.find_first_of(" \t") != std::string_view::npos)
      return Mistake{"show step needs a step and one path, e.g. 'show step 8 Contact.addr-spec'"};
    return Show{Side::step, std::string(path), std::string(step), column_of(line, path)};
  }
  if (side != "sent" && side != "received")
    return Mistake{"show needs 'sent', 'received' or 'step N', then a path (To.tag)"};
  if (tail.find_first_of(" \t") != std::string_view::npos)
    return Mistake{"show takes one path, e.g. 'show sent Contact.addr-spec'"};
  return Show{side == "sent" ? Side::sent : Side::received, std::string(tail), "",
              column_of(line, tail)};
}

Command parse_set(std::string_view rest) {
  std::size_t eq = rest.find('=');
  if (eq == std::string_view::npos || trim(rest.substr(0, eq)).empty())
    return Mistake{"set needs NAME=VALUE, e.g. 'set px_IMS_HomeDomainName=home1.net'"};
  return Set{std::string(trim(rest.substr(0, eq))), std::string(trim(rest.substr(eq + 1)))};
}

Command parse_break(std::string_view word, std::string_view rest) {
  if (rest.empty() || rest.find_first_of(" \t") != std::string_view::npos)
    return Mistake{std::string(word) + " needs one step number, e.g. '" + std::string(word) +
                   " 9'"};
  return Break{std::string(rest), word == "delete"};
}

}  // namespace

const std::vector<std::string>& command_words() {
  static const std::vector<std::string> words = {
      "break",  "continue", "delete",  "dialogs", "exit", "finish", "help",  "load",
      "params", "quit",     "restart", "run",     "set",  "show",   "step",  "steps",
      "stored", "testcase", "testcases"};
  return words;
}

Command parse_command(std::string_view line, const std::vector<std::string>& parties) {
  std::string_view text = trim(line);
  if (text.empty() || text.front() == '#') return Empty{};
  auto [word, rest] = split_word(text);
  if (looks_like_step(word, rest, parties)) return AdHoc{std::string(text)};
  if (auto flow = flow_word(word)) {
    if (!rest.empty()) return Mistake{std::string(word) + " takes no arguments"};
    return Move{*flow};
  }
  if (auto listing = listing_word(word)) {
    if (!rest.empty()) return Mistake{std::string(word) + " takes no arguments"};
    return List{*listing};
  }
  if (word == "testcase") {
    if (rest.empty()) return Mistake{"testcase needs a name; 'testcases' lists them"};
    return PickTestcase{std::string(rest)};
  }
  if (word == "break" || word == "b" || word == "delete")
    return parse_break(word == "b" ? "break" : word, rest);
  if (word == "show") return parse_show(line, rest);
  if (word == "load") {
    if (rest.empty()) return Mistake{"load needs a file, e.g. 'load scenarios/ts34229/conference_factory.scn'"};
    return Load{std::string(rest)};
  }
  if (word == "set") return parse_set(rest);
  return unknown(word);
}

}  // namespace scn::repl
