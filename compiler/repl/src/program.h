// The scenario a REPL session works on: the file compiled once through the pipeline (IR,
// the schema for paths and completion, names for completion), and the compilation of
// typed steps against it by the same pipeline.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "scn/diag/diagnostic.h"
#include "scn/ir/ir.h"
#include "scn/pipeline/pipeline.h"
#include "scn/schema/schema.hpp"

namespace scn::repl {

struct LoadedProgram {
  std::string file;
  std::string text;  // the file as read, for typed steps inserted into it
  std::unique_ptr<pipeline::Pipeline> pipeline;  // compiles typed steps; keeps the schema
  ir::Program ir;
  const schema::Schema* schema = nullptr;  // the pipeline's, for paths and completion
  std::vector<std::string> default_names;  // of every module, for completion
  struct TestcaseEnd {
    std::string name;
    std::size_t offset = 0;  // byte offset of the closing brace in `text`
  };
  std::vector<TestcaseEnd> ends;
};

// Nothing when the file cannot be read or does not compile; diagnostics in `out`.
std::optional<LoadedProgram> load_program(const std::string& file, const std::string& stdlib_root,
                                          std::vector<diag::Diagnostic>& out);

// A typed step, e.g. `SS -> UE NOTIFY use "X" [A5]`, checked as if it were written at the
// end of `testcase` after `earlier` (typed steps that already ran, so a `UE -> SS 200`
// can answer a typed NOTIFY), then lowered. The result is a one-test-case program
// whose entry runs only the typed step. Diagnostics of the typed text are located in
// `<input>` at line 1.
struct TypedStep {
  std::optional<ir::Program> program;
  std::vector<diag::Diagnostic> diagnostics;
  std::string step_text;  // as inserted (with the step number given to it)
};
TypedStep compile_typed_step(const LoadedProgram& loaded, const std::string& testcase,
                             const std::vector<std::string>& earlier, const std::string& typed);

}  // namespace scn::repl
