// scn build FILE -o EXE: the generated module with a main() calling scn_rt_main, written
// as an object file and linked with the runtime's static library by the C++ driver. The
// executable takes the run options and needs neither LLVM nor ANTLR.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "commands.h"
#include "scn/codegen/codegen.h"
#include "scn/link/link.h"
#include "stages.h"

namespace scn::driver {

namespace {

int build_error(const std::string& reason) {
  std::cerr << "scn: error: " << reason << "\n";
  return exit_unusable;
}

// A fresh object file name in the temporary folder; empty when none can be made.
std::string temporary_object() {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
  if (ec) dir = "/tmp";
  std::string pattern = (dir / "scn-build-XXXXXX.o").string();
  int fd = mkstemps(pattern.data(), 2);
  if (fd < 0) return {};
  close(fd);
  return pattern;
}

}  // namespace

int build(const std::string& file, const std::string& output, bool mirror) {
  int status = exit_ok;
  std::optional<ir::Program> program = compile_to_ir(file, exit_unusable, status, mirror);
  if (!program) return status;
  codegen::Module module = codegen::generate(*program, codegen::Options{true});
  if (std::string why = module.verify(); !why.empty())
    return build_error("internal error: the generated code does not verify: " + why);
  std::string object = temporary_object();
  if (object.empty()) return build_error("cannot create a temporary object file");
  std::string why = codegen::write_object(module, object);
  if (why.empty()) why = link::link_executable(object, output);
  std::remove(object.c_str());
  if (!why.empty()) return build_error(why);
  return exit_ok;
}

}  // namespace scn::driver
