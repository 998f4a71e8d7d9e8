// Helpers of the checker's unit tests: scratch files and a one-call check.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "check_support.h"

namespace scn::test {

// Checks `text` as the file main.scn of a scratch directory, with the real schema.
inline check::CheckResult check_text(const std::string& text) {
  ScratchDir dir;
  return check_file(dir.write("main.scn", text));
}

// "LINE: message" of every diagnostic, for readable failures.
inline std::vector<std::string> messages(const check::CheckResult& result) {
  std::vector<std::string> out;
  for (const auto& d : result.diagnostics) out.push_back(std::to_string(d.loc.line) + ": " + d.message);
  return out;
}

}  // namespace scn::test
