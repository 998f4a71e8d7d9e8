// UE -> SS steps: a scn_match_template and scn_expect. The rows are static data; what a
// run decides (which conditional rows are on, operands computed at run time) is filled
// on the stack beside them, the operands of a conditional row only when it is on.
#include "emitter.h"

namespace scn::codegen {

namespace {

bool computed_values(const ir::MatchRow& row) {
  for (const ir::Value& v : row.values)
    if (!ir::is_const(v)) return true;
  return false;
}

}  // namespace

// A row as static data; operands computed at run time are left to row_values.
llvm::Constant* FunctionEmitter::static_match_row(const ir::MatchRow& row) {
  llvm::Constant* values = computed_values(row) ? llvm::ConstantPointerNull::get(e_.types.ptr)
                                                : llvm::cast<llvm::Constant>(str_array(row.values));
  return llvm::ConstantStruct::get(
      e_.types.match_row,
      {e_.path_constant(row.path), e_.i32(static_cast<int>(row.kind)), values,
       e_.size(row.values.size()), e_.cstring_or_null(row.capture), e_.cstring_or_null(row.origin)});
}

// Fills row i's slots of row_on (and row_values) on the stack; a conditional row's
// operands are computed only when its condition holds.
void FunctionEmitter::store_row_state(llvm::Value* on, llvm::Value* values, std::size_t i,
                                      const ir::MatchRow& row) {
  llvm::Value* on_slot = on ? b_.CreateInBoundsGEP(b_.getInt8Ty(), on, {e_.size(i)}) : nullptr;
  llvm::Value* values_slot =
      values ? b_.CreateInBoundsGEP(e_.types.ptr, values, {e_.size(i)}) : nullptr;
  if (values_slot) b_.CreateStore(llvm::ConstantPointerNull::get(e_.types.ptr), values_slot);
  llvm::BasicBlock* after = nullptr;
  if (row.when) {
    b_.CreateStore(llvm::ConstantInt::get(b_.getInt8Ty(), 0), on_slot);
    llvm::BasicBlock* then = block("match_row");
    after = block("match_row.end");
    b_.CreateCondBr(cond(*row.when), then, after);
    b_.SetInsertPoint(then);
  }
  if (on_slot) b_.CreateStore(llvm::ConstantInt::get(b_.getInt8Ty(), 1), on_slot);
  if (computed_values(row)) b_.CreateStore(str_array(row.values), values_slot);
  if (after) {
    b_.CreateBr(after);
    b_.SetInsertPoint(after);
  }
}

// The rows are static data; a template whose rows have `when` conditions or computed
// operands gets row_on / row_values on the stack, a few octets a row.
llvm::Value* FunctionEmitter::match_template(const ir::Expect& expect) {
  llvm::Constant* method = e_.cstring_or_null(expect.method);
  llvm::PointerType* ptr = e_.types.ptr;
  const std::size_t n = expect.rows.size();
  bool conditional = false;
  bool computed = false;
  std::vector<llvm::Constant*> rows;
  for (const ir::MatchRow& row : expect.rows) {
    conditional = conditional || row.when;
    computed = computed || computed_values(row);
    rows.push_back(static_match_row(row));
  }
  llvm::Constant* array = llvm::ConstantPointerNull::get(ptr);
  if (n)
    array = e_.constant_global(
        llvm::ConstantArray::get(llvm::ArrayType::get(e_.types.match_row, n), rows), "match_rows");
  llvm::Constant* none = llvm::ConstantPointerNull::get(ptr);
  if (!conditional && !computed)
    return e_.constant_global(
        llvm::ConstantStruct::get(e_.types.match_template,
                                  {method, e_.i32(expect.status), array, e_.size(n), none, none}),
        "template");
  llvm::Value* on = conditional ? stack_slot(b_.getInt8Ty(), n, "row_on") : nullptr;
  llvm::Value* values = computed ? stack_slot(ptr, n, "row_values") : nullptr;
  for (std::size_t i = 0; i < n; ++i) store_row_state(on, values, i, expect.rows[i]);
  llvm::Value* tmpl = stack_slot(e_.types.match_template, 1, "template");
  llvm::StructType* t = e_.types.match_template;
  b_.CreateStore(method, b_.CreateStructGEP(t, tmpl, 0));
  b_.CreateStore(e_.i32(expect.status), b_.CreateStructGEP(t, tmpl, 1));
  b_.CreateStore(array, b_.CreateStructGEP(t, tmpl, 2));
  b_.CreateStore(e_.size(n), b_.CreateStructGEP(t, tmpl, 3));
  b_.CreateStore(on ? on : none, b_.CreateStructGEP(t, tmpl, 4));
  b_.CreateStore(values ? values : none, b_.CreateStructGEP(t, tmpl, 5));
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
