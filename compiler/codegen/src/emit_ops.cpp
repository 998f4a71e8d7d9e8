// One entry function per test case: `int entry(scn_rt*)`, straight-line calls into the
// runtime; any SCN_STOP branches to a block returning SCN_STOP.
#include "emitter.h"

namespace scn::codegen {

FunctionEmitter::FunctionEmitter(Emitter& emitter, const ir::Testcase& tc, llvm::Function* fn,
                                 llvm::Constant* steps)
    : e_(emitter), tc_(tc), fn_(fn), steps_(steps), b_(emitter.context), rt_(fn->getArg(0)) {}

llvm::BasicBlock* FunctionEmitter::block(const char* name) {
  return llvm::BasicBlock::Create(e_.context, name, fn_);
}

// Stack slots live in the entry block, so they are allocated once per call.
llvm::Value* FunctionEmitter::stack_slot(llvm::Type* type, std::size_t count, const char* name) {
  llvm::BasicBlock& entry = fn_->getEntryBlock();
  llvm::IRBuilder<> at(&entry, entry.getFirstInsertionPt());
  return at.CreateAlloca(type, e_.size(count), name);
}

void FunctionEmitter::stop_if_negative(llvm::Value* status) {
  llvm::BasicBlock* next = block("next");
  b_.CreateCondBr(b_.CreateICmpSLT(status, e_.i32(0)), stop_, next);
  b_.SetInsertPoint(next);
}

void FunctionEmitter::body() {
  llvm::BasicBlock* entry = block("entry");
  stop_ = block("stop");
  b_.SetInsertPoint(stop_);
  b_.CreateRet(e_.i32(SCN_STOP));
  b_.SetInsertPoint(entry);
  ops(tc_.ops);
  b_.CreateRet(e_.i32(SCN_OK));
  stop_->moveAfter(&fn_->back());
}

void FunctionEmitter::ops(const std::vector<ir::Op>& list) {
  for (const ir::Op& o : list) std::visit([&](const auto& node) { op(node); }, o.node);
}

llvm::Constant* FunctionEmitter::step_pointer(std::size_t index) {
  return llvm::ConstantExpr::getInBoundsGetElementPtr(
      llvm::ArrayType::get(e_.types.step, tc_.steps.size()), steps_,
      llvm::ArrayRef<llvm::Constant*>{e_.size(0), e_.size(index)});
}

void FunctionEmitter::op(const ir::StepBegin& begin) {
  stop_if_negative(b_.CreateCall(e_.fns.step_begin, {rt_, step_pointer(begin.step)}));
}

// make PARTY ACTION ...: the operands as a scn_str array; the step names the party.
void FunctionEmitter::op(const ir::Act& act) {
  llvm::Value* args = str_array(act.operands);
  stop_if_negative(b_.CreateCall(e_.fns.act, {rt_, e_.cstring(act.action), args,
                                              e_.size(act.operands.size()),
                                              e_.i32(static_cast<int>(act.timeout_ms))}));
}

void FunctionEmitter::op(const ir::Wait& wait) {
  stop_if_negative(b_.CreateCall(e_.fns.wait, {rt_, e_.i32(static_cast<int>(wait.ms))}));
}

void FunctionEmitter::op(const ir::If& branch) {
  llvm::BasicBlock* then = block("when");
  llvm::BasicBlock* after = block("when.end");
  b_.CreateCondBr(cond(branch.cond), then, after);
  b_.SetInsertPoint(then);
  ops(branch.ops);
  b_.CreateBr(after);
  b_.SetInsertPoint(after);
}

void FunctionEmitter::op(const ir::Window& window) {
  llvm::BasicBlock* outer = window_end_;
  window_end_ = block("window.end");
  llvm::BasicBlock* end = window_end_;
  ops(window.ops);
  b_.CreateBr(end);
  b_.SetInsertPoint(end);
  window_end_ = outer;
}

// scn_step::fields_read: the paths later steps read of the step's message, or NULL.
llvm::Constant* Emitter::fields_read(const ir::StepDesc& step) {
  if (step.fields_read.empty()) return llvm::ConstantPointerNull::get(types.ptr);
  std::vector<llvm::Constant*> paths;
  for (const ir::Path& path : step.fields_read) paths.push_back(path_constant(path));
  return constant_global(
      llvm::ConstantArray::get(llvm::ArrayType::get(types.path, paths.size()), paths),
      "fields_read");
}

Emitter::TestcaseCode Emitter::testcase_function(const ir::Testcase& tc, std::size_t index) {
  std::vector<llvm::Constant*> steps;
  for (const ir::StepDesc& s : tc.steps)
    steps.push_back(llvm::ConstantStruct::get(
        types.step, {cstring(s.id), i32(abi_value(s.direction)), cstring(s.message),
                     cstring_or_null(s.comment), cstring_or_null(s.dialog), i32(s.from),
                     i32(s.to), i32(abi_value(s.kind)), cstring_or_null(s.window_end),
                     i32(s.message_read ? 0 : 1), fields_read(s), size(s.fields_read.size())}));
  llvm::Constant* table = constant_global(
      llvm::ConstantArray::get(llvm::ArrayType::get(types.step, steps.size()), steps), "steps");
  auto* fn = llvm::Function::Create(fns.entry, llvm::GlobalValue::InternalLinkage,
                                    "scn.testcase." + std::to_string(index) + "." + tc.name,
                                    module);
  fn->getArg(0)->setName("rt");
  FunctionEmitter(*this, tc, fn, table).body();
  return {fn, table};
}

}  // namespace scn::codegen
