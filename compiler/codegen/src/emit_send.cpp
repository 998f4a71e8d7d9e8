// SS -> UE steps: scn_out_request / scn_out_response (scn_out_relay for a relay), the
// rows, scn_send. Runs of rows
// that are constant and unconditional go out as one static scn_send_row array.
#include "emitter.h"

namespace scn::codegen {

namespace {

bool constant_row(const ir::SendRow& row) {
  return !row.when && (row.op == ir::SendOp::absent || row.op == ir::SendOp::present ||
                       ir::is_const(row.value));
}

}  // namespace

void FunctionEmitter::constant_rows(llvm::Value* out, const std::vector<const ir::SendRow*>& rows) {
  if (rows.empty()) return;
  std::vector<llvm::Constant*> items;
  for (const ir::SendRow* row : rows) {
    const std::string* text = ir::const_text(row->value);
    items.push_back(llvm::ConstantStruct::get(
        e_.types.send_row, {e_.path_constant(row->path), e_.i32(static_cast<int>(row->op)),
                            e_.str_constant(text ? *text : std::string())}));
  }
  auto* type = llvm::ArrayType::get(e_.types.send_row, items.size());
  llvm::Constant* array = e_.constant_global(llvm::ConstantArray::get(type, items), "send_rows");
  b_.CreateCall(e_.fns.out_rows, {out, array, e_.size(items.size())});
}

void FunctionEmitter::send_row(llvm::Value* out, const ir::SendRow& row) {
  llvm::BasicBlock* after = nullptr;
  if (row.when) {
    llvm::BasicBlock* then = block("row");
    after = block("row.end");
    b_.CreateCondBr(cond(*row.when), then, after);
    b_.SetInsertPoint(then);
  }
  llvm::Constant* path = e_.path_global(row.path);
  switch (row.op) {
    case ir::SendOp::set:
    case ir::SendOp::append: {
      Str s = value(row.value);
      b_.CreateCall(row.op == ir::SendOp::set ? e_.fns.out_set : e_.fns.out_add,
                    {out, path, s.ptr, s.len});
      break;
    }
    case ir::SendOp::absent: b_.CreateCall(e_.fns.out_remove, {out, path}); break;
    case ir::SendOp::present: b_.CreateCall(e_.fns.out_present, {out, path}); break;
  }
  if (after) {
    b_.CreateBr(after);
    b_.SetInsertPoint(after);
  }
}

void FunctionEmitter::send_rows(llvm::Value* out, const std::vector<ir::SendRow>& rows) {
  std::vector<const ir::SendRow*> run;
  for (const ir::SendRow& row : rows) {
    if (constant_row(row)) {
      run.push_back(&row);
      continue;
    }
    constant_rows(out, run);
    run.clear();
    send_row(out, row);
  }
  constant_rows(out, run);
}

// relay N: the received message forwarded, changed by the rows, sent.
void FunctionEmitter::op(const ir::Relay& relay) {
  llvm::Value* out = b_.CreateCall(e_.fns.out_relay, {rt_, e_.cstring(relay.step)});
  send_rows(out, relay.rows);
  stop_if_negative(b_.CreateCall(e_.fns.send, {rt_, out}));
}

void FunctionEmitter::op(const ir::Send& send) {
  llvm::Value* dialog = e_.cstring_or_null(send.dialog);
  llvm::Value* out =
      send.request
          ? b_.CreateCall(e_.fns.out_request, {rt_, e_.cstring(send.method), dialog})
          : b_.CreateCall(e_.fns.out_response,
                          {rt_, e_.i32(send.status), e_.cstring_or_null(send.reason), dialog,
                           e_.cstring_or_null(send.method)});
  send_rows(out, send.rows);
  stop_if_negative(b_.CreateCall(e_.fns.send, {rt_, out}));
}

}  // namespace scn::codegen
