// scn check FILE...: parse each file and the modules it imports, then check them
// against the header schema and the stdlib (scn_check); syntax errors stop before that.
#include <iostream>

#include "commands.h"
#include "load.h"
#include "scn/check/check.h"

namespace scn::driver {

int check(const std::vector<std::string>& files) {
  std::vector<std::string> readable;
  for (const std::string& file : files) {
    if (parse::read_file(file)) {
      readable.push_back(file);
    } else {
      std::cerr << "scn: error: cannot read " << file << "\n";
    }
  }
  check::CheckResult result = check::check_files(readable);
  print_diagnostics(result.diagnostics);
  if (readable.size() != files.size()) return exit_unusable;
  return result.ok() ? exit_ok : exit_errors;
}

}  // namespace scn::driver
