// scn check FILE...: parse each file and the modules it imports that exist.
#include <set>

#include "commands.h"
#include "load.h"
#include "scn/parse/module_loader.h"

namespace scn::driver {

int check(const std::vector<std::string>& files) {
  bool unreadable = false;
  bool errors = false;
  parse::ModuleLoader loader(parse::ModuleLoader::default_stdlib_root());
  std::set<std::string> imported;  // report each imported module once
  for (const std::string& file : files) {
    std::optional<parse::ParseResult> result = load(file);
    if (!result) {
      unreadable = true;
      continue;
    }
    errors |= !result->ok();
    // Imports that resolve are checked too; missing ones are not errors while the
    // standard library is still being written.
    for (parse::ParseResult& module : parse::load_imports(result->module, loader).modules) {
      if (!imported.insert(module.module.file->path).second) continue;
      print_diagnostics(module.diagnostics);
      errors |= !module.ok();
    }
  }
  if (unreadable) return exit_unusable;
  return errors ? exit_errors : exit_ok;
}

}  // namespace scn::driver
