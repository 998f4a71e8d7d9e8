// The REPL's command language: one input line -> one Command. Pure (no I/O, no
// session), so the parser is unit-tested on its own. A line that reads as a step of the
// scenario language (it starts with a party name, `make`, a step number or `when`) is an
// AdHoc command carrying the text for the compiler.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace scn::repl {

enum class Flow { step, continue_, run, restart, finish, quit };
enum class Listing { testcases, steps, dialogs, stored, params, help };
enum class Side { sent, received, step };

struct Empty {};                                       // blank line or comment
struct Move { Flow flow; };                            // step, continue, run, ...
struct List { Listing what; };                         // steps, dialogs, ...
struct PickTestcase { std::string name; };             // testcase NAME
struct Break { std::string step; bool remove = false; };  // break N / delete N
struct Show {                                          // show sent|received [PATH],
  Side side;                                           // show step N PATH
  std::string path;                                    // "" = the raw message
  std::string step;                                    // Side::step: the step id
  std::size_t column = 0;                              // 1-based column of the path
};
struct Load { std::string file; };                     // load FILE
struct Set { std::string name; std::string value; };   // set NAME=VALUE
struct AdHoc { std::string text; };                    // a step in the language
struct Mistake { std::string message; };               // what to tell the user

using Command =
    std::variant<Empty, Move, List, PickTestcase, Break, Show, Set, AdHoc, Load, Mistake>;

// `parties`: the party names of the picked test case; UE and SS always start a step.
// A party named like a command is a step only when `->` follows it.
Command parse_command(std::string_view line, const std::vector<std::string>& parties = {});

// Every command word, for help and tab completion.
const std::vector<std::string>& command_words();

}  // namespace scn::repl
