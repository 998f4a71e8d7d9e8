// scn repl [FILE] [run options]: step through a test case against a live UE.
#include <iostream>

#include "commands.h"
#include "scn/pipeline/pipeline.h"
#include "scn/repl/session.h"

namespace scn::driver {

int repl(const std::string& file, const RunArgs& args, bool echo) {
  RunConfig config;
  if (std::string why = make_run_config(args, config); !why.empty()) {
    std::cout << "ERROR: " << why << std::endl;
    return exit_unusable;
  }
  repl::ReplOptions options;
  options.file = file;
  options.stdlib_root = pipeline::Options().stdlib_root;
  options.config = config.config;
  options.echo = echo;
  return repl::run_session(options);
}

}  // namespace scn::driver
