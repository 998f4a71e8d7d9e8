// parse() and frame() keep every result and error message: the outcomes of the torture
// corpora and their mutations (outcomes.h) against parse_outcomes.tsv, written by the
// parser before the single-pass scanner and rewritten only with SCN_UPDATE_GOLDEN=1.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "outcomes.h"

TEST_CASE("msg parse: outcomes of the torture corpora and their mutations are unchanged") {
  const std::string golden_path = std::string(SCN_TEST_SOURCE_DIR) + "/msg/parse_outcomes.tsv";
  const auto inputs = scn_test::outcome_inputs(SCN_CORPORA_DIR);
  REQUIRE(inputs.size() > 100);
  std::string actual = "# input\tdatagram parse\tstream parse\tframe (written with SCN_UPDATE_GOLDEN=1)\n";
  for (const auto& in : inputs) actual += scn_test::outcome_line(in);
  if (std::getenv("SCN_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(golden_path, std::ios::binary) << actual;
    return;
  }
  std::istringstream want(scn_test::read_binary(golden_path)), got(actual);
  std::string w, g;
  int differences = 0;
  while (std::getline(want, w) && differences < 5) {
    if (!std::getline(got, g)) g = "(missing)";
    if (w != g) {
      ++differences;
      CHECK_MESSAGE(w == g, "expected: " << w << "\n     got: " << g);
    }
  }
  CHECK(differences == 0);
  CHECK_FALSE(std::getline(got, g));  // no extra inputs either
}
