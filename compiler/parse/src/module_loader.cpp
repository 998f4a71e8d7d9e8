#include "scn/parse/module_loader.h"

#include <cstdlib>
#include <deque>
#include <filesystem>
#include <set>

namespace scn::parse {

namespace fs = std::filesystem;

namespace {

// Upper bound on imported files, so an import chain cannot grow without end.
constexpr std::size_t max_modules = 256;

fs::path relative_file(const ast::Import& import) {
  fs::path path;
  for (const std::string& part : import.path) path /= part;
  return path.replace_extension(".scn");
}

std::string canonical_key(const std::string& path) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(path, ec);
  return ec ? path : canonical.string();
}

}  // namespace

std::string ModuleLoader::default_stdlib_root() {
  if (const char* env = std::getenv("SCN_STDLIB"); env != nullptr && *env != '\0') return env;
#ifdef SCN_STDLIB_DIR
  return SCN_STDLIB_DIR;
#else
  return "stdlib";
#endif
}

std::optional<std::string> ModuleLoader::resolve(const ast::Import& import,
                                                  const std::string& importing_file) const {
  if (import.path.empty()) return std::nullopt;
  fs::path relative = relative_file(import);
  std::error_code ec;
  for (const fs::path& base : {fs::path(importing_file).parent_path(), fs::path(stdlib_root_)}) {
    fs::path candidate = base / relative;
    if (fs::is_regular_file(candidate, ec)) return candidate.string();
  }
  return std::nullopt;
}

LoadedImports load_imports(const ast::Module& root, const ModuleLoader& loader,
                           const Limits& limits) {
  LoadedImports loaded;
  std::set<std::string> seen;
  if (root.file) seen.insert(canonical_key(root.file->path));
  // (importing file, import) pairs still to resolve, breadth first.
  std::deque<std::pair<std::string, ast::Import>> pending;
  auto enqueue = [&pending](const ast::Module& module) {
    for (const ast::Import& i : module.imports) {
      pending.emplace_back(module.file ? module.file->path : std::string(), i);
    }
  };
  enqueue(root);
  while (!pending.empty() && loaded.modules.size() < max_modules) {
    auto [importer, import] = std::move(pending.front());
    pending.pop_front();
    std::optional<std::string> path = loader.resolve(import, importer);
    if (!path) {
      loaded.missing.push_back(std::move(import));
      continue;
    }
    if (!seen.insert(canonical_key(*path)).second) continue;
    std::optional<std::string> text = read_file(*path);
    if (!text) {
      loaded.missing.push_back(std::move(import));
      continue;
    }
    loaded.modules.push_back(parse_source(*path, std::move(*text), limits));
    enqueue(loaded.modules.back().module);
  }
  return loaded;
}

std::vector<diag::Diagnostic> missing_module_errors(const LoadedImports& loaded) {
  std::vector<diag::Diagnostic> out;
  for (const ast::Import& i : loaded.missing) {
    out.push_back({i.loc, diag::Severity::error, "cannot find module " + i.dotted()});
  }
  return out;
}

}  // namespace scn::parse
