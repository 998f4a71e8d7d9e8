// make_driver(): the --drive value read, and what the drivers share.
#include <fcntl.h>

#include <utility>

#include "tester/drivers.h"
#include "tester/tester.h"

namespace scn::tester {

namespace {

constexpr std::string_view kinds = "expected ctrl:HOST:PORT, cmd:COMMAND LINE or prompt";

Result<std::unique_ptr<Driver>> make_ctrl(std::string_view address, Loop& loop) {
  // Port 0 stands for "no port written" ("ctrl:127.0.0.1"), and cannot be connected to.
  auto server = net::Address::parse(address, 0);
  if (!server || server->port() == 0 || server->is_any())
    return make_error("ctrl:HOST:PORT: '" + std::string(address) +
                      "' is not a numeric address with a port (127.0.0.1:4444, [::1]:4444)");
  return make_ctrl_driver(loop, *server);
}

Result<std::unique_ptr<Driver>> make_cmd(std::string_view line, Loop& loop) {
  if (sip::trim(line).empty()) return make_error("cmd:COMMAND LINE: the command line is empty");
  return make_cmd_driver(loop, std::string(line));
}

Result<std::unique_ptr<Driver>> make_prompt(const Console& console, Loop& loop) {
  for (const int fd : {console.in, console.out}) {
    if (::fcntl(fd, F_GETFD) < 0)
      return make_error("prompt: the operator's console (descriptor " + std::to_string(fd) +
                        ") is not open");
  }
  return make_prompt_driver(loop, console);
}

}  // namespace

Result<std::unique_ptr<Driver>> make_driver(std::string_view spec, Loop& loop,
                                            const Console& console) {
  if (spec == "prompt") return make_prompt(console, loop);
  if (spec.starts_with("ctrl:")) return make_ctrl(spec.substr(5), loop);
  if (spec.starts_with("cmd:")) return make_cmd(spec.substr(4), loop);
  return make_error("unknown upper tester driver '" + std::string(spec) + "': " +
                    std::string(kinds));
}

void DriverBase::post(Done done, Result<void> result) {
  std::weak_ptr<char> life = life_;
  const std::uint64_t generation = generation_;
  loop_.schedule(0, [this, life, generation, done = std::move(done),
                     result = std::move(result)] {
    if (life.expired() || generation != generation_) return;
    done(result);
  });
}

}  // namespace scn::tester
