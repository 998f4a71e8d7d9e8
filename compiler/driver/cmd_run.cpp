// scn run FILE [run options]: check, lower, generate LLVM IR, compile it in memory with
// ORC LLJIT and run the test case as the SS. The JIT'd code calls the runtime linked
// into this executable. Files that do not check (or cannot be compiled) exit 3.
#include <iostream>

#include "commands.h"
#include "scn/codegen/codegen.h"
#include "scn/ir/lower.h"
#include "scn/jit/jit.h"
#include "stages.h"

namespace scn::driver {

namespace {

// Errors before the run: the runtime prints the ERROR line (the last on stdout) and
// writes the reports the options ask for, so that every run leaves them (their suite
// named as a run of the file would name it).
int run_error(const RunConfig& config, const std::string& file, const std::string& reason) {
  std::cout.flush();
  const std::string suite = ir::program_name_for(file);
  return scn_rt_report_error(&config.config, suite.c_str(), reason.c_str());
}

}  // namespace

int run(const std::string& file, const RunArgs& args) {
  RunConfig config;
  if (std::string why = make_run_config(args, config); !why.empty())
    return run_error(config, file, why);
  int status = exit_ok;
  std::optional<ir::Program> program = compile_to_ir(file, exit_unusable, status, args.mirror);
  if (!program) return run_error(config, file, "cannot compile " + file);
  codegen::Module module = codegen::generate(*program);
  if (std::string why = module.verify(); !why.empty())
    return run_error(config, file, "internal error: the generated code does not verify: " + why);
  std::string error;
  std::unique_ptr<jit::Jit> jit = jit::Jit::create(std::move(module), error);
  const scn_program* compiled = jit ? jit->program(error) : nullptr;
  if (!compiled) return run_error(config, file, "JIT: " + error);
  return scn_rt_run(&config.config, compiled);
}

}  // namespace scn::driver
