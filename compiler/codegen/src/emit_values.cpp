// Run-time values: constants are references to constant data; everything else is a call
// into the runtime returning a scn_str.
#include <type_traits>

#include "emitter.h"

namespace scn::codegen {

Str FunctionEmitter::call_str(llvm::FunctionCallee fn, llvm::ArrayRef<llvm::Value*> args) {
  llvm::Value* pair = b_.CreateCall(fn, args);
  return Str{b_.CreateExtractValue(pair, 0), b_.CreateExtractValue(pair, 1)};
}

Str FunctionEmitter::value(const ir::Value& v) {
  return std::visit(
      [&](const auto& node) -> Str {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<T, ir::Const>) {
          return Str{e_.cstring(node.text), e_.size(node.text.size())};
        } else if constexpr (std::is_same_v<T, ir::ParamRef>) {
          return call_str(e_.fns.param, {rt_, e_.cstring(node.name)});
        } else if constexpr (std::is_same_v<T, ir::StoredRef>) {
          return call_str(e_.fns.stored, {rt_, e_.cstring(node.slot)});
        } else if constexpr (std::is_same_v<T, ir::StepFieldRef>) {
          return call_str(e_.fns.step_field, {rt_, e_.cstring(node.step), e_.path_global(node.path)});
        } else if constexpr (std::is_same_v<T, ir::DialogFieldRef>) {
          return call_str(e_.fns.dialog_field, {rt_, e_.cstring_or_null(node.dialog),
                                                e_.i32(abi_value(node.field))});
        } else if constexpr (std::is_same_v<T, ir::SsAddress>) {
          return call_str(e_.fns.ss_address, {rt_});
        } else if constexpr (std::is_same_v<T, ir::PartyAddress>) {
          return call_str(e_.fns.party_address, {rt_, e_.cstring(node.party)});
        } else if constexpr (std::is_same_v<T, ir::Challenge>) {
          llvm::Value* args = str_array(node.args);
          return call_str(e_.fns.auth_challenge, {rt_, e_.i32(static_cast<int>(node.scheme)),
                                                  args, e_.size(node.args.size())});
        } else if constexpr (std::is_same_v<T, ir::Credentials>) {
          llvm::Value* args = str_array(node.args);
          return call_str(e_.fns.auth_credentials, {rt_, args, e_.size(node.args.size())});
        } else if constexpr (std::is_same_v<T, ir::Sdp>) {
          return call_str(e_.fns.sdp, {rt_, e_.i32(static_cast<int>(node.kind))});
        } else if constexpr (std::is_same_v<T, ir::FirstOf>) {
          return first_of(node.values);
        } else if constexpr (std::is_same_v<T, ir::Concat>) {
          llvm::Value* parts = str_array(node.parts);
          return call_str(e_.fns.concat, {rt_, parts, e_.size(node.parts.size())});
        } else {
          Str inner = value(node.list.front());
          return call_str(e_.fns.list_reverse, {rt_, inner.ptr, inner.len});
        }
      },
      v.node);
}

// Every value is evaluated (they are plain reads); selects pick the first non-empty one,
// from the last backwards.
Str FunctionEmitter::first_of(const std::vector<ir::Value>& values) {
  Str chosen = value(values.back());
  for (std::size_t i = values.size() - 1; i-- > 0;) {
    Str candidate = value(values[i]);
    llvm::Value* has = b_.CreateICmpNE(candidate.len, e_.size(0));
    chosen = Str{b_.CreateSelect(has, candidate.ptr, chosen.ptr),
                 b_.CreateSelect(has, candidate.len, chosen.len)};
  }
  return chosen;
}

// The values in a scn_str array: constant data when every value is constant, else a stack
// array filled in place. NULL for no value.
llvm::Value* FunctionEmitter::str_array(const std::vector<ir::Value>& values) {
  if (values.empty()) return llvm::ConstantPointerNull::get(e_.types.ptr);
  auto* array_type = llvm::ArrayType::get(e_.types.str, values.size());
  bool constant = true;
  for (const ir::Value& v : values) constant = constant && ir::is_const(v);
  if (constant) {
    std::vector<llvm::Constant*> items;
    for (const ir::Value& v : values) items.push_back(e_.str_constant(*ir::const_text(v)));
    return e_.constant_global(llvm::ConstantArray::get(array_type, items), "values");
  }
  llvm::Value* array = stack_slot(e_.types.str, values.size(), "values");
  for (std::size_t i = 0; i < values.size(); ++i) {
    Str s = value(values[i]);
    llvm::Value* slot = b_.CreateConstInBoundsGEP1_64(e_.types.str, array, i);
    b_.CreateStore(s.ptr, b_.CreateStructGEP(e_.types.str, slot, 0));
    b_.CreateStore(s.len, b_.CreateStructGEP(e_.types.str, slot, 1));
  }
  return array;
}

llvm::Value* FunctionEmitter::cond(const ir::Cond& c) {
  switch (c.kind) {
    case ir::CondKind::constant: return b_.getInt1(c.value);
    case ir::CondKind::param_true: {
      Str s = call_str(e_.fns.param, {rt_, e_.cstring(c.name)});
      // scn_str values are NUL-terminated, so strcmp is safe; the length rules out NULs.
      llvm::Value* same = b_.CreateICmpEQ(b_.CreateCall(e_.fns.strcmp, {s.ptr, e_.cstring("true")}),
                                          e_.i32(0));
      return b_.CreateAnd(same, b_.CreateICmpEQ(s.len, e_.size(4)));
    }
    case ir::CondKind::subscribed:
      return b_.CreateICmpNE(b_.CreateCall(e_.fns.subscribed, {rt_, e_.cstring(c.name), e_.i32(c.party)}),
                             e_.i32(0));
    case ir::CondKind::condition:
      return b_.CreateICmpNE(b_.CreateCall(e_.fns.condition, {rt_, e_.cstring(c.name)}),
                             e_.i32(0));
    case ir::CondKind::not_: return b_.CreateNot(cond(c.operands.front()));
    case ir::CondKind::and_:
    case ir::CondKind::or_: {
      llvm::Value* acc = cond(c.operands.front());
      for (std::size_t i = 1; i < c.operands.size(); ++i) {
        llvm::Value* next = cond(c.operands[i]);
        acc = c.kind == ir::CondKind::and_ ? b_.CreateAnd(acc, next) : b_.CreateOr(acc, next);
      }
      return acc;
    }
  }
  return b_.getInt1(false);
}

}  // namespace scn::codegen
