#include "stages.h"

#include <iostream>

#include "commands.h"
#include "scn/diag/render.h"
#include "scn/pipeline/pipeline.h"

namespace scn::driver {

void print_diagnostics(const std::vector<diag::Diagnostic>& diagnostics) {
  for (const diag::Diagnostic& d : diagnostics) std::cerr << diag::render(d);
}

void report_unreadable(const std::string& file) {
  std::cerr << "scn: error: cannot read " << file << "\n";
}

std::optional<parse::ParseResult> parse_file(const std::string& file) {
  std::optional<parse::ParseResult> result = pipeline::Pipeline().parse(file);
  if (!result) {
    report_unreadable(file);
    return std::nullopt;
  }
  print_diagnostics(result->diagnostics);
  return result;
}

std::optional<ir::Program> compile_to_ir(const std::string& file, int error_status, int& status,
                                         bool mirror) {
  pipeline::Options options;
  options.check.mirror = mirror;
  pipeline::Pipeline pipeline(options);
  pipeline::Compilation compilation = pipeline.load({file});
  if (!compilation.unreadable().empty()) {
    report_unreadable(file);
    status = exit_unusable;
    return std::nullopt;
  }
  const ir::LowerResult* lowered = compilation.lower();
  print_diagnostics(compilation.diagnostics());
  if (!lowered || !lowered->ok()) {
    status = error_status;
    return std::nullopt;
  }
  status = exit_ok;
  return lowered->program;
}

}  // namespace scn::driver
