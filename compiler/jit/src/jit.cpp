#include "scn/jit/jit.h"

#include <llvm/ExecutionEngine/Orc/ExecutionUtils.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/ExecutionEngine/Orc/ThreadSafeModule.h>
#include <llvm/Support/Error.h>

#include "jit_support.h"
#include "scn/codegen/llvm_module.h"

namespace scn::jit {

struct Jit::Impl {
  std::unique_ptr<llvm::orc::LLJIT> lljit;
};

Jit::Jit(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Jit::~Jit() = default;

std::unique_ptr<Jit> Jit::create(codegen::Module module, std::string& error) {
  codegen::initialize_host_target();
  auto lljit = llvm::orc::LLJITBuilder().create();
  if (!lljit) {
    error = message(lljit.takeError());
    return nullptr;
  }
  if (llvm::Error e = expose_process_symbols(**lljit, (*lljit)->getMainJITDylib())) {
    error = message(std::move(e));
    return nullptr;
  }
  codegen::Module::Impl& generated = module.impl();
  generated.module->setDataLayout((*lljit)->getDataLayout());
  llvm::orc::ThreadSafeModule tsm(std::move(generated.module), std::move(generated.context));
  if (llvm::Error e = (*lljit)->addIRModule(std::move(tsm))) {
    error = message(std::move(e));
    return nullptr;
  }
  auto impl = std::make_unique<Impl>();
  impl->lljit = std::move(*lljit);
  return std::unique_ptr<Jit>(new Jit(std::move(impl)));
}

const scn_program* Jit::program(std::string& error) {
  auto address = impl_->lljit->lookup(codegen::program_symbol);
  if (!address) {
    error = message(address.takeError());
    return nullptr;
  }
  return address->toPtr<const scn_program*>();
}

}  // namespace scn::jit
