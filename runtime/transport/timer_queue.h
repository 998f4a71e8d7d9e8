// Ordered one-shot timers on an abstract millisecond clock. The event loop owns one; it is
// separate so its ordering rules can be tested without file descriptors.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <unordered_map>
#include <utility>

namespace scn {

// Milliseconds on a monotonic clock (the loop's clock, real or fake).
using Millis = std::int64_t;

using TimerId = std::uint64_t;
inline constexpr TimerId no_timer = 0;

class TimerQueue {
public:
  // Adds a timer due at `due`; timers with the same due time fire in the order added.
  TimerId add(Millis due, std::function<void()> callback);
  // Returns false when the timer already fired or was cancelled.
  bool cancel(TimerId id);
  bool pending(TimerId id) const { return due_of_.count(id) != 0; }
  std::optional<Millis> next_due() const;
  // Fires every timer due at or before `now`, earliest first. Timers that callbacks add
  // during this call wait for the next call, so a zero-delay timer cannot starve the loop.
  std::size_t fire_due(Millis now);
  std::size_t size() const { return due_of_.size(); }

private:
  std::map<std::pair<Millis, TimerId>, std::function<void()>> by_due_;
  std::unordered_map<TimerId, Millis> due_of_;
  TimerId next_id_ = 1;
};

}  // namespace scn
