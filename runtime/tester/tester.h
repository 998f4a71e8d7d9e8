// tester: the upper tester, which makes a party under test act (dial, answer, hang up,
// add a user to a conference, subscribe) when a test case's action step says so
// (`make UE1 dial "sip:..."`, scn_act). A driver per party, chosen by --drive:
//   ctrl:HOST:PORT   a UE speaking baresip's ctrl_tcp protocol (netstring-framed JSON)
//   cmd:COMMAND      a shell command line with {party} {action} {args} filled in
//   prompt           an operator at the terminal
// Drivers run inside the run's event loop: act() starts the action and returns at once;
// the driver reports the outcome through `done`, from a loop callback, exactly once,
// unless cancel() was called first.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/base.h"
#include "transport/transport.h"

namespace scn::tester {

struct Action {
  std::string party;              // "UE1"
  std::string name;               // "dial", "answer", "hangup", "transfer", ...
  std::vector<std::string> args;  // operands, evaluated ("sip:user2@home2.net")
};

// Ok, or why the action was not done, in words a verdict carries ("no call", "ctrl:
// connection refused by 127.0.0.1:4444").
using Done = std::function<void(Result<void>)>;

class Driver {
public:
  virtual ~Driver() = default;
  // Starts `action`; `done` is called later from the loop, exactly once.
  virtual void act(const Action& action, Done done) = 0;
  // The step gave up waiting: forget the pending action (its `done` is never called).
  virtual void cancel() = 0;
  // "ctrl:127.0.0.1:4444", for reports.
  virtual std::string describe() const = 0;
};

// Where the drivers print to and read from: the operator's terminal for `prompt`.
struct Console {
  int in = 0;   // read by `prompt`
  int out = 2;  // prompt text
};

// The driver a --drive value names, or why it cannot be made (unknown kind, bad
// address). Nothing connects or runs before the first act().
Result<std::unique_ptr<Driver>> make_driver(std::string_view spec, Loop& loop,
                                            const Console& console = {});

}  // namespace scn::tester
