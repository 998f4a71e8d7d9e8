// The JIT behind `scn repl`: one LLJIT for a session. The loaded test case's module
// lives in the main JITDylib for the whole session; every typed step is its own module
// in a second JITDylib, added, run and removed (its resource tracker frees the code),
// so any number of inputs never accumulate code and their symbols never clash.
#pragma once

#include <memory>
#include <string>

#include "scn/codegen/codegen.h"
#include "scn/scn_rt.h"

namespace scn::jit {

class SessionJit {
 public:
  // Null with `error` set when the host has no JIT or the module does not compile.
  static std::unique_ptr<SessionJit> create(codegen::Module main, std::string& error);
  ~SessionJit();
  SessionJit(const SessionJit&) = delete;
  SessionJit& operator=(const SessionJit&) = delete;

  // The main module's scn_program; null with `error` set when it cannot be resolved.
  const scn_program* program(std::string& error);

  // Adds a module for one typed input, replacing (and freeing) the previous one, and
  // returns its scn_program (valid until the next add or remove_adhoc).
  const scn_program* add_adhoc(codegen::Module module, std::string& error);
  // Frees the typed input's module; nothing when there is none.
  void remove_adhoc();

 private:
  struct Impl;
  explicit SessionJit(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace scn::jit
