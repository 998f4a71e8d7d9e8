// The one event loop of the runtime: file descriptor watches (epoll) and timers on an
// injectable monotonic clock. Everything runs on the thread that calls run_once/run_until;
// there are no threads of its own.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

#include "transport/timer_queue.h"

namespace scn {

// Time source of a loop. The real one reads CLOCK_MONOTONIC; the fake one only moves when
// told to, so timer-driven state machines can be tested without sleeping.
class Clock {
public:
  virtual ~Clock() = default;
  virtual Millis now() const = 0;
  // A manual clock does not move by itself: the loop then polls descriptors without blocking
  // and, when idle, advances the clock to the next timer instead of waiting for it.
  virtual bool manual() const { return false; }
  virtual void advance(Millis) {}
};

class SteadyClock final : public Clock {
public:
  Millis now() const override;
};

class FakeClock final : public Clock {
public:
  explicit FakeClock(Millis start = 0) : now_(start) {}
  Millis now() const override { return now_; }
  bool manual() const override { return true; }
  void advance(Millis by) override { now_ += by > 0 ? by : 0; }

private:
  Millis now_;
};

using WatchId = std::uint64_t;

// Readiness bits passed to and from watches. Errors and hang-ups are reported as both
// readable and writable so the owner finds out from its next read or write.
enum IoEvent : unsigned { io_readable = 1u, io_writable = 2u };

class Loop {
public:
  // Uses the given clock (not owned; must outlive the loop) or, when null, a steady clock.
  explicit Loop(Clock* clock = nullptr);
  ~Loop();
  Loop(const Loop&) = delete;
  Loop& operator=(const Loop&) = delete;

  // False when the kernel refused an epoll instance; error() says why.
  bool ok() const { return epoll_fd_ >= 0; }
  const std::string& error() const { return error_; }

  Millis now() const { return clock_->now(); }
  Clock& clock() { return *clock_; }

  // One-shot timer `delay` ms from now (negative counts as 0).
  TimerId schedule(Millis delay, std::function<void()> callback);
  bool cancel(TimerId id) { return timers_.cancel(id); }
  bool pending(TimerId id) const { return timers_.pending(id); }
  std::size_t timer_count() const { return timers_.size(); }

  // Watches fd for the given IoEvent bits. The loop does not own fd; unwatch before closing.
  // Returns 0 when the kernel refuses the descriptor.
  WatchId watch(int fd, unsigned events, std::function<void(unsigned ready)> callback);
  bool modify(WatchId id, unsigned events);
  void unwatch(WatchId id);

  // Waits at most max_wait ms (0: just poll) for descriptors or timers, then dispatches
  // whatever is ready. Returns the number of callbacks run.
  std::size_t run_once(Millis max_wait);
  // Runs until done() is true or `timeout` ms have passed on the loop's clock.
  // Returns done()'s final value.
  bool run_until(const std::function<bool()>& done, Millis timeout);

private:
  struct Watch {
    int fd;
    std::function<void(unsigned)> callback;
  };

  std::size_t dispatch_io(Millis wait);

  std::unique_ptr<Clock> own_clock_;
  Clock* clock_;
  int epoll_fd_ = -1;
  std::string error_;
  TimerQueue timers_;
  std::unordered_map<WatchId, Watch> watches_;
  WatchId next_watch_ = 1;
};

// A timer slot that cancels its pending timer when re-armed or destroyed, for the named
// timers (A to K, retransmission) of the state machines.
class Timer {
public:
  explicit Timer(Loop& loop) : loop_(&loop) {}
  ~Timer() { stop(); }
  Timer(const Timer&) = delete;
  Timer& operator=(const Timer&) = delete;

  void start(Millis delay, std::function<void()> callback);
  void stop();
  bool running() const { return id_ != no_timer && loop_->pending(id_); }

private:
  Loop* loop_;
  TimerId id_ = no_timer;
};

}  // namespace scn
