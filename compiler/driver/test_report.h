// Where `scn test` puts what its test cases leave (a report folder per test case under
// --report-dir, or a temporary folder for their output only), and what it prints as
// each test case ends.
#pragma once

#include <string>
#include <vector>

#include "run_args.h"
#include "scn/campaign/runner.h"

namespace scn::driver {

class CampaignOutput {
 public:
  // report_dir "" : a temporary folder, removed with this object.
  explicit CampaignOutput(std::string report_dir);
  ~CampaignOutput();
  CampaignOutput(const CampaignOutput&) = delete;
  CampaignOutput& operator=(const CampaignOutput&) = delete;

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  // The folder of one test case (created), relative to the report folder for reports.
  std::string case_dir(const std::string& id);
  std::string file(const std::string& id, const std::string& name) const;
  // --junit, --json, --html, --trace, --pcap into the test case's folder (reports only).
  void add_report_files(const std::string& id, RunArgs& args) const;
  // junit.xml, summary.json and index.html of the campaign; "" or why not.
  std::string write_summary(const std::vector<campaign::CaseResult>& results,
                            const std::string& shard) const;

 private:
  std::string root_;
  bool temporary_ = false;
  std::string error_;
};

// "[ 3/12] PASS    conference_factory  (scenarios/x.scn, 3.2 s)", then for any other
// verdict its line, indented; with `flow`, the test case's whole output first.
class ProgressPrinter {
 public:
  ProgressPrinter(std::size_t total, bool flow) : total_(total), flow_(flow) {}
  void done(const campaign::Job& job, const campaign::CaseResult& result);

 private:
  std::size_t total_, finished_ = 0;
  bool flow_;
};

// scn merge -o OUT DIR...: the summaries of several `scn test --report-dir` folders (the
// shards of one campaign) as one report; prints the counts line; the campaign's exit
// status.
int merge_reports(const std::vector<std::string>& dirs, const std::string& output);

}  // namespace scn::driver
