#include "transport/timer_queue.h"

namespace scn {

TimerId TimerQueue::add(Millis due, std::function<void()> callback) {
  TimerId id = next_id_++;
  by_due_.emplace(std::make_pair(due, id), std::move(callback));
  due_of_.emplace(id, due);
  return id;
}

bool TimerQueue::cancel(TimerId id) {
  auto it = due_of_.find(id);
  if (it == due_of_.end()) return false;
  by_due_.erase(std::make_pair(it->second, id));
  due_of_.erase(it);
  return true;
}

std::optional<Millis> TimerQueue::next_due() const {
  if (by_due_.empty()) return std::nullopt;
  return by_due_.begin()->first.first;
}

std::size_t TimerQueue::fire_due(Millis now) {
  const TimerId added_before = next_id_;
  std::size_t fired = 0;
  for (;;) {
    auto it = by_due_.begin();
    // Ids grow monotonically, so skipping ids >= added_before skips timers added meanwhile.
    while (it != by_due_.end() && it->first.first <= now && it->first.second >= added_before)
      ++it;
    if (it == by_due_.end() || it->first.first > now) break;
    auto callback = std::move(it->second);
    due_of_.erase(it->first.second);
    by_due_.erase(it);
    ++fired;
    if (callback) callback();
  }
  return fired;
}

}  // namespace scn
