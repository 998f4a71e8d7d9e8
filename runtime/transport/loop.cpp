#include "transport/transport.h"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <vector>

namespace scn {

Millis SteadyClock::now() const {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<Millis>(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

namespace {

// raise()'s eventfd in the loop's epoll: no watch has id 0.
constexpr std::uint64_t wake_key = 0;

}  // namespace

std::uint32_t to_epoll(unsigned events) {
  std::uint32_t bits = 0;
  if (events & io_readable) bits |= EPOLLIN;
  if (events & io_writable) bits |= EPOLLOUT;
  return bits;
}

unsigned from_epoll(std::uint32_t bits) {
  unsigned events = 0;
  if (bits & (EPOLLIN | EPOLLPRI)) events |= io_readable;
  if (bits & EPOLLOUT) events |= io_writable;
  if (bits & (EPOLLERR | EPOLLHUP | EPOLLRDHUP)) events |= io_readable | io_writable;
  return events;
}

Loop::Loop(Clock* clock, Waiter* waiter) : clock_(clock), waiter_(waiter) {
  if (!clock_) {
    own_clock_ = std::make_unique<SteadyClock>();
    clock_ = own_clock_.get();
  }
  if (!waiter_) (void)open_epoll();
}

Loop::~Loop() {
  if (wake_fd_ >= 0) close(wake_fd_);
  if (epoll_fd_ >= 0) close(epoll_fd_);
}

bool Loop::open_epoll() {
  epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
  if (epoll_fd_ < 0) error_ = std::string("epoll_create1: ") + std::strerror(errno);
  return epoll_fd_ >= 0;
}

void Loop::set_waiter(Waiter* waiter) {
  if (waiter == waiter_) return;
  for (const auto& [id, watch] : watches_) detach(watch.fd);
  if (wake_fd_ >= 0) close(wake_fd_);  // a waiter is woken by raise() itself
  wake_fd_ = -1;
  if (epoll_fd_ >= 0) close(epoll_fd_);
  epoll_fd_ = -1;
  error_.clear();
  waiter_ = waiter;
  if (!waiter_ && !open_epoll()) return;
  for (const auto& [id, watch] : watches_) (void)attach(watch.fd, watch.events, id);
  if (!waiter_ && !signals_.empty()) (void)open_wake_fd();
}

// raise()'s eventfd in the loop's epoll, for a loop without a waiter.
bool Loop::open_wake_fd() {
  const int fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.u64 = wake_key;
  if (fd < 0 || epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &ev) != 0) {
    if (fd >= 0) close(fd);
    return false;
  }
  wake_fd_ = fd;
  return true;
}

// Where a descriptor's watch goes: the waiter's poll, or the loop's epoll.
bool Loop::attach(int fd, unsigned events, WatchId id) {
  if (waiter_) return waiter_->add(fd, events);
  epoll_event ev{};
  ev.events = to_epoll(events);
  // The id, not the fd, identifies the watch: a descriptor number can be reused within
  // one batch of events after its owner closed it.
  ev.data.u64 = id;
  return epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &ev) == 0;
}

void Loop::detach(int fd) {
  if (waiter_)
    waiter_->remove(fd);
  else if (epoll_fd_ >= 0)
    epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
}

TimerId Loop::schedule(Millis delay, std::function<void()> callback) {
  return timers_.add(now() + std::max<Millis>(delay, 0), std::move(callback));
}

WatchId Loop::watch(int fd, unsigned events, std::function<void(unsigned)> callback) {
  if (!ok() || fd < 0) return 0;
  WatchId id = next_watch_++;
  if (!attach(fd, events, id)) return 0;
  watches_.emplace(id, Watch{fd, events, std::move(callback)});
  return id;
}

WatchId Loop::watch_signal(std::function<void()> callback) {
  if (!ok()) return 0;
  // A waiter is woken by raise() itself; a loop that blocks in epoll_wait needs an
  // eventfd there.
  if (!waiter_ && wake_fd_ < 0 && !open_wake_fd()) return 0;
  WatchId id = next_watch_++;
  signals_.emplace(id, std::move(callback));
  return id;
}

void Loop::raise(WatchId id) {
  {
    std::lock_guard lock(raised_mutex_);
    raised_.push_back(id);
    any_raised_.store(true, std::memory_order_release);
  }
  if (waiter_) {
    waiter_->wake();
  } else if (wake_fd_ >= 0) {
    const std::uint64_t one = 1;
    (void)!write(wake_fd_, &one, sizeof one);
  }
}

std::size_t Loop::run_raised() {
  if (!any_raised_.load(std::memory_order_acquire)) return 0;
  std::vector<WatchId> ids;
  {
    std::lock_guard lock(raised_mutex_);
    ids.swap(raised_);
    any_raised_.store(false, std::memory_order_relaxed);
  }
  std::size_t ran = 0;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (std::find(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(i), ids[i]) !=
        ids.begin() + static_cast<std::ptrdiff_t>(i))
      continue;  // raised twice: runs once
    auto it = signals_.find(ids[i]);
    if (it == signals_.end()) continue;  // unwatched since
    auto callback = it->second;          // copy: the callback may unwatch itself
    callback();
    ++ran;
  }
  return ran;
}

bool Loop::modify(WatchId id, unsigned events) {
  auto it = watches_.find(id);
  if (it == watches_.end()) return false;
  it->second.events = events;
  if (waiter_) return waiter_->modify(it->second.fd, events);
  epoll_event ev{};
  ev.events = to_epoll(events);
  ev.data.u64 = id;
  return epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, it->second.fd, &ev) == 0;
}

void Loop::unwatch(WatchId id) {
  auto it = watches_.find(id);
  if (it == watches_.end()) {
    signals_.erase(id);
    return;
  }
  detach(it->second.fd);
  watches_.erase(it);
}

std::size_t Loop::dispatch_io(Millis wait) {
  if (!ok()) return 0;
  int timeout = static_cast<int>(std::min<Millis>(wait, 24 * 3600 * 1000));
  if (waiter_) return dispatch_waited(timeout);
  constexpr int max_events = 64;
  epoll_event events[max_events];
  if (any_raised_.load(std::memory_order_acquire)) timeout = 0;
  std::size_t ran = run_raised();
  int n = epoll_wait(epoll_fd_, events, max_events, timeout);
  if (n <= 0) return ran;  // EINTR counts as an idle wake-up
  for (int i = 0; i < n; ++i) {
    // A copy: epoll_event is packed on x86-64, so a reference to its u64 is misaligned.
    const WatchId id = events[i].data.u64;
    if (id == wake_key) {
      std::uint64_t count = 0;
      (void)!read(wake_fd_, &count, sizeof count);
      ran += run_raised();
      continue;
    }
    auto it = watches_.find(id);
    if (it == watches_.end()) continue;  // unwatched by an earlier callback of this batch
    auto callback = it->second.callback;  // copy: the callback may unwatch itself
    callback(from_epoll(events[i].events));
    ++ran;
  }
  return ran;
}

// On a waiter: it waits (and polls the descriptors) unless a signal is raised already, as
// its scheduler resumed the loop just after it polled.
std::size_t Loop::dispatch_waited(int timeout) {
  const bool raised = any_raised_.load(std::memory_order_acquire);
  if (!raised && (timeout > 0 || !watches_.empty())) waiter_->wait(timeout);
  std::size_t ran = run_raised();
  // Local: a callback may run the loop again.
  std::vector<std::pair<int, unsigned>> ready;
  waiter_->take_ready(ready);
  for (const std::pair<int, unsigned>& entry : ready) {
    const int fd = entry.first;
    auto it = std::find_if(watches_.begin(), watches_.end(),
                           [fd](const auto& watch) { return watch.second.fd == fd; });
    // Unwatched since it was found ready (by an earlier callback), or a registration the
    // loop no longer has: the waiter stops watching it.
    if (it == watches_.end()) {
      waiter_->remove(fd);
      continue;
    }
    auto callback = it->second.callback;  // copy: the callback may unwatch itself
    callback(entry.second);
    ++ran;
  }
  return ran;
}

std::size_t Loop::run_once(Millis max_wait) {
  Millis wait = std::max<Millis>(max_wait, 0);
  if (auto due = timers_.next_due()) wait = std::clamp<Millis>(*due - now(), 0, wait);
  std::size_t ran = dispatch_io(clock_->manual() ? 0 : wait);
  if (clock_->manual() && ran == 0 && wait > 0) clock_->advance(wait);
  return ran + timers_.fire_due(now());
}

bool Loop::run_until(const std::function<bool()>& done, Millis timeout) {
  const Millis deadline = now() + std::max<Millis>(timeout, 0);
  while (!done()) {
    Millis left = deadline - now();
    if (left <= 0) return done();
    run_once(left);
  }
  return true;
}

void Timer::start(Millis delay, std::function<void()> callback) {
  stop();
  id_ = loop_->schedule(delay, std::move(callback));
}

void Timer::stop() {
  if (id_ != no_timer) loop_->cancel(id_);
  id_ = no_timer;
}

}  // namespace scn

// The timer queue: ordered one-shot timers (see TimerQueue in transport.h).
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
