// A campaign: which test cases `scn test` runs, and how each is run (its UE, its
// addresses, its settings, the peers started beside it). The file format is documented
// in docs/campaigns.md; it is line based so that a CI job can generate it:
//
//   # defaults for every test case
//   [*]
//   set px_IMS_HomeDomainName=home1.net
//   timeout 5
//   [conference_factory]                  a test case name, or FILE:NAME; globs allowed
//   ue 127.0.0.1:5070
//   start sipp -sf ue.xml {bind} -p {ue_port} -m 1
//   [conference_call_*]
//   skip needs two UEs
//
// Every section whose pattern matches a test case applies, in file order: list options
// (bind, ue, drive, set, start) accumulate, single values (transport, timeout, linger,
// settle, skip) are replaced by later sections.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scn::campaign {

// One test case to run: the file it is in and its name.
struct CaseRef {
  std::string file;      // as found: "scenarios/ts34229/conference_factory.scn"
  std::string testcase;  // "conference_factory"
};

// What the campaign says about one test case; run options as on the command line.
struct CaseOptions {
  std::vector<std::string> binds, ues, drives, sets;  // [PARTY=]VALUE, NAME=VALUE
  std::string transport;                              // "" : the command line's
  std::optional<double> timeout_seconds, linger_seconds;
  std::vector<std::string> starts;  // peer commands, placeholders not yet filled
  double settle_seconds = 0.3;      // after the peers start, before the test case runs
  std::optional<std::string> skip;  // the reason, when the campaign skips the test case
};

struct Directive {
  std::string key, value;
  int line = 0;
};

struct Section {
  std::string pattern;  // glob over the test case name, or over FILE:NAME when it has ':'
  int line = 0;
  std::vector<Directive> directives;
};

struct Campaign {
  std::string file;
  std::vector<Section> sections;

  // Every matching section applied in order.
  CaseOptions options_for(const CaseRef& ref) const;
  // Sections that matched no test case of `cases` ("FILE:LINE: warning: ..."), so a
  // misspelt name does not go unnoticed.
  std::vector<std::string> unused_sections(const std::vector<CaseRef>& cases) const;
};

// Parses a campaign. Problems are "FILE:LINE:COL: error: ..." lines in `errors`; the
// campaign is usable only when there are none.
Campaign parse_campaign(std::string_view text, const std::string& file,
                        std::vector<std::string>& errors);

// Does the pattern of a section (or of --filter) select the test case?
bool matches(std::string_view pattern, const CaseRef& ref);

}  // namespace scn::campaign
