// The state of generating one module: the ABI types and functions, pooled constants,
// and the builder positioned in the test case being generated.
#pragma once

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Module.h>

#include <map>
#include <string>

#include "abi.h"
#include "scn/ir/ir.h"

namespace scn::codegen {

// A scn_str at run time.
struct Str {
  llvm::Value* ptr;
  llvm::Value* len;
};

class Emitter {
 public:
  explicit Emitter(llvm::Module& module);

  // ---- constants (emit_constants.cpp) ----
  llvm::Constant* cstring(const std::string& text);       // NUL-terminated, pooled
  llvm::Constant* cstring_or_null(const std::string& text);  // "" -> NULL
  llvm::Constant* str_constant(const std::string& text);  // scn_str {ptr, len}
  llvm::Constant* path_constant(const ir::Path& path);    // scn_path value
  llvm::Constant* path_global(const ir::Path& path);      // pooled scn_path global
  llvm::Constant* fields_read(const ir::StepDesc& step);  // scn_step::fields_read
  llvm::Constant* size(std::uint64_t n);
  llvm::Constant* i32(int n);
  llvm::GlobalVariable* constant_global(llvm::Constant* init, const std::string& name);

  // ---- test case functions (emit_ops.cpp) ----
  // A test case's entry function and its table of steps (scn_testcase.steps).
  struct TestcaseCode {
    llvm::Function* entry;
    llvm::Constant* steps;
  };
  TestcaseCode testcase_function(const ir::Testcase& tc, std::size_t index);

  // ---- the program (emit_program.cpp) ----
  void program(const ir::Program& program, bool with_main);

  llvm::Module& module;
  llvm::LLVMContext& context;
  AbiTypes types;
  AbiFunctions fns;

 private:
  friend class FunctionEmitter;
  std::map<std::string, llvm::Constant*> cstrings_;
  std::map<std::string, llvm::Constant*> paths_;
  unsigned globals_ = 0;
};

// Generates the body of one test case's entry function.
class FunctionEmitter {
 public:
  FunctionEmitter(Emitter& emitter, const ir::Testcase& tc, llvm::Function* fn,
                  llvm::Constant* steps);
  void body();

 private:
  // emit_ops.cpp
  void ops(const std::vector<ir::Op>& list);
  void op(const ir::StepBegin& begin);
  void op(const ir::If& branch);
  void op(const ir::Window& window);
  void op(const ir::Send& send);
  void op(const ir::Expect& expect);
  void op(const ir::Relay& relay);
  void op(const ir::Act& act);
  void op(const ir::Wait& wait);
  void op(const ir::Media& media);  // emit_media.cpp
  void stop_if_negative(llvm::Value* status);
  llvm::Constant* step_pointer(std::size_t index);  // &steps[index]
  llvm::Value* stack_slot(llvm::Type* type, std::size_t count, const char* name);
  llvm::BasicBlock* block(const char* name);

  // emit_values.cpp
  Str value(const ir::Value& v);
  Str first_of(const std::vector<ir::Value>& values);
  Str call_str(llvm::FunctionCallee fn, llvm::ArrayRef<llvm::Value*> args);
  llvm::Value* cond(const ir::Cond& c);
  llvm::Value* str_array(const std::vector<ir::Value>& values);  // scn_str[] or NULL

  // emit_send.cpp
  void send_rows(llvm::Value* out, const std::vector<ir::SendRow>& rows);
  void send_row(llvm::Value* out, const ir::SendRow& row);
  void constant_rows(llvm::Value* out, const std::vector<const ir::SendRow*>& rows);

  // emit_groups.cpp: either (scn_expect_first) and in any order (scn_expect_each)
  void op(const ir::ExpectFirst& first);
  void op(const ir::ExpectEach& each);
  llvm::Value* expect_alts(const std::vector<ir::Awaited>& awaited);

  // emit_expect.cpp
  llvm::Value* match_template(const ir::Expect& expect);
  llvm::Constant* static_match_row(const ir::MatchRow& row);
  void store_row_state(llvm::Value* on, llvm::Value* values, std::size_t i,
                       const ir::MatchRow& row);

  Emitter& e_;
  const ir::Testcase& tc_;
  llvm::Function* fn_;
  llvm::Constant* steps_;  // the scn_step[] global of the test case
  llvm::IRBuilder<> b_;
  llvm::Value* rt_;
  llvm::BasicBlock* stop_ = nullptr;
  llvm::BasicBlock* window_end_ = nullptr;  // while generating a window
};

}  // namespace scn::codegen
