// The loader on small inline schemas: what it accepts, and located errors for the rest.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "scn/schema/load.hpp"

using namespace scn::schema;

namespace {

const char* const kMethods =
    "method INVITE INV dialog target-refresh\n"
    "method BYE    BYE\n"
    "method ACK    ACK no-response\n";

LoadResult load(const std::string& text) {
  return load_schema_sources({{"methods.schema", kMethods}, {"t.schema", text}});
}

std::vector<std::string> errors(const LoadResult& r) {
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics)
    if (d.severity == Severity::error) out.push_back(format(d));
  return out;
}

// The one error of a load, formatted like the compiler's (warnings left out).
std::string only_diagnostic(const std::string& text) {
  const auto r = load(text);
  const auto all = errors(r);
  REQUIRE_MESSAGE(all.size() == 1, "errors: " << all.size());
  CHECK_FALSE(r.ok());
  return all[0];
}

}  // namespace

TEST_CASE("a small schema loads and answers queries") {
  const auto r = load(
      "columns INV BYE ACK\n"
      "header Foo-Bar   # a test header\n"
      "  compact z\n"
      "  type token list\n"
      "  param level integer\n"
      "  where R    m o -\n"
      "  where 2xx  o - -\n");
  CHECK(r.diagnostics.empty());
  REQUIRE(r.ok());
  const auto* h = r.schema->find_header("Z");
  REQUIRE(h);
  CHECK(h->name == "Foo-Bar");
  CHECK(h->loc.file == "t.schema");
  CHECK(h->loc.line == 2);
  CHECK(h->loc.column == 8);
  CHECK(r.schema->applicability(*h, "INVITE") == Presence::mandatory);
  CHECK(r.schema->applicability(*h, "BYE") == Presence::optional);
  CHECK(r.schema->applicability(*h, "ACK") == Presence::not_applicable);
  CHECK(r.schema->applicability(*h, "INVITE", 200) == Presence::optional);
  CHECK(r.schema->applicability(*h, "INVITE", 180) == Presence::not_applicable);
  CHECK(h->find_param("LEVEL")->type == ValueType::integer);
}

TEST_CASE("status rows: exact code beats class beats range beats r") {
  const auto r = load(
      "columns INV\n"
      "header H\n"
      "  type token\n"
      "  where r        o\n"
      "  where 300-699  c\n"
      "  where 4xx      m*\n"
      "  where 486      m\n"
      "  where 18x      t\n");
  REQUIRE(r.ok());
  const auto& s = *r.schema;
  const auto& h = *s.find_header("H");
  CHECK(s.applicability(h, "INVITE", 200) == Presence::optional);
  CHECK(s.applicability(h, "INVITE", 302) == Presence::conditional);
  CHECK(s.applicability(h, "INVITE", 404) == Presence::should);
  CHECK(s.applicability(h, "INVITE", 486) == Presence::mandatory);
  CHECK(s.applicability(h, "INVITE", 183) == Presence::stream);
  CHECK(s.applicability(h, "INVITE", 100) == Presence::optional);
  CHECK(s.applicability(h, "INVITE") == Presence::not_applicable);  // no R row
}

TEST_CASE("methods without a column are unspecified for that file's headers") {
  const auto r = load(
      "columns INVITE\n"
      "header H\n"
      "  type token\n"
      "  where R m\n");
  REQUIRE(r.ok());
  const auto& h = *r.schema->find_header("H");
  CHECK(r.schema->applicability(h, "INVITE") == Presence::mandatory);
  CHECK(r.schema->applicability(h, "BYE") == Presence::not_applicable);
  CHECK(r.schema->applicability(h, 200) == Presence::not_applicable);
}

TEST_CASE("declarations may use names from other files") {
  const auto r = load_schema_sources(
      {{"b.schema", "columns INV\nheader H\n  type contact\n  include tags\n  where R o\n"},
       {"a.schema",
        "paramset tags\n  param isfocus flag\nparts-of contact\n  part addr-spec uri\n"},
       {"m.schema", "method INVITE INV\n"}});
  CHECK(errors(r).empty());
  REQUIRE(r.ok());
  const auto& h = *r.schema->find_header("H");
  CHECK(h.find_param("isfocus")->type == ValueType::flag);
  CHECK(h.find_part("addr-spec")->type == ValueType::uri);
}

TEST_CASE("unknown value types are located and suggested") {
  CHECK(only_diagnostic("header H\n  type tokn\n") ==
        "t.schema:2:8: error: unknown value type 'tokn' (did you mean 'token'?)");
  CHECK(only_diagnostic("header H\n  type token\n  param p intger\n") ==
        "t.schema:3:11: error: unknown value type 'intger' (did you mean 'integer'?)");
}

TEST_CASE("where rows need one known presence per column") {
  CHECK(only_diagnostic("columns INV BYE\nheader H\n  type token\n  where R m\n") ==
        "t.schema:4:12: error: expected 2 presence values (one per column), found 1");
  CHECK(only_diagnostic("columns INV BYE\nheader H\n  type token\n  where R m o -\n") ==
        "t.schema:4:15: error: expected 2 presence values (one per column), found 3");
  CHECK(only_diagnostic("columns INV BYE\nheader H\n  type token\n  where R m x\n") ==
        "t.schema:4:13: error: bad presence 'x'; expected m, m*, o, c, t, * or -");
  CHECK(only_diagnostic("columns INV\nheader H\n  type token\n  where 4xy m\n").starts_with(
      "t.schema:4:9: error: bad where '4xy'"));
  CHECK(only_diagnostic("columns INV\nheader H\n  type token\n  where 700 m\n").starts_with(
      "t.schema:4:9: error: bad where '700'"));
  CHECK(only_diagnostic("columns INV\nheader H\n  type token\n  where 500-400 m\n")
            .starts_with("t.schema:4:9: error: bad where '500-400'"));
}

TEST_CASE("where rows need a columns line and known methods") {
  CHECK(only_diagnostic("header H\n  type token\n  where R m\n") ==
        "t.schema:3:3: error: 'where' before any 'columns' line in this file");
  CHECK(only_diagnostic("columns INV INVTE\nheader H\n  type token\n  where R m m\n") ==
        "t.schema:1:13: error: unknown method 'INVTE' in columns (did you mean 'INVITE'?)");
  CHECK(only_diagnostic("columns INV INVITE\n") ==
        "t.schema:1:13: error: method 'INVITE' appears twice in columns");
  CHECK(only_diagnostic("columns INV\nheader H\n  type token\n  where R m\n  where R o\n") ==
        "t.schema:5:3: error: header 'H' already has a 'where R' row (line 4)");
}

TEST_CASE("unknown directives and misplaced attributes") {
  CHECK(only_diagnostic("hedaer H\n") ==
        "t.schema:1:1: error: unknown directive 'hedaer' (did you mean 'header'?)");
  CHECK(only_diagnostic("  param p token\n") ==
        "t.schema:1:3: error: 'param' outside a header, paramset or parts-of block");
  CHECK(only_diagnostic("header H\n  type token\n  compcat x\n") ==
        "t.schema:3:3: error: unknown header attribute 'compcat' (did you mean 'compact'?)");
  CHECK(only_diagnostic("header H\n  type token\n  compact xy\n") ==
        "t.schema:3:11: error: a compact form is a single letter, found 'xy'");
  CHECK(only_diagnostic("header H\n  type token lists\n") ==
        "t.schema:2:14: error: expected 'single', 'list' or 'multi', found 'lists'");
  CHECK(only_diagnostic("header H\n  type token\n  param p token maybe\n") ==
        "t.schema:3:17: error: unexpected 'maybe'");
  CHECK(only_diagnostic("header\n") ==
        "t.schema:1:7: error: incomplete line; expected: header NAME");
}

TEST_CASE("header names and compact forms and pseudo-paths must not clash") {
  CHECK(only_diagnostic("header H\n  type token\nheader h\n  type token\n") ==
        "t.schema:3:8: error: header 'h' clashes with header 'H'");
  CHECK(only_diagnostic("header Aa\n  compact x\n  type token\nheader Bb\n  compact X\n"
                        "  type token\n") ==
        "t.schema:4:8: error: compact form 'X' of header 'Bb' clashes with compact form 'x' "
        "of header 'Aa'");
  CHECK(only_diagnostic("header Reason\n  type token\npseudo reason text responses\n") ==
        "t.schema:3:8: error: pseudo-path 'reason' clashes with header 'Reason'");
}

TEST_CASE("a header needs a type and one without where rows only warns") {
  CHECK(only_diagnostic("columns INV\nheader H\n  where R m\n") ==
        "t.schema:2:8: error: header 'H' has no 'type' line");
  const auto r = load("header H\n  type token\n");
  CHECK(r.ok());
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(format(r.diagnostics[0]) ==
        "t.schema:1:8: warning: header 'H' has no 'where' rows; its presence is unspecified");
  CHECK(r.schema->applicability(*r.schema->find_header("H"), "INVITE") ==
        Presence::not_applicable);
}

TEST_CASE("params and paramsets and parts and aliases are checked") {
  CHECK(only_diagnostic("header H\n  type token\n  include tgas\nparamset tags\n") ==
        "t.schema:3:11: error: unknown paramset 'tgas' (did you mean 'tags'?)");
  CHECK(only_diagnostic("header H\n  type token\n  param a flag\n  param A token\n") ==
        "t.schema:4:9: error: param 'A' of header 'H' declared twice (also at line 3)");
  CHECK(only_diagnostic("header H\n  type token\n  alias uri addr-spec\n") ==
        "t.schema:3:9: error: alias 'uri' names no part of header 'H'");
  CHECK(only_diagnostic("paramset s\n  part p token\n") ==
        "t.schema:2:3: error: a paramset holds only 'param' lines, found 'part'");
  CHECK(only_diagnostic("parts-of via\n  part a token\nparts-of via\n") ==
        "t.schema:3:10: error: parts of 'via' declared twice");
}

TEST_CASE("vocabulary declarations are checked") {
  CHECK(only_diagnostic("status 99 Too Low\n") ==
        "t.schema:1:8: error: status code '99' is not a number in 100..699");
  CHECK(only_diagnostic("content-type sdp\n") ==
        "t.schema:1:14: error: content type 'sdp' is not TYPE/SUBTYPE");
  CHECK(only_diagnostic("event-package conference application/conference-info+xml\n") ==
        "t.schema:1:15: error: event package 'conference' names unknown content type "
        "'application/conference-info+xml'");
  CHECK(only_diagnostic("option-tag timer\noption-tag Timer\n") ==
        "t.schema:2:12: error: option tag 'Timer' declared twice");
  CHECK(only_diagnostic("pseudo Status status-code sometimes\n") ==
        "t.schema:1:27: error: expected 'requests', 'responses' or 'both', found 'sometimes'");
  CHECK(only_diagnostic("status 200 \"OK\nstatus 201 Fine\n") ==
        "t.schema:1:12: error: unterminated quoted string");
}

TEST_CASE("comments and quoted strings") {
  const auto r = load("status 200 \"O#K\"   # the quoted hash is text\n# whole-line comment\n");
  REQUIRE(r.ok());
  CHECK(r.schema->find_status(200)->reason == "O#K");
}

TEST_CASE("duplicate methods are errors") {
  const auto r = load_schema_sources({{"m.schema", "method A AA\nmethod A AB\nmethod B AA\n"}});
  const auto all = errors(r);
  REQUIRE(all.size() == 2);
  CHECK(all[0] == "m.schema:2:8: error: method 'A' declared twice");
  CHECK(all[1] == "m.schema:3:8: error: abbreviation 'AA' already stands for A");
  CHECK_FALSE(r.ok());
}

TEST_CASE("loading a directory that does not exist or holds no schema") {
  const auto missing = load_schema("no/such/schema/dir");
  CHECK_FALSE(missing.ok());
  REQUIRE(missing.diagnostics.size() == 1);
  CHECK(format(missing.diagnostics[0]).starts_with("no/such/schema/dir:1:1: error: cannot read"));
  const auto empty = load_schema(SCN_SCHEMA_DIR "/..");  // stdlib/ holds folders, no .schema
  CHECK_FALSE(empty.ok());
}

TEST_CASE("the diagnostics-out overload reports what the result form reports") {
  std::vector<Diagnostic> diagnostics;
  const auto schema = load_schema("no/such/schema/dir", diagnostics);
  CHECK_FALSE(schema.has_value());
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].severity == Severity::error);
  diagnostics.clear();
  const auto stdlib = load_schema(SCN_SCHEMA_DIR, diagnostics);
  CHECK(stdlib.has_value());
  CHECK(diagnostics.empty());
}
