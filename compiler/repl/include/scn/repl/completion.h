// Tab completion for the REPL, from plain word lists so it is tested without a session.
#pragma once

#include <string>
#include <vector>

namespace scn::repl {

struct CompletionWords {
  std::vector<std::string> paths;      // header names and pseudo-paths (Request-URI, ...)
  std::vector<std::string> defaults;   // default-message names
  std::vector<std::string> steps;      // step ids of the picked test case
  std::vector<std::string> testcases;
  std::vector<std::string> params;
  std::vector<std::string> parties;    // of the picked test case; UE and SS when empty
};

// What may replace `prefix`, the word being typed, given `line`, the text before it:
// command words first on the line; `sent`/`received`/`step` after `show`, then a path;
// step ids after `break`, `delete` and `show step`; test case names after `testcase`;
// `NAME=` after `set`; party names first on the line (a typed step), after `make`, after
// a step number and after `->`; inside `use "` the rest of a default-message name and the
// closing quote (names hold spaces, so the match is made on everything after the quote).
std::vector<std::string> complete(const CompletionWords& words, const std::string& line,
                                  const std::string& prefix);

}  // namespace scn::repl
