// Helpers of the checker's unit tests: scratch files and a one-call check.
#pragma once

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "scn/check/check.h"

namespace scn::test {

// A scratch directory removed at the end of the test.
struct ScratchDir {
  std::filesystem::path path;
  ScratchDir() {
    path = std::filesystem::temp_directory_path() /
           ("scn-check-test-" + std::to_string(::getpid()) + "-" +
            std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    std::filesystem::create_directories(path);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string write(const std::string& relative, const std::string& text) const {
    std::filesystem::create_directories((path / relative).parent_path());
    std::ofstream(path / relative) << text;
    return (path / relative).string();
  }
};

// Checks `text` as the file main.scn of a scratch directory, with the real schema.
inline check::CheckResult check_text(const std::string& text) {
  ScratchDir dir;
  const std::string file = dir.write("main.scn", text);
  check::CheckOptions options;
  options.stdlib_root = SCN_TEST_STDLIB;
  return check::check_files({file}, options);
}

// "LINE: message" of every diagnostic, for readable failures.
inline std::vector<std::string> messages(const check::CheckResult& result) {
  std::vector<std::string> out;
  for (const auto& d : result.diagnostics) out.push_back(std::to_string(d.loc.line) + ": " + d.message);
  return out;
}

}  // namespace scn::test
