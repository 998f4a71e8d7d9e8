// Executor: making a party under test act through the upper tester (scn_act). The
// party's driver (--drive; without one, `prompt` when an operator is at a terminal)
// starts the action; the loop runs until it reports or the step's time is up, the
// party's messages queueing for the next steps meanwhile.
#include <unistd.h>

#include <memory>

#include "executor/executor.h"

namespace scn {

namespace {

// What the driver said, kept apart from the step so that a late report cannot reach a
// step that is over.
struct Outcome {
  bool done = false;
  Result<void> result;
};

}  // namespace

Result<std::unique_ptr<tester::Driver>> default_driver(std::string_view spec, Loop& loop) {
  return tester::make_driver(spec, loop);
}

// The driver of a party: its --drive, else an operator at the terminal, else none.
tester::Driver* Executor::driver_of(party::Index party) {
  if (party < drivers_.size() && drivers_[party]) return drivers_[party].get();
  if (!::isatty(STDIN_FILENO)) return nullptr;
  auto made = options_.make_driver ? options_.make_driver("prompt", loop_)
                                   : default_driver("prompt", loop_);
  if (!made) return nullptr;
  drivers_.resize(roster_.size());
  drivers_[party] = std::move(made).value();
  return drivers_[party].get();
}

int Executor::act(std::string_view action, std::vector<std::string> args, unsigned timeout_ms) {
  if (stopped()) return SCN_STOP;
  const party::Index party = step_.to;
  if (!roster_.under_test(party)) {
    set_error("scn_act outside a step that makes a party under test act");
    return SCN_STOP;
  }
  const std::string what = name_of(party) + ": " + std::string(action);
  tester::Driver* driver = driver_of(party);
  if (!driver) {
    set_error(what + ": no upper tester for " + name_of(party) + ": give --drive " +
              name_of(party) + "=SPEC");
    return SCN_STOP;
  }
  auto outcome = std::make_shared<Outcome>();
  driver->act({name_of(party), std::string(action), std::move(args)},
              [outcome](Result<void> result) {
                outcome->done = true;
                outcome->result = std::move(result);
              });
  const unsigned wait = timeout_ms ? timeout_ms : options_.timeout_ms;
  const Millis deadline = loop_.now() + wait;
  while (!outcome->done && !stopped() && loop_.now() < deadline)
    loop_.run_once(deadline - loop_.now());
  if (!outcome->done) {
    driver->cancel();
    if (stopped()) return SCN_STOP;  // a verdict came meanwhile (a malformed message)
    set_fail(what + ": no answer from the driver within " + seconds_text(wait));
    return SCN_STOP;
  }
  if (!outcome->result) {
    set_fail(what + ": " + outcome->result.reason());
    return SCN_STOP;
  }
  return stopped() ? SCN_STOP : SCN_OK;
}

}  // namespace scn
