// Import resolution: next to the importing file first, then under the stdlib root.
#include <filesystem>
#include <fstream>

#include "scn/parse/module_loader.h"
#include "support.h"

using namespace scn;
namespace fs = std::filesystem;

namespace {

// A scratch directory removed at the end of the test.
struct ScratchDir {
  fs::path path;
  ScratchDir() {
    path = fs::temp_directory_path() /
           ("scn-frontend-test-" + std::to_string(::getpid()) + "-" +
            std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    fs::create_directories(path);
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  void write(const std::string& relative, const std::string& text) const {
    fs::create_directories((path / relative).parent_path());
    std::ofstream(path / relative) << text;
  }
};

ast::Import import_of(const std::string& source) {
  auto r = test::parse(source);
  REQUIRE(r.module.imports.size() == 1);
  return r.module.imports[0];
}

}  // namespace

TEST_CASE("imports resolve next to the importing file, then in the stdlib") {
  ScratchDir dir;
  dir.write("stdlib/ts34229/annex_a.scn", "");
  dir.write("tests/local.scn", "");
  dir.write("tests/ts34229/annex_a.scn", "");
  parse::ModuleLoader loader((dir.path / "stdlib").string());
  std::string importer = (dir.path / "tests" / "main.scn").string();

  auto local = loader.resolve(import_of("import local"), importer);
  REQUIRE(local);
  CHECK(fs::path(*local) == dir.path / "tests" / "local.scn");
  auto shadowed = loader.resolve(import_of("import ts34229.annex_a"), importer);
  CHECK(fs::path(*shadowed) == dir.path / "tests" / "ts34229" / "annex_a.scn");
  auto from_stdlib = loader.resolve(import_of("import ts34229.annex_a"),
                                    (dir.path / "other.scn").string());
  CHECK(fs::path(*from_stdlib) == dir.path / "stdlib" / "ts34229" / "annex_a.scn");
  CHECK_FALSE(loader.resolve(import_of("import nowhere.to_be_found"), importer));
}

TEST_CASE("loading imports parses each module once and lists the missing ones") {
  ScratchDir dir;
  dir.write("a.scn", "import b\nimport c\n");
  dir.write("b.scn", "import a\nimport c\ntestcase t \"x\" { 1 UX -> SS REFER }\n");
  dir.write("c.scn", "import missing.module\n");
  std::string root_path = (dir.path / "a.scn").string();
  auto root = parse::parse_source(root_path, *parse::read_file(root_path));
  parse::ModuleLoader loader((dir.path / "no-stdlib").string());
  parse::LoadedImports loaded = parse::load_imports(root.module, loader);
  REQUIRE(loaded.modules.size() == 2);  // b and c; a is the root, c is read once
  CHECK(fs::path(loaded.modules[0].module.file->path).filename() == "b.scn");
  CHECK_FALSE(loaded.modules[0].ok());
  CHECK(loaded.modules[0].diagnostics.at(0).loc.path() == loaded.modules[0].module.file->path);
  REQUIRE(loaded.missing.size() == 1);
  CHECK(loaded.missing[0].dotted() == "missing.module");
  auto errors = parse::missing_module_errors(loaded);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message == "cannot find module missing.module");
}

TEST_CASE("the stdlib root can be overridden by SCN_STDLIB") {
  ::setenv("SCN_STDLIB", "/somewhere/else", 1);
  CHECK(parse::ModuleLoader::default_stdlib_root() == "/somewhere/else");
  ::unsetenv("SCN_STDLIB");
  CHECK_FALSE(parse::ModuleLoader::default_stdlib_root().empty());
}

TEST_CASE("read_file refuses what it cannot read") {
  CHECK_FALSE(parse::read_file("/nonexistent/file.scn"));
  CHECK_FALSE(parse::read_file(fs::temp_directory_path().string()));
}
