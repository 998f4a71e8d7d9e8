// scn check FILE...: parse each file and the modules it imports, then check them
// against the header schema and the stdlib; syntax errors stop before that. A clean
// check says on stdout what it covered, so that "no output" never hides "nothing read".
#include <cstddef>
#include <iostream>

#include "commands.h"
#include "scn/pipeline/pipeline.h"
#include "stages.h"

namespace scn::driver {
namespace {

std::string counted(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// "checked 2 files: 3 test cases, 41 steps, 0 errors, 0 warnings"
void print_summary(std::size_t files, const check::CheckResult& result) {
  std::size_t steps = 0;
  for (const check::Testcase& testcase : result.program.testcases) steps += testcase.steps.size();
  std::size_t errors = 0;
  std::size_t warnings = 0;
  for (const diag::Diagnostic& d : result.diagnostics)
    (d.severity == diag::Severity::error ? errors : warnings) += 1;
  std::cout << "checked " << counted(files, "file", "files") << ": "
            << counted(result.program.testcases.size(), "test case", "test cases") << ", "
            << counted(steps, "step", "steps") << ", " << counted(errors, "error", "errors")
            << ", " << counted(warnings, "warning", "warnings") << "\n";
}

}  // namespace

int check(const std::vector<std::string>& files, bool mirror) {
  pipeline::Options options;
  options.check.mirror = mirror;
  pipeline::Pipeline pipeline(options);
  pipeline::Compilation compilation = pipeline.load(files);
  for (const std::string& file : compilation.unreadable()) report_unreadable(file);
  const check::CheckResult& result = compilation.check();
  print_diagnostics(result.diagnostics);
  if (!compilation.unreadable().empty()) return exit_unusable;
  if (!result.ok()) return exit_errors;
  print_summary(files.size(), result);
  return exit_ok;
}

}  // namespace scn::driver
