#include "test_report.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.h"

namespace scn::driver {

namespace fs = std::filesystem;

namespace {

std::string write_text(const fs::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  return out ? std::string() : "cannot write " + file.string();
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string write_campaign_reports(const std::vector<campaign::CaseResult>& results,
                                   const std::string& shard, const std::string& root) {
  std::string why = write_text(fs::path(root) / "summary.json", campaign::summary_json(results, shard));
  if (why.empty()) why = write_text(fs::path(root) / "junit.xml", campaign::merged_junit(results, root));
  if (why.empty()) why = write_text(fs::path(root) / "index.html", campaign::index_html(results, root));
  return why;
}

}  // namespace

CampaignOutput::CampaignOutput(std::string report_dir) : root_(std::move(report_dir)) {
  std::error_code ec;
  if (root_.empty()) {
    std::string pattern = (fs::temp_directory_path(ec) / "scn-test-XXXXXX").string();
    if (ec || !mkdtemp(pattern.data())) {
      error_ = "cannot create a temporary folder";
      return;
    }
    root_ = pattern;
    temporary_ = true;
    return;
  }
  fs::create_directories(root_, ec);
  if (ec || !fs::is_directory(root_)) error_ = "cannot create the report folder " + root_;
}

CampaignOutput::~CampaignOutput() {
  std::error_code ec;
  if (temporary_) fs::remove_all(root_, ec);
}

std::string CampaignOutput::case_dir(const std::string& id) {
  std::error_code ec;
  fs::create_directories(fs::path(root_) / id, ec);
  return temporary_ ? std::string() : id;
}

std::string CampaignOutput::file(const std::string& id, const std::string& name) const {
  return (fs::path(root_) / id / name).string();
}

void CampaignOutput::add_report_files(const std::string& id, RunArgs& args) const {
  if (temporary_) return;
  args.junit = file(id, "junit.xml");
  args.trace = file(id, "trace.txt");
  args.pcap = file(id, "capture.pcap");
  args.json = file(id, "report.json");
  args.html = file(id, "report.html");
}

std::string CampaignOutput::write_summary(const std::vector<campaign::CaseResult>& results,
                                          const std::string& shard) const {
  if (temporary_) return {};
  return write_campaign_reports(results, shard, root_);
}

void ProgressPrinter::done(const campaign::Job& job, const campaign::CaseResult& r) {
  ++finished_;
  if (flow_) std::cout << read_text(job.stdout_file);
  const int width = static_cast<int>(std::to_string(total_).size());
  char counter[32];
  std::snprintf(counter, sizeof counter, "[%*zu/%zu]", width, finished_, total_);
  std::string verdict(campaign::to_string(r.outcome));
  for (char& ch : verdict) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.1f s", r.seconds);
  std::cout << counter << " " << verdict << std::string(8 - std::min<std::size_t>(7, verdict.size()), ' ')
            << (r.ref.testcase.empty() ? "(no test case)" : r.ref.testcase) << "  (" << r.ref.file;
  if (r.outcome != campaign::Outcome::skipped) std::cout << ", " << seconds;
  std::cout << ")\n";
  if (r.outcome != campaign::Outcome::pass) std::cout << "        " << r.line << "\n";
  std::cout.flush();
}

int merge(const MergeArgs& args) { return merge_reports(args.dirs, args.output); }

int merge_reports(const std::vector<std::string>& dirs, const std::string& output) {
  std::error_code ec;
  fs::create_directories(output, ec);
  if (ec || !fs::is_directory(output)) {
    std::cout << "ERROR: cannot create " << output << std::endl;
    return exit_unusable;
  }
  std::vector<campaign::CaseResult> all;
  for (const std::string& dir : dirs) {
    const fs::path summary = fs::path(dir) / "summary.json";
    std::vector<campaign::CaseResult> some;
    std::string why = fs::exists(summary) ? campaign::read_summary(read_text(summary), some)
                                          : "no summary.json";
    if (!why.empty()) {
      std::cout << "ERROR: " << summary.string() << ": " << why << std::endl;
      return exit_unusable;
    }
    // Each test case's folder, seen from the merged report.
    for (campaign::CaseResult& r : some)
      if (!r.dir.empty())
        r.dir = fs::relative(fs::absolute(fs::path(dir) / r.dir), fs::absolute(output), ec).string();
    all.insert(all.end(), some.begin(), some.end());
  }
  if (std::string why = write_campaign_reports(all, "", output); !why.empty()) {
    std::cout << "ERROR: " << why << std::endl;
    return exit_unusable;
  }
  const campaign::Counts counts = campaign::count(all);
  std::cout << campaign::counts_line(counts) << std::endl;
  return campaign::exit_status(counts);
}

}  // namespace scn::driver
