// Helpers shared by the unit tests that check scenario text with the real stdlib and
// schema: a scratch directory and a one-call check of files.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "scn/pipeline/pipeline.h"

namespace scn::test {

// A scratch directory removed at the end of the test.
struct ScratchDir {
  std::filesystem::path path;
  ScratchDir() {
    path = std::filesystem::temp_directory_path() /
           ("scn-unit-test-" + std::to_string(::getpid()) + "-" +
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

// Checks FILE with the stdlib under SCN_TEST_STDLIB, as `scn check` does.
inline check::CheckResult check_file(const std::string& file,
                                     check::CheckOptions options = {}) {
  pipeline::Pipeline pipeline(pipeline::Options{SCN_TEST_STDLIB, options});
  return pipeline.load({file}).check();
}

}  // namespace scn::test
