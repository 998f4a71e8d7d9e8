// The report files are checked before the run, not found unwritable after it.
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "options/options.h"

namespace scn {

namespace {

std::string folder_of(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// Why the file cannot be written, or nothing. Nothing is created: an existing file must
// be a writable regular file, a new one needs a writable folder.
std::optional<std::string> unwritable(const std::string& path) {
  struct stat file {};
  if (::stat(path.c_str(), &file) == 0) {
    if (S_ISDIR(file.st_mode)) return std::string("is a folder");
    if (::access(path.c_str(), W_OK) != 0) return std::string(std::strerror(errno));
    return std::nullopt;
  }
  if (errno != ENOENT) return std::string(std::strerror(errno));
  const std::string folder = folder_of(path);
  struct stat dir {};
  if (::stat(folder.c_str(), &dir) != 0) return "no folder " + folder;
  if (!S_ISDIR(dir.st_mode)) return folder + " is not a folder";
  if (::access(folder.c_str(), W_OK | X_OK) != 0)
    return "folder " + folder + ": " + std::strerror(errno);
  return std::nullopt;
}

}  // namespace

Result<void> check_report_paths(RunOptions& options) {
  std::optional<Error> first;
  for (auto [option, path] : {std::pair{"--trace", &options.trace_file},
                              {"--junit", &options.junit_file}, {"--json", &options.json_file},
                              {"--html", &options.html_file}, {"--pcap", &options.pcap_file}}) {
    if (path->empty()) continue;
    auto why = unwritable(*path);
    if (!why) continue;
    if (!first) first = make_error(std::string(option) + ": cannot write " + *path + ": " + *why);
    path->clear();
  }
  if (first) return *first;
  return {};
}

}  // namespace scn
