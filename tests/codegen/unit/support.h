// Helpers of the lowering and code generation tests: check a text with the real stdlib
// and schema, lower it, and look at the result.
#pragma once

#include <doctest/doctest.h>

#include <string>

#include "check_support.h"
#include "scn/ir/dump.h"
#include "scn/ir/lower.h"

namespace scn::test {

// Checks and lowers `text` (as main.scn); fails the test when it does not check.
inline ir::LowerResult lower_text(const std::string& text, check::CheckOptions options = {}) {
  ScratchDir dir;
  check::CheckResult checked = check_file(dir.write("main.scn", text), options);
  std::string messages;
  for (const auto& d : checked.diagnostics)
    messages += std::to_string(d.loc.line) + ": " + d.message + "\n";
  INFO(messages);
  REQUIRE(checked.ok());
  return ir::lower(checked.program, "main");
}

inline ir::Program lower_file(const std::string& file) {
  check::CheckResult checked = check_file(file);
  REQUIRE(checked.ok());
  ir::LowerResult lowered = ir::lower(checked.program, ir::program_name_for(file));
  REQUIRE(lowered.ok());
  return lowered.program;
}

inline bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace scn::test
