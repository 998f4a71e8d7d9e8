// The compile pipeline, the one way the scn commands compile: files and the modules they
// import are read and parsed, checked against the SIP header schema, and lowered to the
// scenario IR. Each stage keeps its product and its diagnostics and runs only when the
// stages before it succeeded. Code generation, the JIT and the link take the IR from
// here; nothing in this header needs LLVM or ANTLR.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scn/check/check.h"
#include "scn/diag/diagnostic.h"
#include "scn/ir/lower.h"
#include "scn/modules/loader.h"
#include "scn/parse/frontend.h"
#include "scn/schema/schema.hpp"

namespace scn::pipeline {

struct Options {
  std::string stdlib_root = modules::default_stdlib_root();  // holds sip/ and ts34229/
  check::CheckOptions check;  // the mirror, for instance
};

// Texts used instead of reading files, keyed by the path as given: the REPL compiles its
// file with typed steps inserted without writing it anywhere.
using Sources = std::map<std::string, std::string>;

class Compilation;

// The compilations of one pipeline share its header schema, loaded from
// <stdlib_root>/sip when a check first needs it and kept (a REPL session checks every
// typed step against it).
class Pipeline {
 public:
  explicit Pipeline(Options options = {});
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  // One file parsed on its own, its imports not followed (`scn emit ast`, `scn list`);
  // nothing when it cannot be read.
  std::optional<parse::ParseResult> parse(const std::string& file) const;

  // Reads `files` (or takes their text from `sources`) and parses them with every module
  // they import. Files that cannot be read are left out: Compilation::unreadable().
  Compilation load(const std::vector<std::string>& files, const Sources& sources = {});

  // The header schema, loaded on first use; nullptr when it does not load, with the
  // errors found in schema_errors().
  const schema::Schema* schema();
  const std::vector<diag::Diagnostic>& schema_errors() const { return schema_errors_; }
  const std::string& stdlib_root() const { return options_.stdlib_root; }
  const check::CheckOptions& check_options() const { return options_.check; }

 private:
  Options options_;
  bool schema_tried_ = false;
  std::optional<schema::Schema> schema_;
  std::vector<diag::Diagnostic> schema_errors_;
};

// One compilation of some files: the modules loaded once, then on demand (once each) the
// checked program and its IR. It uses its pipeline, which must outlive it.
class Compilation {
 public:
  const std::vector<std::string>& unreadable() const { return unreadable_; }
  // The text a file given to load() was compiled from; nullptr when it could not be read.
  const std::string* source(const std::string& file) const;
  const modules::Program& modules() const { return modules_; }

  // The loading diagnostics first: syntax errors are reported alone, then missing
  // modules and import cycles, then a schema that does not load; then the checker's.
  const check::CheckResult& check();
  // The checked program lowered, named after the first file; nullptr when it does not
  // check.
  const ir::LowerResult* lower();
  // The diagnostics of the stages run so far, in stage order.
  std::vector<diag::Diagnostic> diagnostics() const;

 private:
  friend class Pipeline;
  Compilation(Pipeline& pipeline, std::string name);
  check::CheckResult run_check();

  Pipeline& pipeline_;
  std::string name_;  // of the IR program
  Sources sources_;   // the texts compiled: those given to load() and the files it read
  std::vector<std::string> unreadable_;
  modules::Program modules_;
  std::optional<check::CheckResult> checked_;
  std::optional<ir::LowerResult> lowered_;
};

}  // namespace scn::pipeline
