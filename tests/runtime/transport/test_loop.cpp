#include <doctest/doctest.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "transport/transport.h"

using scn::FakeClock;
using scn::Loop;
using scn::Millis;
using scn::TimerQueue;

TEST_CASE("timer queue fires in due order and same-time timers in insertion order") {
  TimerQueue q;
  std::string order;
  q.add(30, [&] { order += "c"; });
  q.add(10, [&] { order += "a"; });
  q.add(10, [&] { order += "b"; });
  CHECK(q.next_due() == 10);
  CHECK(q.fire_due(9) == 0);
  CHECK(q.fire_due(10) == 2);
  CHECK(order == "ab");
  CHECK(q.fire_due(100) == 1);
  CHECK(order == "abc");
  CHECK_FALSE(q.next_due().has_value());
}

TEST_CASE("timer queue cancel and timers added while firing") {
  TimerQueue q;
  int fired = 0;
  auto id = q.add(5, [&] { ++fired; });
  CHECK(q.cancel(id));
  CHECK_FALSE(q.cancel(id));
  // A zero-delay timer added by a callback waits for the next round.
  q.add(1, [&] {
    ++fired;
    q.add(1, [&] { fired += 10; });
  });
  CHECK(q.fire_due(1) == 1);
  CHECK(fired == 1);
  CHECK(q.fire_due(1) == 1);
  CHECK(fired == 11);
}

TEST_CASE("loop on a fake clock advances time to the next timer when idle") {
  FakeClock clock(1000);
  Loop loop(&clock);
  REQUIRE(loop.ok());
  std::vector<Millis> fired_at;
  loop.schedule(500, [&] { fired_at.push_back(loop.now()); });
  loop.schedule(200, [&] { fired_at.push_back(loop.now()); });
  bool done = loop.run_until([&] { return fired_at.size() == 2; }, 10000);
  CHECK(done);
  CHECK(fired_at == std::vector<Millis>{1200, 1500});
}

TEST_CASE("run_until gives up at its deadline") {
  FakeClock clock;
  Loop loop(&clock);
  bool fired = false;
  loop.schedule(5000, [&] { fired = true; });
  CHECK_FALSE(loop.run_until([&] { return fired; }, 1000));
  CHECK(clock.now() == 1000);
  CHECK(loop.run_until([&] { return fired; }, 10000));
  CHECK(clock.now() == 5000);
}

TEST_CASE("Timer slot re-arms and cancels on destruction") {
  FakeClock clock;
  Loop loop(&clock);
  int a = 0, b = 0;
  {
    scn::Timer t(loop);
    t.start(100, [&] { ++a; });
    t.start(50, [&] { ++b; });  // replaces the first
    CHECK(t.running());
    loop.run_until([&] { return b == 1; }, 1000);
    CHECK_FALSE(t.running());
    t.start(100, [&] { ++a; });
  }  // destroyed while pending
  loop.run_until([] { return false; }, 1000);
  CHECK(a == 0);
  CHECK(b == 1);
  CHECK(loop.timer_count() == 0);
}

TEST_CASE("loop dispatches a readable pipe and stops watching on request") {
  Loop loop;  // real clock
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  int reads = 0;
  scn::WatchId id = 0;
  id = loop.watch(fds[0], scn::io_readable, [&](unsigned ready) {
    CHECK((ready & scn::io_readable) != 0);
    char c;
    CHECK(read(fds[0], &c, 1) == 1);
    ++reads;
    loop.unwatch(id);  // from inside its own callback
  });
  REQUIRE(id != 0);
  REQUIRE(write(fds[1], "xy", 2) == 2);
  CHECK(loop.run_until([&] { return reads == 1; }, 2000));
  // Still one byte in the pipe, but the watch is gone.
  loop.run_once(20);
  CHECK(reads == 1);
  close(fds[0]);
  close(fds[1]);
}

TEST_CASE("real-clock timer fires within a bounded wait") {
  Loop loop;
  bool fired = false;
  loop.schedule(10, [&] { fired = true; });
  CHECK(loop.run_until([&] { return fired; }, 5000));
}

TEST_CASE("loop signal: raised twice before the loop turns, its callback runs once") {
  Loop loop;
  int ran = 0;
  const scn::WatchId id = loop.watch_signal([&] { ++ran; });
  REQUIRE(id != 0);
  loop.raise(id);
  loop.raise(id);
  loop.run_once(0);
  CHECK(ran == 1);
  loop.run_once(0);
  CHECK(ran == 1);  // not raised again
  loop.unwatch(id);
  loop.raise(id);  // a late raise of a signal gone runs nothing
  loop.run_once(0);
  CHECK(ran == 1);
}

TEST_CASE("loop signal: raised from another thread, it wakes a loop blocked in epoll_wait") {
  Loop loop;
  bool ran = false;
  const scn::WatchId id = loop.watch_signal([&] { ran = true; });
  REQUIRE(id != 0);
  std::thread raiser([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    loop.raise(id);
  });
  // Without the raise the loop would sleep out the 10 s and the test time out.
  CHECK(loop.run_until([&] { return ran; }, 10000));
  raiser.join();
}
