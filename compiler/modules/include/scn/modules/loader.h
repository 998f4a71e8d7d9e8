// Loading a program: the files named by the user and every module they import,
// each parsed once.
//
// `import a.b.c` names the file a/b/c.scn, looked up first next to the importing file
// and then under the standard library root. A missing module is an error located at the
// import; so is an import cycle.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "scn/ast/module.h"
#include "scn/diag/diagnostic.h"

namespace scn::modules {

struct LoadedModule {
  std::string path;                  // as shown in diagnostics
  std::string canonical;             // absolute, normalised: identifies the file
  ast::Module module;
  std::vector<std::size_t> imports;  // Program::modules indices, in import order
  bool root = false;                 // named by the user
  bool parsed_ok = true;             // no syntax error
};

struct Program {
  std::vector<LoadedModule> modules;  // every module after the modules it imports
  std::vector<std::size_t> roots;     // the user's files, in command-line order
  std::vector<diag::Diagnostic> diagnostics;         // from parsing: syntax errors ...
  std::vector<diag::Diagnostic> import_diagnostics;  // missing modules, import cycles

  bool syntax_ok() const;  // every module parsed without error
  // The modules `index` sees: itself and everything it imports, directly or not,
  // imported ones first.
  std::vector<std::size_t> visible(std::size_t index) const;
};

struct LoadOptions {
  std::string stdlib_root;  // folder holding ts34229/, sip/ ...
  // Texts used instead of reading these files (keyed by the path as given): the files
  // the compile pipeline read already, a REPL file with typed steps inserted. None by
  // default.
  std::map<std::string, std::string> sources = {};
};

// A root file that cannot be read gets an error located at line 0 of that path.
Program load_program(const std::vector<std::string>& files, const LoadOptions& options);

// $SCN_STDLIB when set, else the stdlib/ folder of the source tree this was built from.
std::string default_stdlib_root();

}  // namespace scn::modules
