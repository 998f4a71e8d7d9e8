// The types and functions of scn_rt.h as LLVM sees them, taken from the header itself: a
// function's LLVM type comes from its C prototype, a struct's from pointers to its
// members, so a changed declaration changes the generated code or fails the build. The
// LLVM layout of every struct is compared with the C compiler's once the types are built.
#pragma once

#include <llvm/IR/DataLayout.h>
#include <llvm/IR/DerivedTypes.h>
#include <llvm/IR/Module.h>

#include <cstddef>
#include <initializer_list>
#include <string>
#include <type_traits>
#include <vector>

#include "scn/ir/ir.h"
#include "scn/scn_rt.h"

namespace scn::codegen {

// A struct of scn_rt.h: its C layout and the LLVM type built from it.
struct CStruct {
  struct Member {
    const char* name;
    std::size_t offset;  // offsetof
  };
  const char* name;
  std::size_t size;   // sizeof
  std::size_t align;  // alignof
  std::vector<Member> members;
  llvm::StructType* type;
};

// Where `layout` places a struct's LLVM type otherwise than the C compiler places the C
// struct ("scn_path.header at 4, in C at 8"); empty when nowhere.
std::string layout_mismatch(const CStruct& s, const llvm::DataLayout& layout);

struct AbiTypes {
  llvm::IntegerType* i32;
  llvm::IntegerType* size;  // size_t
  llvm::PointerType* ptr;
  llvm::StructType* str;             // scn_str
  llvm::StructType* str_pair;        // a scn_str returned by value: {ptr, size}, unnamed
  llvm::StructType* path;            // scn_path
  llvm::StructType* step;            // scn_step
  llvm::StructType* send_row;        // scn_send_row
  llvm::StructType* match_row;       // scn_match_row
  llvm::StructType* match_template;  // scn_match_template
  llvm::StructType* expect_alt;      // scn_expect_alt
  llvm::StructType* media_check;     // scn_media_check
  llvm::StructType* party;           // scn_party
  llvm::StructType* testcase;        // scn_testcase
  llvm::StructType* unexpected_rule; // scn_unexpected_rule
  llvm::StructType* param_def;       // scn_param_def
  llvm::StructType* condition_def;   // scn_condition_def
  llvm::StructType* program;         // scn_program
  // Every struct of the header in declaration order, scn_setting and scn_run_config
  // (which generated code does not use) included, so that the check covers them all.
  std::vector<CStruct> structs;
  // layout_mismatch of every struct under the module's data layout; generate() reports
  // it as an internal error through Module::verify.
  std::string mismatch;

  explicit AbiTypes(llvm::Module& module);
};

struct AbiFunctions {
  llvm::FunctionCallee step_begin, out_request, out_response, out_rows, out_set, out_add,
      out_remove, out_present, out_relay, send, expect, expect_first, expect_each, act, param,
      stored, step_field, dialog_field, ss_address, party_address, concat, list_reverse,
      subscribed, condition, auth_challenge, auth_credentials, media, sdp, wait, rt_main, strcmp;
  llvm::FunctionType* entry;  // scn_testcase.entry, the type of a test case's function

  AbiFunctions(llvm::Module& module, const AbiTypes& types);
};

// The scn_rt.h values of the enumerations the IR shares with the checker.
int abi_value(ir::Direction direction);
int abi_value(ir::DialogField field);
int abi_value(ir::StepKind kind);

namespace abi {

// C types -> LLVM types for the x86-64 System V and AArch64 (AAPCS64) C ABIs, the hosts
// the code generator targets. Anything else fails to compile here.
#if !(defined(__x86_64__) && !defined(_WIN32)) && !defined(__aarch64__)
#error "scn_rt.h is lowered for the x86-64 System V and AArch64 C ABIs only"
#endif

template <class T>
inline constexpr bool unsupported = false;

// int and unsigned: i32; size_t: the pointer-sized integer; any pointer: ptr. Narrower
// integers would need signext/zeroext and are refused, as is every other type.
template <class T>
llvm::Type* scalar(const AbiTypes& t) {
  if constexpr (std::is_pointer_v<T>) {
    return t.ptr;
  } else if constexpr (std::is_same_v<T, int> || std::is_same_v<T, unsigned>) {
    static_assert(sizeof(T) == 4);
    return t.i32;
  } else if constexpr (std::is_same_v<T, std::size_t>) {
    static_assert(sizeof(std::size_t) == sizeof(void*));
    return t.size;
  } else {
    static_assert(unsupported<T>, "a C type of scn_rt.h the code generator cannot lower");
    return nullptr;
  }
}

// A scn_str by value is two pointer-sized integers: both ABIs pass such a 16-byte struct
// in two consecutive argument registers and return it in two result registers.
static_assert(sizeof(scn_str) == 2 * sizeof(void*) && alignof(scn_str) == alignof(void*));
static_assert(std::is_pointer_v<decltype(scn_str::ptr)> &&
              std::is_same_v<decltype(scn_str::len), std::size_t>);

// The type of a struct member: a scalar or an embedded struct.
template <class T>
llvm::Type* member_type(const AbiTypes& t) {
  if constexpr (std::is_same_v<T, scn_str>) return t.str;
  else if constexpr (std::is_same_v<T, scn_path>) return t.path;
  else return scalar<T>(t);
}

template <class T>
inline constexpr int words = std::is_same_v<T, scn_str> ? 2 : 1;

template <class T>
void add_param(const AbiTypes& t, std::vector<llvm::Type*>& params) {
  if constexpr (std::is_same_v<T, scn_str>) {
    params.push_back(t.ptr);
    params.push_back(t.size);
  } else {
    params.push_back(scalar<T>(t));  // refuses any other struct by value
  }
}

template <class R>
llvm::Type* result(const AbiTypes& t) {
  if constexpr (std::is_void_v<R>) return llvm::Type::getVoidTy(t.ptr->getContext());
  else if constexpr (std::is_same_v<R, scn_str>) return t.str_pair;
  else return scalar<R>(t);
}

template <class F>
struct Prototype;

template <class R, class... A>
struct Prototype<R(A...)> {
  // The two halves of a scn_str argument sit where the C ABI puts the struct only while
  // every argument word fits in a register (6 on x86-64, 8 on AArch64); past that the C
  // ABI puts the whole struct on the stack.
  static_assert(!(std::is_same_v<A, scn_str> || ...) || (words<A> + ... + 0) <= 6,
                "a scn_str argument after the argument registers are used up");

  static llvm::FunctionType* type(const AbiTypes& t) {
    std::vector<llvm::Type*> params;
    (add_param<A>(t, params), ...);
    return llvm::FunctionType::get(result<R>(t), params, false);
  }
};

template <class R, class... A>
struct Prototype<R(A...) noexcept> : Prototype<R(A...)> {};  // libc in C++ (strcmp)

template <class F>
llvm::FunctionCallee declare(llvm::Module& m, const AbiTypes& t, const char* name) {
  return m.getOrInsertFunction(name, Prototype<F>::type(t));
}

// One member of the C struct S: the member pointer ties it to S and gives its type.
template <class S>
struct Field {
  CStruct::Member member;
  llvm::Type* type;
};

template <class S, class F>
Field<S> field(const AbiTypes& t, F S::*member, const char* name) {
  const S probe{};
  const auto* base = reinterpret_cast<const char*>(&probe);
  const auto* at = reinterpret_cast<const char*>(&(probe.*member));
  return {{name, static_cast<std::size_t>(at - base)}, member_type<F>(t)};
}

// The named LLVM struct of S from its members, which must be listed in declaration
// order (the layout check finds any other order or a member left out).
template <class S>
CStruct c_struct(llvm::LLVMContext& c, const char* name, std::initializer_list<Field<S>> fields) {
  CStruct out{name, sizeof(S), alignof(S), {}, nullptr};
  std::vector<llvm::Type*> types;
  for (const Field<S>& f : fields) {
    out.members.push_back(f.member);
    types.push_back(f.type);
  }
  out.type = llvm::StructType::create(c, types, name);
  return out;
}

}  // namespace abi
}  // namespace scn::codegen

// A function of scn_rt.h (or libc) declared in module M under its own name, typed by its
// own prototype.
#define SCN_ABI_DECLARE(m, t, fn) ::scn::codegen::abi::declare<decltype(fn)>(m, t, #fn)
// Member M of struct S for abi::c_struct<S>.
#define SCN_ABI_FIELD(t, S, m) ::scn::codegen::abi::field(t, &S::m, #m)
// The LLVM struct named as the C struct S.
#define SCN_ABI_STRUCT(c, S, ...) ::scn::codegen::abi::c_struct<S>(c, #S, {__VA_ARGS__})
