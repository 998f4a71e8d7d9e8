#include "scn/modules/loader.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>

#include "scn/parse/frontend.h"
#include "scn/support/suggest.hpp"

namespace scn::modules {

namespace fs = std::filesystem;

// Upper bound on loaded files, so that an import chain cannot grow without end.
constexpr std::size_t kMaxModules = 256;

bool Program::syntax_ok() const {
  return std::all_of(modules.begin(), modules.end(),
                     [](const LoadedModule& m) { return m.parsed_ok; });
}

std::vector<std::size_t> Program::visible(std::size_t index) const {
  std::vector<bool> seen(modules.size(), false);
  std::vector<std::size_t> out;
  auto visit = [&](auto&& self, std::size_t m) -> void {
    if (seen[m]) return;
    seen[m] = true;
    for (std::size_t dep : modules[m].imports) self(self, dep);
    out.push_back(m);
  };
  visit(visit, index);
  return out;
}

std::string default_stdlib_root() {
  if (const char* env = std::getenv("SCN_STDLIB"); env != nullptr && *env != '\0') return env;
  return SCN_STDLIB_DIR;
}

namespace {

std::string canonical_of(const fs::path& path) {
  std::error_code ec;
  fs::path abs = fs::weakly_canonical(fs::absolute(path, ec), ec);
  return (ec ? path : abs).lexically_normal().string();
}

// Paths in messages stay relative to where the user runs the compiler.
std::string shown_path(const fs::path& path) {
  if (path.is_relative()) return path.lexically_normal().string();
  std::error_code ec;
  fs::path rel = fs::proximate(path, fs::current_path(ec), ec);
  return ec ? path.string() : rel.string();
}

fs::path relative_file(const ast::Import& import) {
  fs::path rel;
  for (const std::string& part : import.path) rel /= part;
  rel += ".scn";
  return rel;
}

// Dotted names of the .scn files under root (a few levels deep), for "did you mean".
std::vector<std::string> module_names(const fs::path& root) {
  std::vector<std::string> out;
  std::error_code ec;
  auto it = fs::recursive_directory_iterator(root, ec);
  if (ec) return out;
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (it.depth() > 3) it.disable_recursion_pending();
    const fs::path& p = it->path();
    if (p.extension() != ".scn") continue;
    std::string dotted;
    fs::path rel = fs::relative(p, root, ec);
    rel.replace_extension();
    for (const auto& part : rel) {
      if (!dotted.empty()) dotted += '.';
      dotted += part.string();
    }
    out.push_back(dotted);
  }
  std::sort(out.begin(), out.end());
  return out;
}

class Loader {
 public:
  Loader(Program& program, const LoadOptions& options)
      : program_(program), options_(options) {}

  std::optional<std::size_t> load(const fs::path& path, const std::string& shown,
                                  const ast::SourceLoc* from) {
    const std::string canonical = canonical_of(path);
    if (auto it = done_.find(canonical); it != done_.end()) return it->second;
    if (done_.size() >= kMaxModules) {
      if (from) error(*from, "too many modules: a program may import at most " +
                                 std::to_string(kMaxModules) + " files");
      return std::nullopt;
    }
    if (std::find(stack_.begin(), stack_.end(), canonical) != stack_.end()) {
      report_cycle(canonical, from);
      return std::nullopt;
    }
    auto text = source_of(path);
    if (!text) {
      report_unreadable(shown, from);
      return std::nullopt;
    }
    stack_.push_back(canonical);
    LoadedModule loaded = parse_module(shown, canonical, std::move(*text));
    for (const ast::Import& import : loaded.module.imports) {
      if (import.path.empty()) continue;  // a syntax error, reported by the parser
      if (auto dep = load_import(import, path)) loaded.imports.push_back(*dep);
    }
    stack_.pop_back();
    program_.modules.push_back(std::move(loaded));
    const std::size_t index = program_.modules.size() - 1;
    done_.emplace(canonical, index);
    return index;
  }

 private:
  std::optional<std::string> source_of(const fs::path& path) const {
    if (auto it = options_.sources.find(path.string()); it != options_.sources.end())
      return it->second;
    return parse::read_file(path.string());
  }

  LoadedModule parse_module(const std::string& shown, const std::string& canonical,
                            std::string text) {
    parse::ParseResult parsed = parse::parse_source(shown, std::move(text));
    LoadedModule loaded;
    loaded.path = shown;
    loaded.canonical = canonical;
    loaded.parsed_ok = parsed.ok();
    loaded.module = std::move(parsed.module);
    for (auto& d : parsed.diagnostics) program_.diagnostics.push_back(std::move(d));
    return loaded;
  }

  std::optional<std::size_t> load_import(const ast::Import& import, const fs::path& importer) {
    const fs::path rel = relative_file(import);
    const fs::path local = importer.parent_path() / rel;
    std::error_code ec;
    if (fs::is_regular_file(local, ec)) return load(local, shown_path(local), &import.loc);
    const fs::path in_stdlib = fs::path(options_.stdlib_root) / rel;
    if (!options_.stdlib_root.empty() && fs::is_regular_file(in_stdlib, ec))
      return load(in_stdlib, shown_path(in_stdlib), &import.loc);
    report_missing(import);
    return std::nullopt;
  }

  void report_missing(const ast::Import& import) {
    std::string message = "cannot find module " + import.dotted() + " (no " +
                          relative_file(import).string() +
                          " next to this file or in the standard library)";
    const auto names = module_names(options_.stdlib_root);
    if (auto hint = support::suggest(import.dotted(), std::span<const std::string>(names)))
      message += "; did you mean " + *hint + "?";
    error(import.loc, message);
  }

  void report_cycle(const std::string& canonical, const ast::SourceLoc* from) {
    if (!from) return;
    const std::string name = fs::path(canonical).filename().string();
    error(*from, "import cycle: " + name + " imports this file, directly or through other modules");
  }

  void report_unreadable(const std::string& shown, const ast::SourceLoc* from) {
    if (from) {
      error(*from, "cannot read module file " + shown);
      return;
    }
    ast::SourceLoc loc;
    loc.file = std::make_shared<ast::SourceFile>(ast::SourceFile{shown, ""});
    error(loc, "cannot read " + shown);
  }

  void error(const ast::SourceLoc& loc, std::string message) {
    program_.import_diagnostics.push_back({loc, diag::Severity::error, std::move(message)});
  }

  Program& program_;
  const LoadOptions& options_;
  std::map<std::string, std::size_t> done_;  // canonical path -> module index
  std::vector<std::string> stack_;           // modules being loaded, for cycles
};

}  // namespace

Program load_program(const std::vector<std::string>& files, const LoadOptions& options) {
  Program program;
  Loader loader(program, options);
  for (const std::string& file : files) {
    auto index = loader.load(fs::path(file), file, nullptr);
    if (!index) continue;
    program.modules[*index].root = true;
    if (std::find(program.roots.begin(), program.roots.end(), *index) == program.roots.end())
      program.roots.push_back(*index);
  }
  diag::sort_diagnostics(program.diagnostics);
  diag::sort_diagnostics(program.import_diagnostics);
  return program;
}

}  // namespace scn::modules
