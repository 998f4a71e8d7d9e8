#include "load.h"

#include <iostream>

#include "scn/diag/render.h"

namespace scn::driver {

void print_diagnostics(const std::vector<diag::Diagnostic>& diagnostics) {
  for (const diag::Diagnostic& d : diagnostics) std::cerr << diag::render(d);
}

std::optional<parse::ParseResult> load(const std::string& file) {
  std::optional<std::string> text = parse::read_file(file);
  if (!text) {
    std::cerr << "scn: error: cannot read " << file << "\n";
    return std::nullopt;
  }
  parse::ParseResult result = parse::parse_source(file, std::move(*text));
  print_diagnostics(result.diagnostics);
  return result;
}

}  // namespace scn::driver
