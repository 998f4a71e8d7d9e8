// scn emit ast FILE: the AST dump on stdout. Later stages (ir, llvm) do not exist yet.
#include <iostream>

#include "commands.h"
#include "load.h"
#include "scn/ast/dump.h"

namespace scn::driver {

int emit(const std::string& stage, const std::string& file) {
  if (stage != "ast") return not_implemented("emit " + stage);
  std::optional<parse::ParseResult> result = load(file);
  if (!result) return exit_unusable;
  if (!result->ok()) return exit_errors;
  std::cout << ast::dump(result->module);
  return exit_ok;
}

int not_implemented(const std::string& command) {
  std::cerr << "scn: error: '" << command << "' is not implemented yet\n";
  return exit_unusable;
}

}  // namespace scn::driver
