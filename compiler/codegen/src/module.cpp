// codegen::Module and generate(): a fresh LLVM context and module per program.
#include <llvm/IR/Verifier.h>
#include <llvm/Support/raw_ostream.h>

#include "emitter.h"
#include "scn/codegen/llvm_module.h"
#include "target.h"

namespace scn::codegen {

Module::Module(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Module::Module(Module&&) noexcept = default;
Module& Module::operator=(Module&&) noexcept = default;
Module::~Module() {
  if (impl_) impl_->module.reset();  // the module before its context
}

std::string Module::text() const {
  std::string out;
  llvm::raw_string_ostream stream(out);
  impl_->module->print(stream, nullptr);
  return stream.str();
}

std::string Module::verify() const {
  std::string out;
  llvm::raw_string_ostream stream(out);
  if (!impl_->abi_mismatch.empty())
    stream << "LLVM lays out scn_rt.h otherwise than the C compiler: " << impl_->abi_mismatch
           << "\n";
  llvm::verifyModule(*impl_->module, &stream);
  return stream.str();
}

Module generate(const ir::Program& program, const Options& options) {
  auto impl = std::make_unique<Module::Impl>();
  impl->context = std::make_unique<llvm::LLVMContext>();
  impl->module = std::make_unique<llvm::Module>(program.name, *impl->context);
  std::string error;
  if (auto machine = host_machine(error)) {
    impl->module->setTargetTriple(machine->getTargetTriple().str());
    impl->module->setDataLayout(machine->createDataLayout());
  }
  Emitter emitter(*impl->module);
  emitter.program(program, options.with_main);
  impl->abi_mismatch = emitter.types.mismatch;
  return Module(std::move(impl));
}

}  // namespace scn::codegen
