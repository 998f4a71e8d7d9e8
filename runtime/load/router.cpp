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
  auto it = routes_.find(std::string(call_id));
  return it == routes_.end() ? nullptr : it->second;
}

void Router::remove(const Channel& channel, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto owned = owned_.find(&channel);
  if (owned == owned_.end()) return;
  for (const std::string& call_id : owned->second) {
    routes_.erase(call_id);
    ended_[call_id] = now;
  }
  owned_.erase(owned);
}

bool Router::ended_recently(std::string_view call_id) const {
  std::lock_guard lock(mutex_);
  return ended_.contains(std::string(call_id));
}

void Router::prune(Clock::time_point before) {
  std::lock_guard lock(mutex_);
  std::erase_if(ended_, [&](const auto& entry) { return entry.second < before; });
}

std::size_t Router::size() const {
  std::lock_guard lock(mutex_);
  return routes_.size();
}

}  // namespace scn::load
