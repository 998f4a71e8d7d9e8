#include "scn/repl/completion.h"

#include <algorithm>
#include <optional>

#include "scn/repl/command.h"

namespace scn::repl {

namespace {

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

std::vector<std::string> matching(const std::vector<std::string>& words, const std::string& prefix) {
  std::vector<std::string> out;
  for (const std::string& w : words)
    if (starts_with(w, prefix)) out.push_back(w);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::string> words_of(const std::string& line) {
  std::vector<std::string> words;
  std::size_t at = 0;
  while ((at = line.find_first_not_of(" \t", at)) != std::string::npos) {
    std::size_t end = line.find_first_of(" \t", at);
    words.push_back(line.substr(at, end == std::string::npos ? end : end - at));
    at = end;
  }
  return words;
}

std::optional<std::vector<std::string>> default_names(const std::vector<std::string>& names,
                                                      const std::string& line,
                                                      const std::string& prefix) {
  std::size_t use = line.rfind("use \"");
  if (use == std::string::npos || line.find('"', use + 5) != std::string::npos) return std::nullopt;
  const std::string typed = line.substr(use + 5) + prefix;
  std::vector<std::string> out;
  for (const std::string& name : matching(names, typed))
    out.push_back(name.substr(typed.size() - prefix.size()) + "\"");
  return out;
}

std::vector<std::string> parties_of(const CompletionWords& sources) {
  if (sources.parties.empty()) return {"SS", "UE"};
  return sources.parties;
}

bool is_number(const std::string& word) {
  return !word.empty() && std::all_of(word.begin(), word.end(),
                                      [](char c) { return c >= '0' && c <= '9'; });
}

// The candidates for the next word after `words`.
std::vector<std::string> next_words(const CompletionWords& sources,
                                    const std::vector<std::string>& words) {
  const std::string& head = words.front();
  const std::size_t n = words.size();
  // A typed step: a party after `make`, after the step number and after `->`.
  const std::string& last = words.back();
  if (last == "make" || last == "media" || last == "->" || (n == 1 && is_number(head))) {
    std::vector<std::string> out = parties_of(sources);
    if (n == 1 && is_number(head)) {
      out.push_back("make");
      out.push_back("media");
      out.push_back("wait");
    }
    return out;
  }
  if (head == "show") {
    if (n == 1) return {"sent", "received", "step"};
    if (words[1] == "step") return n == 2 ? sources.steps : n == 3 ? sources.paths
                                                                   : std::vector<std::string>{};
    return n == 2 ? sources.paths : std::vector<std::string>{};
  }
  if ((head == "break" || head == "delete") && n == 1) return sources.steps;
  if (head == "testcase" && n == 1) return sources.testcases;
  if (head == "set" && n == 1) {
    std::vector<std::string> out;
    for (const std::string& p : sources.params) out.push_back(p + "=");
    return out;
  }
  return {};
}

}  // namespace

std::vector<std::string> complete(const CompletionWords& sources, const std::string& line,
                                  const std::string& prefix) {
  if (auto defaults = default_names(sources.defaults, line, prefix)) return *defaults;
  std::vector<std::string> words = words_of(line);
  if (words.empty()) {
    std::vector<std::string> first = command_words();
    for (const std::string& party : parties_of(sources)) first.push_back(party);
    first.push_back("make");
    first.push_back("media");
    first.push_back("wait");
    return matching(first, prefix);
  }
  return matching(next_words(sources, words), prefix);
}

}  // namespace scn::repl
