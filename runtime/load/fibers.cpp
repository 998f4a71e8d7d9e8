// The threads load mode's instances run on: fibers (Boost.Context) scheduled per thread
// by one epoll, which watches every fiber's loop's descriptors, and a deadline set.
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <unistd.h>

#include <boost/context/fiber.hpp>
#include <cerrno>
#include <algorithm>
#include <cstring>
#include <deque>
#include <set>

#include "load/load.h"

// Under valgrind (callgrind, massif, memcheck) each stack is registered as one, so that
// the tools can walk a fiber's calls; outside valgrind the requests cost a few instructions.
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define SCN_STACK_REGISTER(low, high) VALGRIND_STACK_REGISTER(low, high)
#define SCN_STACK_DEREGISTER(id) VALGRIND_STACK_DEREGISTER(id)
#else
#define SCN_STACK_REGISTER(low, high) 0u
#define SCN_STACK_DEREGISTER(id) ((void)(id))
#endif

namespace scn::load {

namespace context = boost::context;

namespace {

Millis steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now().time_since_epoch())
      .count();
}

// mmap'd stacks with a guard page below, kept for the next fiber of the thread (last freed
// first, so the pages already touched serve again) and unmapped with the thread. Beyond
// the warm_stacks freed last, a stack free for cold_after_ms gives its pages back: after
// a peak of calls the pool's memory falls back with them (a soak that varies its load),
// while the stacks that steady traffic takes and returns stay resident. Not at once when
// freed: each give-back is a TLB shootdown on every core the process runs on, and with a
// scheduler thread per core, stacks given back as they were freed (3,300 a 5 s run at
// 12,800 calls/s) took a tenth of the SS's CPU in interrupts.
constexpr std::size_t warm_stacks = 64;
constexpr Millis cold_after_ms = 1000;

class StackPool {
public:
  explicit StackPool(std::size_t bytes) : bytes_(bytes), page_(sysconf(_SC_PAGESIZE)) {}
  ~StackPool() {
    for (const Free& f : free_) munmap(f.base, bytes_ + page_);
    for (unsigned id : registered_) SCN_STACK_DEREGISTER(id);
  }
  StackPool(const StackPool&) = delete;
  StackPool& operator=(const StackPool&) = delete;

  context::stack_context allocate() {
    void* base = nullptr;
    if (!free_.empty()) {
      base = free_.back().base;
      free_.pop_back();
      given_back_ = std::min(given_back_, free_.size());
    } else {
      base = mmap(nullptr, bytes_ + page_, PROT_READ | PROT_WRITE,
                  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
      if (base == MAP_FAILED) throw std::bad_alloc();
      mprotect(base, page_, PROT_NONE);
      char* low = static_cast<char*>(base) + page_;
      registered_.push_back(SCN_STACK_REGISTER(low, low + bytes_));
    }
    context::stack_context stack;
    stack.size = bytes_;
    stack.sp = static_cast<char*>(base) + page_ + bytes_;
    return stack;
  }
  void deallocate(context::stack_context& stack) {
    free_.push_back({static_cast<char*>(stack.sp) - bytes_ - page_, steady_ms()});
  }

  // Free stacks beyond the warm ones whose pages are not given back yet.
  bool cold_pending() const { return given_back_ + warm_stacks < free_.size(); }

  // Gives back the pages of at most `most` free stacks beyond the warm ones that have been
  // free for cold_after_ms; returns how many. The free list is in the order the stacks
  // were freed, the oldest first, and those before given_back_ have given theirs back.
  int trim_cold(Millis now, int most) {
    int trimmed = 0;
    for (; trimmed < most && cold_pending() && now - free_[given_back_].freed_at >= cold_after_ms;
         ++trimmed) {
      char* top = static_cast<char*>(free_[given_back_].base) + page_ + bytes_;
      give_back(top, top, 0);
      ++given_back_;
    }
    return trimmed;
  }

  // Gives back the whole pages of the stack whose top is `top` that lie below `frame`
  // less `margin`, when `frame` is on that stack (madvise: they read as zeros when
  // touched again).
  void give_back(char* top, const char* frame, std::uintptr_t margin) const {
    char* low = top - bytes_;
    if (frame <= low || frame > top) return;
    const auto end = (reinterpret_cast<std::uintptr_t>(frame) - margin) & ~(page_ - 1);
    const auto start = reinterpret_cast<std::uintptr_t>(low);
    if (end > start) madvise(low, end - start, MADV_DONTNEED);
  }

private:
  struct Free {
    void* base;
    Millis freed_at;
  };
  std::size_t bytes_;
  std::size_t page_;
  std::vector<Free> free_;
  std::size_t given_back_ = 0;  // free_[0, given_back_) have given their pages back
  std::vector<unsigned> registered_;  // valgrind's stack ids
};

// Boost.Context copies its stack allocator into the fiber: a handle to the pool, which
// also tells the fiber where its stack is (for trimming).
struct PooledStack {
  StackPool* pool;
  char** top;  // set to the octet past the stack's top
  context::stack_context allocate() {
    context::stack_context stack = pool->allocate();
    *top = static_cast<char*>(stack.sp);
    return stack;
  }
  void deallocate(context::stack_context& stack) { pool->deallocate(stack); }
};

// A fiber parked this long (an instance holding a call, waiting for the BYE) gives back
// the pages of its stack below where it is parked: its deepest calls (parsing, matching)
// touched them once, and they would otherwise stay resident for as long as it waits.
// Shorter waits, the usual ones between a request and its response, keep their pages.
constexpr Millis trim_after_ms = 100;
// Below the parked frame lie the frames of the switch to the scheduler (a few hundred
// octets: Boost.Context saves the registers there): never trimmed.
constexpr std::uintptr_t trim_margin = 1024;
// At most this many stacks (parked fibers' and cold free ones) trimmed a sweep (one every
// trim_after_ms / 2 or more): each is a TLB shootdown on the other cores, and an
// overloaded SS, whose calls all wait longer, trimmed 7,000 a second (a tenth of its CPU
// in interrupts). Enough for the 250 new held calls a second of the memory bench; beyond
// it, stacks wait a sweep or two.
constexpr int max_trims_per_sweep = 64;

// epoll data of the thread's eventfd and of the watched descriptor (Fibers::watch); a
// fiber's descriptor's is its slot and the descriptor.
constexpr std::uint64_t inbox_key = ~std::uint64_t{0};
constexpr std::uint64_t reader_key = inbox_key - 1;

}  // namespace

struct Fibers::Thread {
  // One fiber: its job, its suspended context, and what it waits for.
  struct Fiber final : Loop::Waiter {
    Fiber(Thread& owner, std::uint32_t index) : thread(owner), slot(index) {}
    Thread& thread;
    const std::uint32_t slot;  // both fixed, so that wake() may read them from any thread
    bool done = false;
    bool notified = false;   // woken while not waiting: its next wait returns at once
    std::vector<std::pair<int, unsigned>> ready;  // its descriptors found ready, not taken
    // Its key in thread->deadlines while it waits; none while it runs or is runnable.
    std::optional<std::pair<Millis, std::uint32_t>> deadline;
    char* stack_top = nullptr;  // the octet past its stack's top
    char* parked_at = nullptr;  // while it waits: about where its stack ends
    Millis parked_since = 0;
    bool trimmed = false;       // its stack below parked_at given back since it parked
    Job job;
    context::fiber self;       // while suspended
    context::fiber scheduler;  // while running

    void wait(Millis max_wait) override { thread.suspend(*this, max_wait); }
    void wake() override { thread.notify(slot); }
    bool add(int fd, unsigned events) override {
      return thread.control(EPOLL_CTL_ADD, fd, events, slot);
    }
    bool modify(int fd, unsigned events) override {
      return thread.control(EPOLL_CTL_MOD, fd, events, slot);
    }
    void remove(int fd) override { (void)thread.control(EPOLL_CTL_DEL, fd, 0, slot); }
    void take_ready(std::vector<std::pair<int, unsigned>>& into) override {
      into.insert(into.end(), ready.begin(), ready.end());
      ready.clear();
    }
  };

  explicit Thread(std::size_t stack_bytes) : stacks(stack_bytes) {}

  Result<void> open() {
    epoll = net::Fd(epoll_create1(EPOLL_CLOEXEC));
    inbox_fd = net::Fd(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
    if (!epoll.valid() || !inbox_fd.valid())
      return make_error(std::string("fiber scheduler: ") + std::strerror(errno));
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.u64 = inbox_key;
    if (epoll_ctl(epoll.get(), EPOLL_CTL_ADD, inbox_fd.get(), &event) != 0)
      return make_error(std::string("fiber scheduler: ") + std::strerror(errno));
    return {};
  }

  // From any thread. On the thread itself the inbox needs no eventfd: main() takes it
  // before it polls again, and does not block while it holds something.
  bool post(Job job) {
    bool was_empty = false;
    {
      std::lock_guard lock(mutex);
      if (stopping) return false;
      was_empty = inbox.empty() && woken.empty();
      inbox.push_back(std::move(job));
      ++live;
    }
    if (was_empty && current != this) signal_inbox();
    return true;
  }

  // From any thread (Fiber::wake): the fiber's wait ends; a fiber not waiting returns
  // from its next wait at once. A fiber that ended, or a new one in its slot, may be
  // woken for nothing, which costs it a turn of its loop.
  void notify(std::uint32_t slot) {
    if (current == this) {
      notify_here(slot);
      return;
    }
    bool was_empty = false;
    {
      std::lock_guard lock(mutex);
      was_empty = inbox.empty() && woken.empty();
      woken.push_back(slot);
    }
    if (was_empty) signal_inbox();
  }

  // Before any event of fd can come: the callback is the thread's from then on.
  Result<void> watch(int fd, std::function<void()> on_readable) {
    reader = std::move(on_readable);
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.u64 = reader_key;
    if (epoll_ctl(epoll.get(), EPOLL_CTL_ADD, fd, &event) != 0)
      return make_error(std::string("fiber scheduler: ") + std::strerror(errno));
    return {};
  }

  void request_stop() {
    {
      std::lock_guard lock(mutex);
      stopping = true;
    }
    signal_inbox();
  }

  void main() {
    current = this;
    for (;;) {
      take_inbox();
      while (!runnable.empty()) {
        Fiber* fiber = runnable.front();
        runnable.pop_front();
        resume(*fiber);
      }
      bool pending = false;
      {
        std::lock_guard lock(mutex);
        if (stopping && live == 0) return;
        pending = !inbox.empty() || !woken.empty();  // posted here by a fiber
      }
      poll_events(pending);
    }
  }

  // On the fiber: until one of its descriptors is ready, it is notified, or max_wait ms
  // have passed.
  void suspend(Fiber& fiber, Millis max_wait) {
    if (fiber.notified) {
      fiber.notified = false;
      return;
    }
    const Millis now = steady_ms();
    fiber.deadline = std::make_pair(now + max_wait, fiber.slot);
    deadlines.insert(*fiber.deadline);
    // This frame's address (the real stack's, also where a sanitizer keeps locals
    // elsewhere): about the end of the stack while the fiber waits.
    fiber.parked_at = static_cast<char*>(__builtin_frame_address(0));
    fiber.parked_since = now;
    fiber.trimmed = false;
    untrimmed = true;
    fiber.scheduler = std::move(fiber.scheduler).resume();
    fiber.notified = false;  // whatever woke it, its loop now looks at everything
  }

  std::size_t running() const {
    std::lock_guard lock(mutex);
    return live;
  }

  std::thread thread;

private:
  static inline thread_local Thread* current = nullptr;  // the thread running main()

  void signal_inbox() {
    const std::uint64_t one = 1;
    (void)!write(inbox_fd.get(), &one, sizeof one);
  }

  void notify_here(std::uint32_t slot) {
    if (slot >= fibers.size()) return;
    Fiber& fiber = *fibers[slot];
    if (!fiber.job) return;  // ended
    if (!fiber.deadline) {
      fiber.notified = true;  // running or runnable
      return;
    }
    stop_waiting(fiber);
    runnable.push_back(&fiber);
  }

public:
  // A fiber's loop's descriptor in the thread's epoll, level-triggered, keyed by the
  // fiber's slot and the descriptor (the loop finds its watch by descriptor).
  bool control(int op, int fd, unsigned events, std::uint32_t slot) {
    epoll_event event{};
    event.events = to_epoll(events);
    event.data.u64 = (std::uint64_t{slot} << 32) | static_cast<std::uint32_t>(fd);
    return epoll_ctl(epoll.get(), op, fd, &event) == 0;
  }

private:
  // An event of a fiber's descriptor: kept for its loop, and the fiber woken. One for a
  // fiber that ended (its loop's descriptor still open) is taken out of the epoll.
  void deliver(std::uint32_t slot, int fd, std::uint32_t bits) {
    if (slot >= fibers.size() || !fibers[slot]->job) {
      (void)control(EPOLL_CTL_DEL, fd, 0, slot);
      return;
    }
    fibers[slot]->ready.emplace_back(fd, from_epoll(bits));
    notify_here(slot);
  }

  void take_inbox() {
    std::vector<Job> jobs;
    std::vector<std::uint32_t> wakes;
    {
      std::lock_guard lock(mutex);
      jobs.swap(inbox);
      wakes.swap(woken);
    }
    for (std::uint32_t slot : wakes) notify_here(slot);
    for (Job& job : jobs) start(std::move(job));
  }

  void start(Job job) {
    std::uint32_t slot = 0;
    if (!free_slots.empty()) {
      slot = free_slots.back();
      free_slots.pop_back();
    } else {
      slot = static_cast<std::uint32_t>(fibers.size());
      fibers.push_back(std::make_unique<Fiber>(*this, slot));
    }
    Fiber& fiber = *fibers[slot];
    fiber.done = false;
    fiber.notified = false;
    fiber.ready.clear();
    fiber.job = std::move(job);
    try {
      PooledStack stack{&stacks, &fiber.stack_top};
      fiber.self = context::fiber(std::allocator_arg, stack,
                                  [&fiber](context::fiber&& scheduler) {
                                    fiber.scheduler = std::move(scheduler);
                                    try {
                                      fiber.job(fiber);
                                    } catch (const context::detail::forced_unwind&) {
                                      throw;  // Boost.Context's own unwinding
                                    } catch (...) {
                                      // The job reports its own errors; nothing may
                                      // unwind past the fiber's first frame.
                                    }
                                    fiber.done = true;
                                    return std::move(fiber.scheduler);
                                  });
    } catch (const std::exception&) {
      retire(fiber);  // no stack: the job is dropped, as a refused thread was
      return;
    }
    runnable.push_back(&fiber);
  }

  void resume(Fiber& fiber) {
    fiber.self = std::move(fiber.self).resume();
    if (fiber.done) retire(fiber);
  }

  void retire(Fiber& fiber) {
    stop_waiting(fiber);
    fiber.job = nullptr;
    fiber.ready.clear();
    free_slots.push_back(fiber.slot);
    std::lock_guard lock(mutex);
    --live;
  }

  void stop_waiting(Fiber& fiber) {
    if (fiber.deadline) deadlines.erase(*fiber.deadline);
    fiber.deadline.reset();
  }

  void wake_at_deadline(std::uint32_t slot) {
    Fiber& fiber = *fibers[slot];
    if (!fiber.deadline) return;
    stop_waiting(fiber);
    runnable.push_back(&fiber);
  }

  // A parked fiber or a cold free stack may come due: the sweep must run.
  bool trims_pending() const { return untrimmed || stacks.cold_pending(); }

  // Gives back the stack pages below each fiber parked for trim_after_ms, and those of
  // the cold free stacks. untrimmed stays set while a parked fiber may come due.
  void trim_idle(Millis now) {
    if (!trims_pending() || now - last_trim < trim_after_ms / 2) return;
    last_trim = now;
    int trims = stacks.trim_cold(now, max_trims_per_sweep);
    untrimmed = false;
    for (const auto& owned : fibers) {
      Fiber& fiber = *owned;
      if (!fiber.job || !fiber.deadline || fiber.trimmed || !fiber.stack_top) continue;
      if (now - fiber.parked_since < trim_after_ms || trims == max_trims_per_sweep) {
        untrimmed = true;
        continue;
      }
      fiber.trimmed = true;
      stacks.give_back(fiber.stack_top, fiber.parked_at, trim_margin);
      ++trims;
    }
  }

  // Without blocking when `pending`.
  void poll_events(bool pending) {
    int timeout = -1;
    const Millis before = steady_ms();
    trim_idle(before);
    if (pending)
      timeout = 0;
    else if (!deadlines.empty())
      timeout = static_cast<int>(std::clamp<Millis>(deadlines.begin()->first - before, 0,
                                                    24 * 3600 * 1000));
    if (trims_pending() && timeout != 0)
      timeout = timeout < 0 ? int{trim_after_ms} : std::min(timeout, int{trim_after_ms});
    constexpr int max_events = 256;
    epoll_event events[max_events];
    const int n = epoll_wait(epoll.get(), events, max_events, timeout);
    for (int i = 0; i < n; ++i) {
      const std::uint64_t data = events[i].data.u64;
      if (data == inbox_key) {
        std::uint64_t count = 0;
        (void)!read(inbox_fd.get(), &count, sizeof count);
        continue;
      }
      if (data == reader_key) {
        reader();
        continue;
      }
      deliver(static_cast<std::uint32_t>(data >> 32), static_cast<int>(data & 0xffffffffu),
              events[i].events);
    }
    const Millis now = steady_ms();
    // Each wake removes the earliest deadline: it is the woken fiber's.
    while (!deadlines.empty() && deadlines.begin()->first <= now) {
      const std::uint32_t slot = deadlines.begin()->second;
      wake_at_deadline(slot);
    }
  }

  StackPool stacks;
  net::Fd epoll, inbox_fd;
  mutable std::mutex mutex;  // guards inbox, woken, stopping and live
  std::vector<Job> inbox;
  std::vector<std::uint32_t> woken;  // slots notified from other threads
  bool stopping = false;
  std::size_t live = 0;  // posted and not yet ended
  // The thread's own.
  std::vector<std::unique_ptr<Fiber>> fibers;
  std::vector<std::uint32_t> free_slots;
  std::deque<Fiber*> runnable;
  std::set<std::pair<Millis, std::uint32_t>> deadlines;
  bool untrimmed = false;  // a fiber parked whose stack is not trimmed yet
  Millis last_trim = 0;
  std::function<void()> reader;  // Fibers::watch's, on the first thread
};

Fibers::Fibers(std::size_t stack_bytes) : stack_bytes_(stack_bytes) {}

Fibers::~Fibers() { stop(); }

Result<void> Fibers::start(unsigned threads) {
  for (unsigned i = 0; i < std::max(threads, 1u); ++i) {
    auto thread = std::make_unique<Thread>(stack_bytes_);
    if (auto opened = thread->open(); !opened) {
      stop();
      return opened;
    }
    thread->thread = std::thread([raw = thread.get()] { raw->main(); });
    threads_.push_back(std::move(thread));
  }
  return {};
}

bool Fibers::spawn(Job job) {
  Thread* least = nullptr;
  std::size_t fewest = 0;
  for (const auto& thread : threads_) {
    const std::size_t running = thread->running();
    if (!least || running < fewest) {
      least = thread.get();
      fewest = running;
    }
  }
  return least && least->post(std::move(job));
}

Result<void> Fibers::watch(int fd, std::function<void()> on_readable) {
  if (threads_.empty()) return make_error("fiber scheduler: not started");
  return threads_.front()->watch(fd, std::move(on_readable));
}

std::size_t Fibers::running() const {
  std::size_t total = 0;
  for (const auto& thread : threads_) total += thread->running();
  return total;
}

// The first thread last: it may read the socket (watch) whose datagrams the other
// threads' fibers still wait for while they end.
void Fibers::stop() {
  for (std::size_t i = threads_.size(); i-- > 0;) {
    threads_[i]->request_stop();
    if (threads_[i]->thread.joinable()) threads_[i]->thread.join();
  }
  threads_.clear();
}

}  // namespace scn::load
