#include "scn/campaign/select.h"

#include <algorithm>
#include <charconv>
#include <filesystem>

namespace scn::campaign {

namespace fs = std::filesystem;

std::vector<std::string> expand_paths(const std::vector<std::string>& paths,
                                      std::vector<std::string>& errors) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(path, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file(ec) && it->path().extension() == ".scn")
          found.push_back(it->path().lexically_normal().string());
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(path, ec)) {
      files.push_back(path);
    } else {
      errors.push_back("scn: error: no such file or directory: " + path);
    }
  }
  return files;
}

std::optional<Shard> parse_shard(const std::string& text) {
  const std::size_t slash = text.find('/');
  if (slash == std::string::npos) return std::nullopt;
  Shard shard;
  const char* end = text.data() + text.size();
  auto [p1, e1] = std::from_chars(text.data(), text.data() + slash, shard.index);
  auto [p2, e2] = std::from_chars(text.data() + slash + 1, end, shard.count);
  if (e1 != std::errc() || e2 != std::errc() || p1 != text.data() + slash || p2 != end)
    return std::nullopt;
  if (shard.count == 0 || shard.index == 0 || shard.index > shard.count) return std::nullopt;
  return shard;
}

std::vector<CaseRef> select(const std::vector<CaseRef>& all,
                            const std::vector<std::string>& filters, const Shard& shard) {
  std::vector<CaseRef> kept;
  for (const CaseRef& ref : all) {
    bool wanted = filters.empty();
    for (const std::string& f : filters) wanted = wanted || matches(f, ref);
    if (wanted) kept.push_back(ref);
  }
  std::vector<CaseRef> mine;
  for (std::size_t i = 0; i < kept.size(); ++i)
    if (i % shard.count == shard.index - 1) mine.push_back(kept[i]);
  return mine;
}

}  // namespace scn::campaign
