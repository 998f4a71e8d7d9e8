// Private to the tester module: what the three drivers share (reporting from the loop)
// and how make_driver() builds each of them.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "tester/tester.h"
#include "transport/transport.h"

namespace scn::tester {

// A driver whose outcomes reach `done` from a loop timer, never from inside act() or
// an I/O callback: `done` may destroy the driver, so it runs when nothing of the driver
// is on the stack, and not at all once cancel() or the destructor came first.
class DriverBase : public Driver {
protected:
  explicit DriverBase(Loop& loop) : loop_(loop) {}

  // Calls done(result) from the loop at once, unless forget_posted() or the destructor
  // comes first.
  void post(Done done, Result<void> result);
  // Outcomes posted so far are dropped (cancel()).
  void forget_posted() { ++generation_; }

  Loop& loop_;

private:
  std::shared_ptr<char> life_ = std::make_shared<char>(0);
  std::uint64_t generation_ = 0;
};

std::unique_ptr<Driver> make_ctrl_driver(Loop& loop, const net::Address& server);
std::unique_ptr<Driver> make_cmd_driver(Loop& loop, std::string line);
std::unique_ptr<Driver> make_prompt_driver(Loop& loop, const Console& console);

}  // namespace scn::tester
