// The catalogue as one HTML page: its style inline, no scripts, no external resources.
#include <sstream>

#include "render_common.h"
#include "scn/doc/catalogue.h"
#include "scn/support/text.hpp"

namespace scn::doc {
namespace {

std::string esc(const std::string& text) { return support::html_escape(text); }

// "INVITE for MO Call Setup" -> "default-INVITE-for-MO-Call-Setup": a fragment id.
std::string anchor(const std::string& prefix, const std::string& name) {
  std::string out = prefix + "-";
  for (char c : name) {
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.';
    out += keep ? c : '-';
  }
  return out;
}

constexpr const char* style =
    "body{font-family:sans-serif;max-width:70em;margin:2em auto;padding:0 1em;line-height:1.4}"
    "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:.2em .5em;"
    "text-align:left;vertical-align:top}th{background:#eee}pre{background:#f6f6f6;padding:.6em;"
    "overflow-x:auto}code{font-family:monospace}h3{margin-top:2em}";

void pre(std::ostream& out, const std::vector<std::string>& lines) {
  out << "<pre>";
  for (const std::string& line : lines) out << esc(line) << "\n";
  out << "</pre>\n";
}

void write_defaults(std::ostream& out, const Catalogue& c) {
  out << "<h2 id=\"defaults\">Default messages</h2>\n<table>\n<tr><th>default message</th>"
         "<th>message</th><th>Annex A</th><th>module</th><th>codes its rows test</th></tr>\n";
  for (const DefaultEntry& d : c.defaults)
    out << "<tr><td><a href=\"#" << anchor("default", d.name) << "\">" << esc(d.name)
        << "</a></td><td>" << esc(d.message) << "</td><td>" << esc(d.clause) << "</td><td>"
        << esc(d.module) << "</td><td>" << esc(used_codes(d)) << "</td></tr>\n";
  out << "</table>\n";
  for (const DefaultEntry& d : c.defaults) {
    out << "<h3 id=\"" << anchor("default", d.name) << "\">" << esc(d.name) << "</h3>\n<p>"
        << esc(d.message) << (d.clause.empty() ? "" : ", Annex " + esc(d.clause))
        << ", module <code>" << esc(d.module) << "</code></p>\n";
    if (!d.conditions.empty()) {
      out << "<table>\n<tr><th>code</th><th>meaning</th><th>tested by its rows</th></tr>\n";
      for (const ConditionCode& code : d.conditions)
        out << "<tr><td>" << esc(code.code) << "</td><td>" << esc(code.description) << "</td><td>"
            << (code.used ? "yes" : "no") << "</td></tr>\n";
      out << "</table>\n";
    }
    pre(out, row_lines(d));
  }
}

void write_procedures(std::ostream& out, const Catalogue& c) {
  out << "<h2 id=\"procedures\">Procedures</h2>\n";
  for (const ProcedureEntry& p : c.procedures) {
    out << "<h3 id=\"" << anchor("procedure", p.name) << "\">" << esc(p.name)
        << (p.title.empty() ? "" : " &ldquo;" + esc(p.title) + "&rdquo;") << "</h3>\n"
        << "<p>module <code>" << esc(p.module) << "</code></p>\n";
    pre(out, p.steps);
  }
}

void write_params(std::ostream& out, const Catalogue& c) {
  out << "<h2 id=\"parameters\">Parameters</h2>\n<p>Each can be set for a run: "
         "<code>--set NAME=VALUE</code>.</p>\n<table>\n<tr><th>parameter</th><th>default</th>"
         "<th>meaning</th><th>module</th></tr>\n";
  for (const ParamEntry& p : c.params)
    out << "<tr><td>" << esc(p.name) << "</td><td><code>" << esc(shortened(p.value, 60))
        << "</code></td><td>" << esc(p.description) << "</td><td>" << esc(p.module)
        << "</td></tr>\n";
  out << "</table>\n";
}

void write_unexpected(std::ostream& out, const Catalogue& c) {
  out << "<h2 id=\"unexpected\">Unexpected messages</h2>\n<p>What the SS does with a message "
         "no step waits for, the first rule that fits; a test case's own <code>unexpected "
         "{ ... }</code> rules come first.</p>\n<table>\n<tr><th>message</th><th>the SS</th>"
         "<th>module</th></tr>\n";
  for (const UnexpectedEntry& u : c.unexpected)
    out << "<tr><td><code>" << esc(u.pattern) << "</code></td><td><code>" << esc(u.action)
        << "</code></td><td>" << esc(u.module) << "</td></tr>\n";
  out << "</table>\n";
}

}  // namespace

std::string to_html(const Catalogue& catalogue) {
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Catalogue of "
      << esc(catalogue.title) << "</title>\n<style>" << style << "</style>\n</head>\n<body>\n"
      << "<h1>Catalogue of " << esc(catalogue.title) << "</h1>\n<p>" << esc(generated_note)
      << "</p>\n<p>" << catalogue.defaults.size() << " default messages, "
      << catalogue.procedures.size() << " procedures, " << catalogue.params.size()
      << " parameters. Condition codes are local to each default message's table.</p>\n";
  write_defaults(out, catalogue);
  write_procedures(out, catalogue);
  write_params(out, catalogue);
  write_unexpected(out, catalogue);
  out << "</body>\n</html>\n";
  return out.str();
}

}  // namespace scn::doc
