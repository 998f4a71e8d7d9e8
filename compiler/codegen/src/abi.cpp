#include "abi.h"

namespace scn::codegen {

AbiTypes::AbiTypes(llvm::Module& module) {
  llvm::LLVMContext& c = module.getContext();
  i32 = llvm::Type::getInt32Ty(c);
  size = module.getDataLayout().getIntPtrType(c);
  ptr = llvm::PointerType::get(c, 0);
  str = llvm::StructType::create(c, {ptr, size}, "scn_str");
  path = llvm::StructType::create(c, {i32, ptr, i32, i32, ptr}, "scn_path");
  step = llvm::StructType::create(c, {ptr, i32, ptr, ptr, ptr}, "scn_step");
  send_row = llvm::StructType::create(c, {path, i32, str}, "scn_send_row");
  match_row = llvm::StructType::create(c, {path, i32, ptr, size, ptr}, "scn_match_row");
  match_template = llvm::StructType::create(c, {ptr, i32, ptr, size}, "scn_match_template");
  testcase = llvm::StructType::create(c, {ptr, ptr, ptr}, "scn_testcase");
  param_def = llvm::StructType::create(c, {ptr, ptr, ptr}, "scn_param_def");
  condition_def = llvm::StructType::create(c, {ptr, i32, ptr}, "scn_condition_def");
  program = llvm::StructType::create(c, {i32, ptr, ptr, size, ptr, size, ptr, size},
                                     "scn_program");
}

namespace {

llvm::FunctionCallee declare(llvm::Module& m, const char* name, llvm::Type* result,
                             llvm::ArrayRef<llvm::Type*> params) {
  return m.getOrInsertFunction(name, llvm::FunctionType::get(result, params, false));
}

}  // namespace

AbiFunctions::AbiFunctions(llvm::Module& m, const AbiTypes& t) {
  llvm::Type* void_ty = llvm::Type::getVoidTy(m.getContext());
  llvm::Type* ret_str = llvm::StructType::get(m.getContext(), {t.ptr, t.size});
  step_begin = declare(m, "scn_step_begin", t.i32, {t.ptr, t.ptr});
  out_request = declare(m, "scn_out_request", t.ptr, {t.ptr, t.ptr, t.ptr});
  out_response = declare(m, "scn_out_response", t.ptr, {t.ptr, t.i32, t.ptr, t.ptr, t.ptr});
  out_rows = declare(m, "scn_out_rows", void_ty, {t.ptr, t.ptr, t.size});
  out_set = declare(m, "scn_out_set", void_ty, {t.ptr, t.ptr, t.ptr, t.size});
  out_add = declare(m, "scn_out_add", void_ty, {t.ptr, t.ptr, t.ptr, t.size});
  out_remove = declare(m, "scn_out_remove", void_ty, {t.ptr, t.ptr});
  out_present = declare(m, "scn_out_present", void_ty, {t.ptr, t.ptr});
  send = declare(m, "scn_send", t.i32, {t.ptr, t.ptr});
  expect = declare(m, "scn_expect", t.i32, {t.ptr, t.ptr, t.i32, t.i32});
  param = declare(m, "scn_param", ret_str, {t.ptr, t.ptr});
  stored = declare(m, "scn_stored", ret_str, {t.ptr, t.ptr});
  step_field = declare(m, "scn_step_field", ret_str, {t.ptr, t.ptr, t.ptr});
  dialog_field = declare(m, "scn_dialog_field", ret_str, {t.ptr, t.ptr, t.i32});
  ss_address = declare(m, "scn_ss_address", ret_str, {t.ptr});
  concat = declare(m, "scn_concat", ret_str, {t.ptr, t.ptr, t.size});
  list_reverse = declare(m, "scn_list_reverse", ret_str, {t.ptr, t.ptr, t.size});
  subscribed = declare(m, "scn_subscribed", t.i32, {t.ptr, t.ptr});
  condition = declare(m, "scn_condition", t.i32, {t.ptr, t.ptr});
  rt_main = declare(m, "scn_rt_main", t.i32, {t.i32, t.ptr, t.ptr});
  strcmp = declare(m, "strcmp", t.i32, {t.ptr, t.ptr});
}

}  // namespace scn::codegen
