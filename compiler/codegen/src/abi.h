// The types and functions of scn_rt.h as LLVM sees them. Struct layouts follow the C
// declarations field by field (natural alignment, as the host C ABI lays them out).
// scn_str arguments are passed as two scalars (pointer, length) and returned as a
// {ptr, size} pair, which is how the x86-64 and AArch64 C ABIs pass a 16-byte struct of
// two integers.
#pragma once

#include <llvm/IR/DerivedTypes.h>
#include <llvm/IR/Module.h>

namespace scn::codegen {

struct AbiTypes {
  llvm::Type* i32;
  llvm::IntegerType* size;  // size_t
  llvm::PointerType* ptr;
  llvm::StructType* str;             // scn_str
  llvm::StructType* path;            // scn_path
  llvm::StructType* step;            // scn_step
  llvm::StructType* send_row;        // scn_send_row
  llvm::StructType* match_row;       // scn_match_row
  llvm::StructType* match_template;  // scn_match_template
  llvm::StructType* testcase;        // scn_testcase
  llvm::StructType* param_def;       // scn_param_def
  llvm::StructType* condition_def;   // scn_condition_def
  llvm::StructType* program;         // scn_program

  explicit AbiTypes(llvm::Module& module);
};

struct AbiFunctions {
  llvm::FunctionCallee step_begin, out_request, out_response, out_rows, out_set, out_add,
      out_remove, out_present, send, expect, param, stored, step_field, dialog_field,
      ss_address, concat, list_reverse, subscribed, condition, rt_main, strcmp;

  AbiFunctions(llvm::Module& module, const AbiTypes& types);
};

}  // namespace scn::codegen
