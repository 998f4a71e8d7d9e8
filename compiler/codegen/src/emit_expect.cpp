// UE -> SS steps: a scn_match_template and scn_expect. A template whose rows are all
// constant and unconditional is static data; otherwise its rows are filled on the stack,
// the conditional ones only when their condition holds.
#include "emitter.h"

namespace scn::codegen {

namespace {

bool constant_row(const ir::MatchRow& row) {
  if (row.when) return false;
  for (const ir::Value& v : row.values)
    if (!ir::is_const(v)) return false;
  return true;
}

}  // namespace

llvm::Constant* FunctionEmitter::constant_match_row(const ir::MatchRow& row) {
  return llvm::ConstantStruct::get(
      e_.types.match_row,
      {e_.path_constant(row.path), e_.i32(static_cast<int>(row.kind)),
       llvm::cast<llvm::Constant>(str_array(row.values)), e_.size(row.values.size()),
       e_.cstring_or_null(row.capture), e_.cstring_or_null(row.origin)});
}

void FunctionEmitter::store_match_row(llvm::Value* rows, llvm::Value* index,
                                      const ir::MatchRow& row) {
  llvm::Value* slot = b_.CreateInBoundsGEP(e_.types.match_row, rows, {index});
  if (constant_row(row)) {
    b_.CreateStore(constant_match_row(row), slot);
    return;
  }
  llvm::StructType* t = e_.types.match_row;
  b_.CreateStore(e_.path_constant(row.path), b_.CreateStructGEP(t, slot, 0));
  b_.CreateStore(e_.i32(static_cast<int>(row.kind)), b_.CreateStructGEP(t, slot, 1));
  b_.CreateStore(str_array(row.values), b_.CreateStructGEP(t, slot, 2));
  b_.CreateStore(e_.size(row.values.size()), b_.CreateStructGEP(t, slot, 3));
  b_.CreateStore(e_.cstring_or_null(row.capture), b_.CreateStructGEP(t, slot, 4));
  b_.CreateStore(e_.cstring_or_null(row.origin), b_.CreateStructGEP(t, slot, 5));
}

llvm::Value* FunctionEmitter::match_template(const ir::Expect& expect) {
  llvm::Constant* method = e_.cstring_or_null(expect.method);
  bool constant = true;
  for (const ir::MatchRow& row : expect.rows) constant = constant && constant_row(row);
  const std::size_t n = expect.rows.size();
  if (constant) {
    std::vector<llvm::Constant*> rows;
    for (const ir::MatchRow& row : expect.rows) rows.push_back(constant_match_row(row));
    llvm::Constant* array = llvm::ConstantPointerNull::get(e_.types.ptr);
    if (n)
      array = e_.constant_global(
          llvm::ConstantArray::get(llvm::ArrayType::get(e_.types.match_row, n), rows), "match_rows");
    return e_.constant_global(
        llvm::ConstantStruct::get(e_.types.match_template,
                                  {method, e_.i32(expect.status), array, e_.size(n)}),
        "template");
  }
  llvm::Value* rows = stack_slot(e_.types.match_row, n, "rows");
  llvm::Value* count = stack_slot(e_.types.size, 1, "row_count");
  b_.CreateStore(e_.size(0), count);
  for (const ir::MatchRow& row : expect.rows) {
    llvm::BasicBlock* after = nullptr;
    if (row.when) {
      llvm::BasicBlock* then = block("match_row");
      after = block("match_row.end");
      b_.CreateCondBr(cond(*row.when), then, after);
      b_.SetInsertPoint(then);
    }
    llvm::Value* index = b_.CreateLoad(e_.types.size, count);
    store_match_row(rows, index, row);
    b_.CreateStore(b_.CreateAdd(index, e_.size(1)), count);
    if (after) {
      b_.CreateBr(after);
      b_.SetInsertPoint(after);
    }
  }
  llvm::Value* tmpl = stack_slot(e_.types.match_template, 1, "template");
  llvm::StructType* t = e_.types.match_template;
  b_.CreateStore(method, b_.CreateStructGEP(t, tmpl, 0));
  b_.CreateStore(e_.i32(expect.status), b_.CreateStructGEP(t, tmpl, 1));
  b_.CreateStore(rows, b_.CreateStructGEP(t, tmpl, 2));
  b_.CreateStore(b_.CreateLoad(e_.types.size, count), b_.CreateStructGEP(t, tmpl, 3));
  return tmpl;
}

void FunctionEmitter::op(const ir::Expect& expect) {
  llvm::Value* tmpl = match_template(expect);
  const int flags = expect.optional ? SCN_EXPECT_OPTIONAL : 0;
  llvm::Value* status =
      b_.CreateCall(e_.fns.expect, {rt_, tmpl, e_.i32(static_cast<int>(expect.timeout_ms)),
                                    e_.i32(flags)});
  stop_if_negative(status);
  if (!expect.optional || !window_end_) return;
  // SCN_TIMEOUT: the UE did not start the window; skip the rest of it.
  llvm::BasicBlock* next = block("window.body");
  b_.CreateCondBr(b_.CreateICmpEQ(status, e_.i32(SCN_TIMEOUT)), window_end_, next);
  b_.SetInsertPoint(next);
}

}  // namespace scn::codegen
