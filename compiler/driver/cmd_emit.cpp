// scn emit ast|ir|llvm FILE: the AST dump, the scenario IR dump or the LLVM module on
// stdout. ir and llvm need a file that checks (exit 1 otherwise, as for `scn check`).
#include <iostream>

#include "commands.h"
#include "scn/ast/dump.h"
#include "scn/codegen/codegen.h"
#include "scn/ir/dump.h"
#include "stages.h"

namespace scn::driver {

namespace {

int emit_ir(const std::string& file, bool mirror) {
  int status = exit_ok;
  std::optional<ir::Program> program = compile_to_ir(file, exit_errors, status, mirror);
  if (!program) return status;
  std::cout << ir::dump(*program);
  return exit_ok;
}

// The module `scn build` compiles (with its main), verified first.
int emit_llvm(const std::string& file, bool mirror) {
  int status = exit_ok;
  std::optional<ir::Program> program = compile_to_ir(file, exit_errors, status, mirror);
  if (!program) return status;
  codegen::Module module = codegen::generate(*program, codegen::Options{true});
  if (std::string why = module.verify(); !why.empty()) {
    std::cerr << "scn: internal error: the generated module does not verify:\n" << why;
    return exit_unusable;
  }
  std::cout << module.text();
  return exit_ok;
}

}  // namespace

int emit(const std::string& stage, const std::string& file, bool mirror) {
  if (stage == "ir") return emit_ir(file, mirror);
  if (stage == "llvm") return emit_llvm(file, mirror);
  if (stage != "ast") return not_implemented("emit " + stage);
  std::optional<parse::ParseResult> result = parse_file(file);
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
