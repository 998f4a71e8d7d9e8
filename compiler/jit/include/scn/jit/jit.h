// The ORC LLJIT wrapper behind `scn run`: compiles a generated module in memory and
// hands out its scn_program. Symbols the module does not define (the scn_* functions of
// the runtime, libc) resolve in the running process, which must export them.
#pragma once

#include <memory>
#include <string>

#include "scn/codegen/codegen.h"
#include "scn/scn_rt.h"

namespace scn::jit {

class Jit {
 public:
  // Null with `error` set when the host has no JIT or the module does not compile.
  static std::unique_ptr<Jit> create(codegen::Module module, std::string& error);
  ~Jit();
  Jit(const Jit&) = delete;
  Jit& operator=(const Jit&) = delete;

  // The module's scn_program; null with `error` set when it cannot be resolved.
  const scn_program* program(std::string& error);

 private:
  struct Impl;
  explicit Jit(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace scn::jit
