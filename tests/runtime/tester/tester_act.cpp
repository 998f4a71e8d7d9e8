// tester_act: one action through an upper-tester driver, for the tests that drive real
// UEs. `tester_act [--timeout MS] [--party NAME] SPEC ACTION [OPERAND...]` makes the
// driver SPEC (a --drive value) do ACTION, prints "ok" or "FAIL: reason" and exits 0, 1,
// or 2 when the driver did not answer within the timeout (default 10000 ms) or SPEC is bad.
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "tester/tester.h"
#include "transport/transport.h"

namespace {

struct Options {
  scn::Millis timeout = 10000;
  std::string spec;
  scn::tester::Action action{"UE1", "", {}};
};

std::optional<Options> parse(int argc, char** argv) {
  Options options;
  int i = 1;
  for (; i + 1 < argc && std::string_view(argv[i]).starts_with("--"); i += 2) {
    const std::string_view name = argv[i];
    if (name == "--timeout") {
      options.timeout = std::atoll(argv[i + 1]);
    } else if (name == "--party") {
      options.action.party = argv[i + 1];
    } else {
      return std::nullopt;
    }
  }
  if (argc - i < 2 || options.timeout <= 0) return std::nullopt;
  options.spec = argv[i];
  options.action.name = argv[i + 1];
  for (i += 2; i < argc; ++i) options.action.args.emplace_back(argv[i]);
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  auto options = parse(argc, argv);
  if (!options) {
    std::fprintf(stderr, "usage: tester_act [--timeout MS] [--party NAME] SPEC ACTION [OPERAND...]\n");
    return 2;
  }
  scn::Loop loop;
  auto driver = scn::tester::make_driver(options->spec, loop);
  if (!driver) {
    std::fprintf(stderr, "tester_act: %s\n", driver.reason().c_str());
    return 2;
  }
  std::optional<scn::Result<void>> outcome;
  driver.value()->act(options->action, [&](scn::Result<void> r) { outcome = std::move(r); });
  if (!loop.run_until([&] { return outcome.has_value(); }, options->timeout)) {
    driver.value()->cancel();
    std::printf("FAIL: no answer from %s within %lld ms\n", driver.value()->describe().c_str(),
                static_cast<long long>(options->timeout));
    return 2;
  }
  if (!outcome->ok()) {
    std::printf("FAIL: %s\n", outcome->reason().c_str());
    return 1;
  }
  std::printf("ok\n");
  return 0;
}
