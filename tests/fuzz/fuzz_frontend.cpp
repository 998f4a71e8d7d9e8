// scn-fuzz-links: scn_front
// libFuzzer target for the front end: any bytes must parse to an AST and diagnostics
// without crashing, hanging or leaking, and everything produced must render.
#include <cstddef>
#include <cstdint>
#include <string>

#include "scn/ast/dump.h"
#include "scn/diag/render.h"
#include "scn/parse/frontend.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  scn::parse::ParseResult result = scn::parse::parse_source("fuzz.scn", std::move(text));
  std::size_t rendered = 0;
  for (const scn::diag::Diagnostic& d : result.diagnostics) rendered += scn::diag::render(d).size();
  rendered += scn::ast::dump(result.module).size();
  return rendered > 0 ? 0 : 0;
}
