// The catalogue of a library of .scn modules (the stdlib): its default messages with
// their condition codes and rows, its procedures with their steps and its parameters
// with their defaults. Built from the loaded modules (compiler/modules), so that the
// reference users read is the code the compiler reads; written as Markdown or as one
// self-contained HTML page.
#pragma once

#include <string>
#include <vector>

#include "scn/modules/loader.h"

namespace scn::doc {

struct ConditionCode {
  std::string code;         // A1
  std::string description;  // its meaning in this table; may be empty
  bool used = false;        // some `when` row of the table tests it
};

struct Row {
  std::string when;  // the condition of a `when` block; empty for unconditional rows
  std::string text;  // PATH = VALUE, as source text
};

struct DefaultEntry {
  std::string name;     // "INVITE for MO Call Setup"
  std::string message;  // INVITE, 200 OK
  std::string clause;   // A.2.1; may be empty
  std::string module;   // ts34229.a2_invite
  std::vector<ConditionCode> conditions;
  std::vector<Row> rows;
};

struct ProcedureEntry {
  std::string name;   // A.15.1
  std::string title;
  std::string module;
  std::vector<std::string> steps;  // one line each, nested blocks indented
};

struct ParamEntry {
  std::string name;
  std::string value;  // the default, as source text
  std::string description;
  std::string module;
};

// A rule for messages no step waits for, as written: OPTIONS | answer 200.
struct UnexpectedEntry {
  std::string pattern;  // OPTIONS, request in unknown dialog, malformed
  std::string action;   // answer 400, fail
  std::string module;
};

struct Catalogue {
  std::string title;  // the module documented: ts34229.annex_a
  std::vector<DefaultEntry> defaults;
  std::vector<ProcedureEntry> procedures;
  std::vector<ParamEntry> params;
  std::vector<UnexpectedEntry> unexpected;  // in the order a test case tries them
};

// Every module of `program` in load order (imported ones first), the rules for
// unexpected messages in the order tried (each module before its imports); `title`
// names it.
Catalogue build_catalogue(const modules::Program& program, const std::string& title);

std::string to_markdown(const Catalogue& catalogue);
std::string to_html(const Catalogue& catalogue);  // one page, no external resources

}  // namespace scn::doc
