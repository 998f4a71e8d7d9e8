// Finding and parsing imported modules. "import ts34229.annex_a" names the file
// ts34229/annex_a.scn, looked up next to the importing file first, then under the
// stdlib root ($SCN_STDLIB, or the stdlib/ folder of the source tree).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scn/ast/module.h"
#include "scn/diag/diagnostic.h"
#include "scn/parse/frontend.h"

namespace scn::parse {

class ModuleLoader {
public:
  explicit ModuleLoader(std::string stdlib_root) : stdlib_root_(std::move(stdlib_root)) {}

  // $SCN_STDLIB when set, else the stdlib/ folder this build was configured with.
  static std::string default_stdlib_root();

  const std::string& stdlib_root() const { return stdlib_root_; }

  // The file an import refers to, or nothing when no candidate exists.
  std::optional<std::string> resolve(const ast::Import& import,
                                     const std::string& importing_file) const;

private:
  std::string stdlib_root_;
};

struct LoadedImports {
  std::vector<ParseResult> modules;    // each imported file once, in the order first met
  std::vector<ast::Import> missing;    // imports no file was found for
};

// Parses the imports of root, then theirs, each file once (cycles are harmless).
// Missing modules are listed, not reported: see missing_module_errors().
LoadedImports load_imports(const ast::Module& root, const ModuleLoader& loader,
                           const Limits& limits = {});

// "cannot find module X" for each missing import.
std::vector<diag::Diagnostic> missing_module_errors(const LoadedImports& loaded);

}  // namespace scn::parse
