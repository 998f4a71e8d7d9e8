// UE-dependent steps: `either` waits for the first message of any branch
// (scn_expect_first) and switches to the branch it chose; `in any order` waits for every
// member's message (scn_expect_each). Each awaited step is a scn_expect_alt: a pointer
// into the step table and its match template.
#include "emitter.h"

namespace scn::codegen {

// The scn_expect_alt array on the stack: templates may be filled at run time.
llvm::Value* FunctionEmitter::expect_alts(const std::vector<ir::Awaited>& awaited) {
  llvm::Value* alts = stack_slot(e_.types.expect_alt, awaited.size(), "alts");
  for (std::size_t i = 0; i < awaited.size(); ++i) {
    llvm::Value* tmpl = match_template(awaited[i].expect);
    llvm::Value* slot = b_.CreateConstInBoundsGEP1_64(e_.types.expect_alt, alts, i);
    b_.CreateStore(step_pointer(awaited[i].step), b_.CreateStructGEP(e_.types.expect_alt, slot, 0));
    b_.CreateStore(tmpl, b_.CreateStructGEP(e_.types.expect_alt, slot, 1));
  }
  return alts;
}

void FunctionEmitter::op(const ir::ExpectFirst& first) {
  llvm::Value* alts = expect_alts(first.alternatives);
  llvm::Value* chosen = stack_slot(e_.types.size, 1, "chosen");
  llvm::Value* status = b_.CreateCall(
      e_.fns.expect_first,
      {rt_, alts, e_.size(first.alternatives.size()), e_.i32(0), e_.i32(0), chosen});
  stop_if_negative(status);
  // Created outside the function and placed after the branches, so blocks read in order.
  llvm::BasicBlock* end = llvm::BasicBlock::Create(e_.context, "either.end");
  // An index the runtime never gives stops the run (its verdict is decided already).
  llvm::SwitchInst* to_branch = b_.CreateSwitch(b_.CreateLoad(e_.types.size, chosen), stop_,
                                                static_cast<unsigned>(first.branches.size()));
  for (std::size_t i = 0; i < first.branches.size(); ++i) {
    llvm::BasicBlock* branch = block("either.branch");
    to_branch->addCase(llvm::cast<llvm::ConstantInt>(e_.size(i)), branch);
    b_.SetInsertPoint(branch);
    ops(first.branches[i]);
    b_.CreateBr(end);
  }
  end->insertInto(fn_);
  b_.SetInsertPoint(end);
}

void FunctionEmitter::op(const ir::ExpectEach& each) {
  llvm::Value* alts = expect_alts(each.members);
  stop_if_negative(b_.CreateCall(e_.fns.expect_each,
                                 {rt_, alts, e_.size(each.members.size()), e_.i32(0)}));
}

}  // namespace scn::codegen
