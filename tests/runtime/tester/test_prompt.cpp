// The prompt driver with pipes (and a file) as the operator's console.
#include <doctest/doctest.h>

#include <cstdio>
#include <string>

#include "support.h"

using namespace scn;
using namespace scn::testing;
using scn::tester::Action;

namespace {

const Action dial{"UE1", "dial", {"sip:user2@home2.net"}};
const Action hangup{"UE2", "hangup", {}};

const std::string dial_prompt =
    "UPPER TESTER: make UE1 dial sip:user2@home2.net, then press Enter (or type: fail REASON)\n";

struct Console {
  Pipe in, out;
  tester::Console fds() { return {in.read.get(), out.write.get()}; }
};

}  // namespace

TEST_CASE("tester prompt: the prompt names the party, the action and its operands") {
  CHECK(tester::prompt_text(dial) + "\n" == dial_prompt);
  CHECK(tester::prompt_text(hangup) ==
        "UPPER TESTER: make UE2 hangup, then press Enter (or type: fail REASON)");
}

TEST_CASE("tester prompt: Enter completes the action") {
  Loop loop;
  Console console;
  auto drv = driver("prompt", loop, console.fds());
  CHECK(drv->describe() == "prompt");
  Outcome outcome;
  drv->act(dial, outcome.done());
  run_for(loop, 20);
  CHECK(console.out.drain() == dial_prompt);
  CHECK_FALSE(outcome.reported());
  write_all(console.in.write.get(), "\n");
  REQUIRE(wait_for(loop, outcome));
  CHECK_MESSAGE(outcome.result.ok(), outcome.result.reason());
  run_for(loop, 20);
  CHECK(outcome.calls == 1);
}

TEST_CASE("tester prompt: any other line completes it, fail REASON fails it") {
  Loop loop;
  Console console;
  auto drv = driver("prompt", loop, console.fds());
  const std::pair<std::string, std::string> answers[] = {
      {"done, it rings\n", ""},
      {"fail the UE shows no call\n", "the UE shows no call"},
      {"  FAIL:  busy  \r\n", "busy"},
      {"fail\n", "failed (no reason given)"},
      {"failure is not the word\n", ""},
  };
  for (const auto& [line, reason] : answers) {
    Outcome outcome;
    drv->act(dial, outcome.done());
    write_all(console.in.write.get(), line);
    REQUIRE(wait_for(loop, outcome));
    CHECK_MESSAGE(outcome.result.reason() == reason, line);
    CHECK(outcome.result.ok() == reason.empty());
  }
}

TEST_CASE("tester prompt: a line split across writes, lines typed ahead answer later prompts") {
  Loop loop;
  Console console;
  auto drv = driver("prompt", loop, console.fds());
  Outcome first;
  drv->act(dial, first.done());
  write_all(console.in.write.get(), "fa");
  run_for(loop, 20);
  write_all(console.in.write.get(), "il no ");
  run_for(loop, 20);
  CHECK_FALSE(first.reported());
  write_all(console.in.write.get(), "ring\n\nfail third\n");
  REQUIRE(wait_for(loop, first));
  CHECK(first.result.reason() == "no ring");
  Outcome second, third;
  drv->act(hangup, second.done());
  REQUIRE(wait_for(loop, second));
  CHECK(second.result.ok());
  drv->act(hangup, third.done());
  REQUIRE(wait_for(loop, third));
  CHECK(third.result.reason() == "third");
}

TEST_CASE("tester prompt: the end of the operator's input fails the action") {
  Loop loop;
  Console console;
  auto drv = driver("prompt", loop, console.fds());
  write_all(console.in.write.get(), "fail last words");  // no newline, then the end
  console.in.write.reset();
  Outcome last, after;
  drv->act(dial, last.done());
  REQUIRE(wait_for(loop, last));
  CHECK(last.result.reason() == "last words");
  drv->act(dial, after.done());
  REQUIRE(wait_for(loop, after));
  CHECK(after.result.reason() == "operator input ended");
}

TEST_CASE("tester prompt: cancel stops waiting and says so") {
  Loop loop;
  Console console;
  auto drv = driver("prompt", loop, console.fds());
  Outcome cancelled;
  drv->act(dial, cancelled.done());
  run_for(loop, 20);
  drv->cancel();
  run_for(loop, 20);
  CHECK(console.out.drain() == dial_prompt + "UPPER TESTER: stopped waiting for UE1 dial\n");
  write_all(console.in.write.get(), "fail for the next one\n");
  run_for(loop, 20);
  CHECK(cancelled.calls == 0);
  Outcome next;
  drv->act(hangup, next.done());
  REQUIRE(wait_for(loop, next));
  CHECK(next.result.reason() == "for the next one");
}

TEST_CASE("tester prompt: input from a regular file (which epoll refuses) is polled") {
  char path[] = "/tmp/scn-tester-prompt-XXXXXX";
  net::Fd file(::mkstemp(path));
  REQUIRE(file.valid());
  ::unlink(path);
  write_all(file.get(), "\nfail from a file\n");
  REQUIRE(::lseek(file.get(), 0, SEEK_SET) == 0);
  Loop loop;
  Pipe out;
  auto drv = driver("prompt", loop, {file.get(), out.write.get()});
  Outcome first, second, third;
  drv->act(dial, first.done());
  REQUIRE(wait_for(loop, first));
  CHECK(first.result.ok());
  drv->act(dial, second.done());
  REQUIRE(wait_for(loop, second));
  CHECK(second.result.reason() == "from a file");
  drv->act(dial, third.done());
  REQUIRE(wait_for(loop, third));
  CHECK(third.result.reason() == "operator input ended");
}

TEST_CASE("tester prompt: a second action while one is pending is refused") {
  Loop loop;
  Console console;
  auto drv = driver("prompt", loop, console.fds());
  Outcome first, second;
  drv->act(dial, first.done());
  drv->act(hangup, second.done());
  REQUIRE(wait_for(loop, second));
  CHECK(second.result.reason() == "prompt: another action is still pending");
  CHECK_FALSE(first.reported());
}
