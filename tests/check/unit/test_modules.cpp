// The module loader: local modules first, then the standard library; cycles; misses.
#include "scn/modules/loader.h"
#include "support.h"

using namespace scn;

TEST_CASE("a module next to the importing file wins over the standard library") {
  test::ScratchDir dir;
  dir.write("ts34229/params.scn", "param px_Local = 1\n");
  const std::string main = dir.write("main.scn", "import ts34229.params\n");
  auto program = modules::load_program({main}, {SCN_TEST_STDLIB});
  CHECK(program.diagnostics.empty());
  CHECK(program.import_diagnostics.empty());
  REQUIRE(program.modules.size() == 2);
  CHECK(program.modules[0].module.params.at(0).name == "px_Local");
  CHECK(program.modules[1].root);
  CHECK(program.visible(1) == std::vector<std::size_t>{0, 1});
}

TEST_CASE("an import cycle is reported at the import that closes it") {
  test::ScratchDir dir;
  dir.write("a.scn", "import b\n");
  dir.write("b.scn", "import a\n");
  const std::string main = dir.write("main.scn", "import a\n");
  auto program = modules::load_program({main}, {SCN_TEST_STDLIB});
  REQUIRE(program.import_diagnostics.size() == 1);
  CHECK(program.import_diagnostics[0].loc.path().find("b.scn") != std::string::npos);
  CHECK(program.import_diagnostics[0].message.find("import cycle") == 0);
}

TEST_CASE("a module imported twice is loaded once") {
  test::ScratchDir dir;
  dir.write("lib.scn", "param px_X = 1\n");
  dir.write("a.scn", "import lib\n");
  const std::string main = dir.write("main.scn", "import a\nimport lib\n");
  auto program = modules::load_program({main}, {SCN_TEST_STDLIB});
  CHECK(program.import_diagnostics.empty());
  CHECK(program.modules.size() == 3);
}

TEST_CASE("a missing module is an error at the import") {
  test::ScratchDir dir;
  const std::string main = dir.write("main.scn", "\nimport nowhere.to_be_found\n");
  auto program = modules::load_program({main}, {SCN_TEST_STDLIB});
  REQUIRE(program.import_diagnostics.size() == 1);
  CHECK(program.import_diagnostics[0].loc.line == 2);
}
