#include "scn/jit/session_jit.h"

#include <llvm/ExecutionEngine/Orc/ExecutionUtils.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/ExecutionEngine/Orc/ThreadSafeModule.h>
#include <llvm/Support/Error.h>

#include "jit_support.h"
#include "scn/codegen/llvm_module.h"

namespace scn::jit {

struct SessionJit::Impl {
  std::unique_ptr<llvm::orc::LLJIT> lljit;
  llvm::orc::JITDylib* adhoc = nullptr;
  llvm::orc::ResourceTrackerSP tracker;  // of the current typed input, or null
};

namespace {

llvm::orc::ThreadSafeModule thread_safe(codegen::Module& module, const llvm::DataLayout& layout) {
  codegen::Module::Impl& generated = module.impl();
  generated.module->setDataLayout(layout);
  return llvm::orc::ThreadSafeModule(std::move(generated.module), std::move(generated.context));
}

const scn_program* lookup_program(llvm::orc::LLJIT& lljit, llvm::orc::JITDylib& dylib,
                                  std::string& error) {
  auto address = lljit.lookup(dylib, codegen::program_symbol);
  if (!address) {
    error = message(address.takeError());
    return nullptr;
  }
  return address->toPtr<const scn_program*>();
}

}  // namespace

SessionJit::SessionJit(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

SessionJit::~SessionJit() { remove_adhoc(); }

std::unique_ptr<SessionJit> SessionJit::create(codegen::Module main, std::string& error) {
  codegen::initialize_host_target();
  auto lljit = llvm::orc::LLJITBuilder().create();
  if (!lljit) {
    error = message(lljit.takeError());
    return nullptr;
  }
  llvm::orc::LLJIT& jit = **lljit;
  auto adhoc = jit.getExecutionSession().createJITDylib("adhoc");
  if (!adhoc) {
    error = message(adhoc.takeError());
    return nullptr;
  }
  for (llvm::orc::JITDylib* dylib : {&jit.getMainJITDylib(), &*adhoc})
    if (llvm::Error e = expose_process_symbols(jit, *dylib)) {
      error = message(std::move(e));
      return nullptr;
    }
  if (llvm::Error e = jit.addIRModule(thread_safe(main, jit.getDataLayout()))) {
    error = message(std::move(e));
    return nullptr;
  }
  auto impl = std::make_unique<Impl>();
  impl->lljit = std::move(*lljit);
  impl->adhoc = &*adhoc;
  return std::unique_ptr<SessionJit>(new SessionJit(std::move(impl)));
}

const scn_program* SessionJit::program(std::string& error) {
  return lookup_program(*impl_->lljit, impl_->lljit->getMainJITDylib(), error);
}

const scn_program* SessionJit::add_adhoc(codegen::Module module, std::string& error) {
  remove_adhoc();
  llvm::orc::LLJIT& jit = *impl_->lljit;
  impl_->tracker = impl_->adhoc->createResourceTracker();
  if (llvm::Error e = jit.addIRModule(impl_->tracker, thread_safe(module, jit.getDataLayout()))) {
    error = message(std::move(e));
    remove_adhoc();
    return nullptr;
  }
  const scn_program* program = lookup_program(jit, *impl_->adhoc, error);
  if (!program) remove_adhoc();
  return program;
}

void SessionJit::remove_adhoc() {
  if (!impl_ || !impl_->tracker) return;
  if (llvm::Error e = impl_->tracker->remove()) llvm::consumeError(std::move(e));
  impl_->tracker = nullptr;
}

}  // namespace scn::jit
