// Executor: a wait step (scn_wait). Time passes with the event loop running, so timers
// and retransmissions go on and what the parties under test send queues in the inbox
// for the steps after the wait.
#include "executor/executor.h"

namespace scn {

int Executor::wait(unsigned ms) {
  if (stopped()) return SCN_STOP;
  const Millis deadline = loop_.now() + ms;
  while (!stopped() && loop_.now() < deadline) loop_.run_once(deadline - loop_.now());
  return stopped() ? SCN_STOP : SCN_OK;
}

}  // namespace scn
