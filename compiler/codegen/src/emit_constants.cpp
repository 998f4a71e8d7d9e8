// Constant data: strings, scn_str and scn_path values, pooled per module.
#include "emitter.h"

namespace scn::codegen {

Emitter::Emitter(llvm::Module& m) : module(m), context(m.getContext()), types(m), fns(m, types) {}

llvm::Constant* Emitter::size(std::uint64_t n) { return llvm::ConstantInt::get(types.size, n); }

llvm::Constant* Emitter::i32(int n) {
  return llvm::ConstantInt::get(types.i32, static_cast<std::uint64_t>(n), true);
}

llvm::GlobalVariable* Emitter::constant_global(llvm::Constant* init, const std::string& name) {
  auto* g = new llvm::GlobalVariable(module, init->getType(), true,
                                     llvm::GlobalValue::PrivateLinkage, init,
                                     name + "." + std::to_string(globals_++));
  g->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);
  return g;
}

llvm::Constant* Emitter::cstring(const std::string& text) {
  auto found = cstrings_.find(text);
  if (found != cstrings_.end()) return found->second;
  llvm::Constant* data = llvm::ConstantDataArray::getString(context, text, true);
  llvm::GlobalVariable* g = constant_global(data, "str");
  g->setAlignment(llvm::Align(1));
  cstrings_.emplace(text, g);
  return g;
}

llvm::Constant* Emitter::cstring_or_null(const std::string& text) {
  if (text.empty()) return llvm::ConstantPointerNull::get(types.ptr);
  return cstring(text);
}

llvm::Constant* Emitter::str_constant(const std::string& text) {
  return llvm::ConstantStruct::get(types.str, {cstring(text), size(text.size())});
}

llvm::Constant* Emitter::path_constant(const ir::Path& path) {
  const bool header = path.target == ir::Target::header;
  // A param's name, or the XML path of a body path.
  const bool named = path.part == ir::Part::param || path.part == ir::Part::uri_param ||
                     (path.target == ir::Target::body && !path.name.empty());
  return llvm::ConstantStruct::get(
      types.path, {i32(static_cast<int>(path.target)),
                   header ? cstring(path.header) : llvm::ConstantPointerNull::get(types.ptr),
                   i32(static_cast<int>(path.index)), i32(static_cast<int>(path.part)),
                   named ? cstring(path.name) : llvm::ConstantPointerNull::get(types.ptr)});
}

llvm::Constant* Emitter::path_global(const ir::Path& path) {
  const std::string key = std::to_string(static_cast<int>(path.target)) + "|" + path.header +
                          "|" + std::to_string(path.index) + "|" +
                          std::to_string(static_cast<int>(path.part)) + "|" + path.name;
  auto found = paths_.find(key);
  if (found != paths_.end()) return found->second;
  llvm::GlobalVariable* g = constant_global(path_constant(path), "path");
  paths_.emplace(key, g);
  return g;
}

}  // namespace scn::codegen
