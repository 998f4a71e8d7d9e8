// The results of a campaign and the reports over all of its test cases: the counts
// line, summary.json (what `scn merge` reads back), junit.xml (every test case's own
// JUnit suite in one <testsuites>) and index.html (a table linking each test case's
// ladder diagram).
#pragma once

#include <string>
#include <vector>

#include "scn/campaign/campaign.h"

namespace scn::campaign {

enum class Outcome { pass, fail, inconc, error, skipped };

std::string_view to_string(Outcome outcome);  // "pass", "fail", ...
// From a run's exit status (0 pass, 1 fail, 2 inconc, 3 error; anything else: error).
Outcome outcome_of_exit(int status);

struct CaseResult {
  CaseRef ref;
  Outcome outcome = Outcome::error;
  std::string line;        // the run's verdict line ("PASS", "FAIL step 4: ...")
  double seconds = 0;
  std::string dir;         // the test case's report folder, relative to the summary's
  std::string started;     // ISO 8601 UTC
};

struct Counts {
  int passed = 0, failed = 0, inconc = 0, error = 0, skipped = 0;
};
Counts count(const std::vector<CaseResult>& results);
// "3 passed, 1 failed, 0 inconc, 0 error" (", 2 skipped" when the campaign skipped some).
std::string counts_line(const Counts& counts);
// The worst outcome's exit status: 3 error, 1 fail, 2 inconc, 0 when every test case
// passed (or was skipped by the campaign).
int exit_status(const Counts& counts);

// summary.json and back. read_summary gives "" or the reason it cannot.
std::string summary_json(const std::vector<CaseResult>& results, const std::string& shard);
std::string read_summary(const std::string& text, std::vector<CaseResult>& out);

// One <testsuites> holding each test case's DIR/junit.xml suite (read from `root`/dir),
// or, when a test case left none (skipped, crashed), a suite written here for it.
std::string merged_junit(const std::vector<CaseResult>& results, const std::string& root);
// A self-contained page: the counts, one row per test case with its verdict line and
// links to its report.html, report.json, trace.txt and stdout.txt where they exist.
std::string index_html(const std::vector<CaseResult>& results, const std::string& root);

}  // namespace scn::campaign
