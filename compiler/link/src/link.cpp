#include "scn/link/link.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

extern char** environ;

namespace scn::link {

namespace {

std::string env_or(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value && *value ? std::string(value) : fallback;
}

// Runs argv[0] found on PATH, waits for it; its exit status, or -1 with `error` set.
int run(const std::vector<std::string>& args, std::string& error) {
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ);
  if (rc != 0) {
    error = "cannot run " + args[0] + ": " + std::strerror(rc);
    return -1;
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      error = std::string("waiting for the linker: ") + std::strerror(errno);
      return -1;
    }
  }
  if (!WIFEXITED(status)) {
    error = args[0] + " was killed";
    return -1;
  }
  return WEXITSTATUS(status);
}

}  // namespace

std::string runtime_library() { return env_or("SCN_RUNTIME_LIB", SCN_RUNTIME_LIB); }

std::string cxx_driver() { return env_or("CXX", "c++"); }

std::string link_executable(const std::string& object, const std::string& exe) {
  const std::string runtime = runtime_library();
  if (access(runtime.c_str(), R_OK) != 0)
    return "the runtime library " + runtime + " is missing (set SCN_RUNTIME_LIB)";
  std::string error;
  // The archives the runtime needs, separated by ':' as in PATH.
  const std::string deps = env_or("SCN_RUNTIME_DEPS", SCN_RUNTIME_DEPS);
  std::vector<std::string> args{cxx_driver(), "-o", exe, object, runtime};
  for (std::size_t start = 0; start <= deps.size();) {
    std::size_t end = deps.find(':', start);
    if (end == std::string::npos) end = deps.size();
    if (end > start) args.push_back(deps.substr(start, end - start));
    start = end + 1;
  }
  args.push_back("-pthread");
  int status = run(args, error);
  if (status < 0) return error;
  if (status != 0) return cxx_driver() + " failed (exit " + std::to_string(status) + ")";
  return {};
}

}  // namespace scn::link
