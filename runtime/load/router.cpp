// Which instance owns a Call-ID, for the dispatcher threads and the instances' sends.
#include "load/load.h"

namespace scn::load {

bool Router::add(std::string_view call_id, const std::shared_ptr<Channel>& channel) {
  std::lock_guard lock(mutex_);
  auto [it, added] = routes_.try_emplace(std::string(call_id), channel);
  if (!added) return it->second == channel;
  owned_[channel.get()].push_back(it->first);
  return true;
}

std::shared_ptr<Channel> Router::find(std::string_view call_id) const {
  std::lock_guard lock(mutex_);
  auto it = routes_.find(call_id);
  return it == routes_.end() ? nullptr : it->second;
}

void Router::remove(const Channel& channel, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto owned = owned_.find(&channel);
  if (owned == owned_.end()) return;
  for (const std::string& call_id : owned->second) {
    routes_.erase(call_id);
    const std::size_t hash = Hash{}(call_id);
    ended_order_.emplace_back(now, hash);
    ++ended_[hash];
  }
  owned_.erase(owned);
}

bool Router::ended_recently(std::string_view call_id) const {
  std::lock_guard lock(mutex_);
  return ended_.contains(Hash{}(call_id));
}

void Router::prune(Clock::time_point before) {
  std::lock_guard lock(mutex_);
  // Instances end on several threads: a time a little out of order is pruned a little late.
  while (!ended_order_.empty() && ended_order_.front().first < before) {
    auto it = ended_.find(ended_order_.front().second);
    if (it != ended_.end() && --it->second == 0) ended_.erase(it);
    ended_order_.pop_front();
  }
}

std::size_t Router::size() const {
  std::lock_guard lock(mutex_);
  return routes_.size();
}

}  // namespace scn::load
