// Typed steps: checked against the loaded scenario, compiled to their own JIT module, run
// on the open run, and freed.
#include <iostream>

#include "scn/codegen/codegen.h"
#include "scn/diag/render.h"
#include "session_impl.h"

namespace scn::repl {

void Session::run_typed(const std::string& text) {
  if (!rt_) return say("no run is open: 'restart' starts one");
  TypedStep typed = compile_typed_step(loaded_, testcase_, typed_, text);
  for (const diag::Diagnostic& d : typed.diagnostics) std::cout << diag::render(d);
  if (!typed.program) return say("not run: the step does not check (nothing was sent)");
  codegen::Module module = codegen::generate(*typed.program);
  if (std::string why = module.verify(); !why.empty())
    return say("internal error: the generated code does not verify: " + why);
  std::string error;
  const scn_program* program = jit_->add_adhoc(std::move(module), error);
  if (!program || program->testcase_count != 1)
    return say("internal error: the typed step does not compile: " + error);
  const std::string number = typed.step_text.substr(0, typed.step_text.find(' '));
  scn_rt_call(rt_, program->testcases[0].entry, 1);
  jit_->remove_adhoc();
  typed_.push_back(typed.step_text);
  status("typed step " + number + " done");
}

}  // namespace scn::repl
