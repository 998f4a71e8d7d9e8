// The stages after loading: checking and lowering, each run once.
#include <utility>

#include "scn/pipeline/pipeline.h"

namespace scn::pipeline {

namespace {

void append(std::vector<diag::Diagnostic>& to, const std::vector<diag::Diagnostic>& more) {
  to.insert(to.end(), more.begin(), more.end());
}

}  // namespace

Compilation::Compilation(Pipeline& pipeline, std::string name)
    : pipeline_(pipeline), name_(std::move(name)) {}

const std::string* Compilation::source(const std::string& file) const {
  auto it = sources_.find(file);
  return it == sources_.end() ? nullptr : &it->second;
}

const check::CheckResult& Compilation::check() {
  if (!checked_) checked_ = run_check();
  return *checked_;
}

check::CheckResult Compilation::run_check() {
  check::CheckResult result;
  result.diagnostics = modules_.diagnostics;
  if (diag::has_errors(result.diagnostics)) return result;
  append(result.diagnostics, modules_.import_diagnostics);
  diag::sort_diagnostics(result.diagnostics);
  if (diag::has_errors(result.diagnostics)) return result;
  const schema::Schema* schema = pipeline_.schema();
  if (!schema) {
    append(result.diagnostics, pipeline_.schema_errors());
    return result;
  }
  check::CheckResult checked = check::check_program(modules_, *schema, pipeline_.check_options());
  append(result.diagnostics, checked.diagnostics);
  diag::sort_diagnostics(result.diagnostics);
  result.program = std::move(checked.program);
  return result;
}

const ir::LowerResult* Compilation::lower() {
  if (!lowered_ && check().ok()) lowered_ = ir::lower(checked_->program, name_, pipeline_.stdlib_root());
  return lowered_ ? &*lowered_ : nullptr;
}

std::vector<diag::Diagnostic> Compilation::diagnostics() const {
  std::vector<diag::Diagnostic> out;
  if (checked_) append(out, checked_->diagnostics);
  if (lowered_) append(out, lowered_->diagnostics);
  return out;
}

}  // namespace scn::pipeline
