// The catalogue as Markdown: tables for the overviews, code blocks for rows and steps.
#include <sstream>

#include "render_common.h"
#include "scn/doc/catalogue.h"

namespace scn::doc {
namespace {

// A table cell: '|' would end it, a newline the row.
std::string cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

void code_block(std::ostream& out, const std::vector<std::string>& lines) {
  out << "```\n";
  for (const std::string& line : lines) out << line << "\n";
  out << "```\n\n";
}

void write_defaults(std::ostream& out, const Catalogue& c) {
  out << "## Default messages\n\n"
      << "| default message | message | Annex A | module | codes its rows test |\n"
      << "|---|---|---|---|---|\n";
  for (const DefaultEntry& d : c.defaults)
    out << "| \"" << cell(d.name) << "\" | " << cell(d.message) << " | " << cell(d.clause)
        << " | " << d.module << " | " << used_codes(d) << " |\n";
  out << "\n";
  for (const DefaultEntry& d : c.defaults) {
    out << "### \"" << d.name << "\"\n\n"
        << d.message << (d.clause.empty() ? "" : ", Annex " + d.clause) << ", module `"
        << d.module << "`: `use \"" << d.name << "\" [CODES]`.\n\n";
    if (!d.conditions.empty()) {
      out << "| code | meaning | tested by its rows |\n|---|---|---|\n";
      for (const ConditionCode& code : d.conditions)
        out << "| " << code.code << " | " << cell(code.description) << " | "
            << (code.used ? "yes" : "no") << " |\n";
      out << "\n";
    }
    code_block(out, row_lines(d));
  }
}

void write_procedures(std::ostream& out, const Catalogue& c) {
  out << "## Procedures\n\n";
  for (const ProcedureEntry& p : c.procedures) {
    out << "### " << p.name << (p.title.empty() ? "" : " \"" + p.title + "\"") << "\n\n"
        << "Module `" << p.module << "`: `steps of " << p.name << "`.\n\n";
    code_block(out, p.steps);
  }
}

void write_params(std::ostream& out, const Catalogue& c) {
  out << "## Parameters\n\n"
      << "Each can be set for a run: `--set NAME=VALUE`.\n\n"
      << "| parameter | default | meaning | module |\n|---|---|---|---|\n";
  for (const ParamEntry& p : c.params)
    out << "| " << p.name << " | `" << cell(shortened(p.value, 60)) << "` | "
        << cell(p.description) << " | " << p.module << " |\n";
  out << "\n";
}

void write_unexpected(std::ostream& out, const Catalogue& c) {
  out << "## Unexpected messages\n\n"
      << "What the SS does with a message no step waits for, the first rule that fits; a "
      << "test case's own `unexpected { ... }` rules come first.\n\n"
      << "| message | the SS | module |\n|---|---|---|\n";
  for (const UnexpectedEntry& u : c.unexpected)
    out << "| " << cell(u.pattern) << " | " << cell(u.action) << " | " << u.module << " |\n";
  out << "\n";
}

}  // namespace

std::string to_markdown(const Catalogue& catalogue) {
  std::ostringstream out;
  out << "# Catalogue of " << catalogue.title << "\n\n" << generated_note << "\n\n"
      << catalogue.defaults.size() << " default messages, " << catalogue.procedures.size()
      << " procedures, " << catalogue.params.size() << " parameters. Condition codes are "
      << "local to each default message's table.\n\n";
  write_defaults(out, catalogue);
  write_procedures(out, catalogue);
  write_params(out, catalogue);
  write_unexpected(out, catalogue);
  return out.str();
}

}  // namespace scn::doc
