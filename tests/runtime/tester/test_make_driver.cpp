// make_driver(): the --drive values and their errors.
#include <doctest/doctest.h>

#include <string>

#include "support.h"

using namespace scn;

namespace {

std::string spec_error(std::string_view spec) {
  Loop loop;
  auto made = tester::make_driver(spec, loop);
  REQUIRE_FALSE(made.ok());
  return made.reason();
}

std::string described(std::string_view spec) {
  Loop loop;
  return testing::driver(spec, loop)->describe();
}

}  // namespace

TEST_CASE("tester make_driver: the three kinds and how they describe themselves") {
  CHECK(described("ctrl:127.0.0.1:4444") == "ctrl:127.0.0.1:4444");
  CHECK(described("ctrl:[::1]:4444") == "ctrl:[::1]:4444");
  CHECK(described("cmd:ue-ctl {party} {action} {args}") == "cmd:ue-ctl {party} {action} {args}");
  CHECK(described("prompt") == "prompt");
}

TEST_CASE("tester make_driver: an unknown kind lists the three") {
  const std::string kinds = "expected ctrl:HOST:PORT, cmd:COMMAND LINE or prompt";
  CHECK(spec_error("ssh:ue1") == "unknown upper tester driver 'ssh:ue1': " + kinds);
  CHECK(spec_error("") == "unknown upper tester driver '': " + kinds);
  CHECK(spec_error("prompt:x") == "unknown upper tester driver 'prompt:x': " + kinds);
  CHECK(spec_error("CTRL:127.0.0.1:4444") ==
        "unknown upper tester driver 'CTRL:127.0.0.1:4444': " + kinds);
}

TEST_CASE("tester make_driver: a ctrl address must be numeric, with a port") {
  for (const char* bad : {"localhost:4444", "127.0.0.1", "127.0.0.1:", "127.0.0.1:0",
                          "127.0.0.1:70000", "[::1]", "0.0.0.0:4444", ""}) {
    CHECK(spec_error(std::string("ctrl:") + bad) ==
          std::string("ctrl:HOST:PORT: '") + bad +
              "' is not a numeric address with a port (127.0.0.1:4444, [::1]:4444)");
  }
}

TEST_CASE("tester make_driver: a cmd needs a command line") {
  CHECK(spec_error("cmd:") == "cmd:COMMAND LINE: the command line is empty");
  CHECK(spec_error("cmd:   ") == "cmd:COMMAND LINE: the command line is empty");
}

TEST_CASE("tester make_driver: a prompt needs an open console") {
  Loop loop;
  auto made = tester::make_driver("prompt", loop, {-1, 2});
  REQUIRE_FALSE(made.ok());
  CHECK(made.reason() == "prompt: the operator's console (descriptor -1) is not open");
}
