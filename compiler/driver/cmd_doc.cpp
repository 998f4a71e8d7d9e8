// scn doc [--format md|html] [-o FILE] [MODULE]: the catalogue of a module of the
// standard library (default messages, condition codes, procedures, parameters), built
// from the module as the compiler loads and checks it.
#include <fstream>
#include <iostream>

#include "commands.h"
#include "scn/doc/catalogue.h"
#include "scn/pipeline/pipeline.h"
#include "stages.h"

namespace scn::driver {
namespace {

// ts34229.annex_a -> <stdlib>/ts34229/annex_a.scn; a path to a .scn file stays as given.
std::string module_file(const std::string& module) {
  if (module.find('/') != std::string::npos || module.ends_with(".scn")) return module;
  std::string relative = module;
  for (char& c : relative)
    if (c == '.') c = '/';
  return modules::default_stdlib_root() + "/" + relative + ".scn";
}

}  // namespace

int doc(const std::string& format, const std::string& output, const std::string& module) {
  pipeline::Pipeline pipeline;
  std::string file = module_file(module);
  pipeline::Compilation compilation = pipeline.load({file});
  if (!compilation.unreadable().empty()) {
    report_unreadable(file);
    return exit_unusable;
  }
  const check::CheckResult& checked = compilation.check();
  print_diagnostics(checked.diagnostics);
  if (!checked.ok()) return exit_errors;

  doc::Catalogue catalogue = doc::build_catalogue(compilation.modules(), module);
  std::string text = format == "html" ? doc::to_html(catalogue) : doc::to_markdown(catalogue);
  if (output.empty()) {
    std::cout << text;
    return exit_ok;
  }
  std::ofstream out(output, std::ios::binary);
  out << text;
  if (!out.flush()) {
    std::cerr << "scn: error: cannot write " << output << "\n";
    return exit_unusable;
  }
  return exit_ok;
}

}  // namespace scn::driver
