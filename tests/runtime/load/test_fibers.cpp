// Load mode's fibers: a loop run on a fiber yields its thread while it waits, wakes on
// its descriptors or its deadline, and every job posted runs to its end.
#include <doctest/doctest.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "load/load.h"

namespace {

using namespace std::chrono_literals;

// Waits (bounded) until done() holds.
template <typename Done>
bool eventually(Done done) {
  const auto until = std::chrono::steady_clock::now() + 5s;
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

void signal(int fd) {
  const std::uint64_t one = 1;
  REQUIRE(write(fd, &one, sizeof one) == sizeof one);
}

// A job that runs a loop watching an eventfd until it is readable (or 10 s pass).
struct Waiting {
  int fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  std::atomic<bool> started{false}, woken{false};
  ~Waiting() { close(fd); }

  void run(scn::Loop::Waiter& waiter) {
    scn::Loop loop;
    loop.set_waiter(&waiter);
    bool readable = false;
    loop.watch(fd, scn::io_readable, [&](unsigned) { readable = true; });
    started = true;
    loop.run_until([&] { return readable; }, 10000);
    woken = readable;
  }
};

}  // namespace

TEST_CASE("fibers: a waiting loop yields its thread to the other fibers") {
  scn::load::Fibers fibers;
  REQUIRE(fibers.start(1).ok());  // one thread: both fibers share it
  Waiting first, second;
  REQUIRE(fibers.spawn([&](scn::Loop::Waiter& waiter) { first.run(waiter); }));
  REQUIRE(fibers.spawn([&](scn::Loop::Waiter& waiter) { second.run(waiter); }));
  // The second started although the first waits on the same thread.
  REQUIRE(eventually([&] { return first.started && second.started; }));
  CHECK(fibers.running() == 2);
  signal(second.fd);  // the later one wakes first, from another thread
  REQUIRE(eventually([&] { return second.woken.load(); }));
  CHECK_FALSE(first.woken);
  CHECK(fibers.running() == 1);
  signal(first.fd);
  REQUIRE(eventually([&] { return first.woken.load(); }));
  fibers.stop();
  CHECK(fibers.running() == 0);
}

TEST_CASE("fibers: a loop's timer wakes its fiber when no descriptor does") {
  scn::load::Fibers fibers;
  REQUIRE(fibers.start(1).ok());
  std::atomic<bool> fired{false};
  std::atomic<long> waited_ms{0};
  REQUIRE(fibers.spawn([&](scn::Loop::Waiter& waiter) {
    scn::Loop loop;
    loop.set_waiter(&waiter);
    const auto start = std::chrono::steady_clock::now();
    bool done = false;
    loop.schedule(50, [&] { done = true; });
    loop.run_until([&] { return done; }, 10000);
    fired = done;
    waited_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::steady_clock::now() - start)
                    .count();
  }));
  fibers.stop();  // waits for the fiber
  CHECK(fired);
  CHECK(waited_ms >= 50);
}

TEST_CASE("fibers: many jobs on two threads all end, a throwing one too") {
  scn::load::Fibers fibers;
  REQUIRE(fibers.start(2).ok());
  std::atomic<int> ended{0};
  for (int i = 0; i < 300; ++i)
    REQUIRE(fibers.spawn([&, i](scn::Loop::Waiter& waiter) {
      scn::Loop loop;
      loop.set_waiter(&waiter);
      loop.run_once(1 + i % 7);  // each yields at least once
      ++ended;
      if (i == 7) throw std::runtime_error("a job's own failure");
    }));
  fibers.stop();
  CHECK(ended == 300);
  CHECK(fibers.running() == 0);
}

TEST_CASE("fibers: no job is taken once stopped, nor before start") {
  scn::load::Fibers idle;
  CHECK_FALSE(idle.spawn([](scn::Loop::Waiter&) {}));
  scn::load::Fibers fibers;
  REQUIRE(fibers.start(1).ok());
  fibers.stop();
  CHECK_FALSE(fibers.spawn([](scn::Loop::Waiter&) {}));
}
