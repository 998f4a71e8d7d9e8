// scn check FILE...: parse each file and the modules it imports, then check them
// against the header schema and the stdlib; syntax errors stop before that.
#include "commands.h"
#include "scn/pipeline/pipeline.h"
#include "stages.h"

namespace scn::driver {

int check(const std::vector<std::string>& files) {
  pipeline::Pipeline pipeline;
  pipeline::Compilation compilation = pipeline.load(files);
  for (const std::string& file : compilation.unreadable()) report_unreadable(file);
  const check::CheckResult& result = compilation.check();
  print_diagnostics(result.diagnostics);
  if (!compilation.unreadable().empty()) return exit_unusable;
  return result.ok() ? exit_ok : exit_errors;
}

}  // namespace scn::driver
