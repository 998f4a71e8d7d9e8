// Load mode's fibers: a loop run on a fiber yields its thread while it waits, wakes on
// its descriptors or its deadline, every job posted runs to its end, and the first
// thread reads a watched socket (the dispatcher without reading threads).
#include <doctest/doctest.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <chrono>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

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

// A non-blocking UDP socket on 127.0.0.1 that the fibers' first thread reads
// (Fibers::watch), running `each` for every datagram; its descriptor and address.
std::pair<int, scn::net::Address> watched_socket(scn::load::Fibers& fibers,
                                                 std::function<void()> each) {
  const int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  REQUIRE(fd >= 0);
  const auto bound = *scn::net::Address::parse("127.0.0.1:0");
  REQUIRE(bind(fd, bound.sockaddr_ptr(), bound.sockaddr_len()) == 0);
  const auto local = scn::net::local_address(fd);
  REQUIRE(local.ok());
  REQUIRE(fibers.watch(fd, [fd, each = std::move(each)] {
    char octet = 0;
    while (recv(fd, &octet, 1, 0) >= 0) each();
  }).ok());
  return {fd, *local};
}

// One datagram of one octet to `to`, from a socket of its own.
void send_octet(const scn::net::Address& to) {
  const int ue = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  REQUIRE(ue >= 0);
  const char octet = 'x';
  REQUIRE(sendto(ue, &octet, 1, 0, to.sockaddr_ptr(), to.sockaddr_len()) == 1);
  close(ue);
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

TEST_CASE("fibers: the first thread reads the dispatcher's socket, which has no thread of its own") {
  scn::load::Router router;
  scn::load::Stats stats{scn::load::Clock::now()};
  std::mutex mutex;
  std::vector<std::shared_ptr<scn::load::Channel>> admitted;
  scn::load::Dispatcher dispatcher{router, stats, [&] {
                                     std::lock_guard lock(mutex);
                                     admitted.push_back(std::make_shared<scn::load::Channel>());
                                     return admitted.back();
                                   }};
  scn::load::Fibers fibers;
  REQUIRE(fibers.start(1).ok());
  REQUIRE(dispatcher.open(*scn::net::Address::parse("127.0.0.1:0"), 0, scn::net::Proto::udp).ok());
  REQUIRE(fibers.watch(dispatcher.socket(), [&] { dispatcher.read_ready(64); }).ok());

  const int ue = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  REQUIRE(ue >= 0);
  auto send = [&](const std::string& text) {
    const auto& to = dispatcher.local();
    REQUIRE(sendto(ue, text.data(), text.size(), 0, to.sockaddr_ptr(), to.sockaddr_len()) ==
            static_cast<ssize_t>(text.size()));
  };
  auto request = [](const std::string& method, const std::string& call_id, bool tag) {
    return method + " sip:ss@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK" +
           call_id + method + "\r\nFrom: <sip:ue@home1.net>;tag=f\r\nTo: <sip:ss@home1.net>" +
           (tag ? ";tag=t" : "") + "\r\nCall-ID: " + call_id + "\r\nCSeq: 1 " + method +
           "\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
  };
  send(request("INVITE", "a", false));
  send(request("BYE", "a", true));
  send(request("INVITE", "b", false));
  std::size_t of_a = 0;
  REQUIRE(eventually([&] {
    std::lock_guard lock(mutex);
    if (!admitted.empty()) of_a += admitted[0]->take().size();
    return admitted.size() == 2 && of_a == 2;
  }));
  close(ue);
  fibers.stop();
  CHECK(router.find("b") == admitted[1]);
}

TEST_CASE("fibers: stopping, the first thread reads its socket until the other threads' fibers end") {
  scn::load::Fibers fibers;
  REQUIRE(fibers.start(2).ok());
  // The reader: any datagram on the socket wakes the second thread's fiber.
  Waiting first, second;
  const auto [socket_fd, local] = watched_socket(fibers, [&] { signal(second.fd); });
  // The first fiber goes to the first thread, the second to the other (the one with fewer).
  REQUIRE(fibers.spawn([&](scn::Loop::Waiter& waiter) { first.run(waiter); }));
  REQUIRE(eventually([&] { return first.started.load(); }));
  REQUIRE(fibers.spawn([&](scn::Loop::Waiter& waiter) { second.run(waiter); }));
  REQUIRE(eventually([&] { return second.started.load(); }));
  signal(first.fd);  // the first thread has no fiber left
  REQUIRE(eventually([&] { return first.woken.load(); }));
  std::thread stopping([&] { fibers.stop(); });
  std::this_thread::sleep_for(100ms);
  send_octet(local);
  stopping.join();
  CHECK(second.woken);  // read by the first thread although it was asked to stop
  close(socket_fd);
}

namespace {

// A job whose loop watches no descriptor, only a signal, until it is raised (or 10 s pass).
struct Signalled {
  std::atomic<scn::Loop*> loop{nullptr};
  std::atomic<scn::WatchId> id{0};
  std::atomic<bool> woken{false};

  void run(scn::Loop::Waiter& waiter) {
    scn::Loop own;
    own.set_waiter(&waiter);
    bool raised = false;
    id = own.watch_signal([&] { raised = true; });
    loop = &own;
    own.run_until([&] { return raised; }, 10000);
    woken = raised;
    loop = nullptr;
  }
  void raise() {
    if (scn::Loop* running = loop.load()) running->raise(id);
  }
};

}  // namespace

TEST_CASE("fibers: a signal raised from another thread wakes a loop that watches no descriptor") {
  scn::load::Fibers fibers;
  REQUIRE(fibers.start(1).ok());
  Signalled job;
  REQUIRE(fibers.spawn([&](scn::Loop::Waiter& waiter) { job.run(waiter); }));
  REQUIRE(eventually([&] { return job.loop.load() != nullptr; }));
  job.raise();
  CHECK(eventually([&] { return job.woken.load(); }));  // long before its 10 s
  fibers.stop();
}

TEST_CASE("fibers: a signal raised on the fiber's own thread, between fibers, wakes it") {
  scn::load::Fibers fibers;
  REQUIRE(fibers.start(1).ok());
  // The reader runs on the fiber's thread, as the dispatcher does when it has no thread.
  Signalled job;
  const auto [socket_fd, local] = watched_socket(fibers, [&] { job.raise(); });
  REQUIRE(fibers.spawn([&](scn::Loop::Waiter& waiter) { job.run(waiter); }));
  REQUIRE(eventually([&] { return job.loop.load() != nullptr; }));
  send_octet(local);
  CHECK(eventually([&] { return job.woken.load(); }));
  fibers.stop();
  close(socket_fd);
}

TEST_CASE("fibers: a loop's watch made before it was given the fiber moves to the scheduler") {
  scn::load::Fibers fibers;
  REQUIRE(fibers.start(1).ok());
  const int fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  REQUIRE(fd >= 0);
  std::atomic<bool> started{false}, woken{false};
  REQUIRE(fibers.spawn([&](scn::Loop::Waiter& waiter) {
    scn::Loop loop;  // an epoll of its own first
    bool readable = false;
    REQUIRE(loop.watch(fd, scn::io_readable, [&](unsigned) { readable = true; }) != 0);
    loop.set_waiter(&waiter);
    started = true;
    loop.run_until([&] { return readable; }, 10000);
    woken = readable;
  }));
  REQUIRE(eventually([&] { return started.load(); }));
  signal(fd);
  CHECK(eventually([&] { return woken.load(); }));  // long before its 10 s
  fibers.stop();
  close(fd);
}

namespace {

// Resident kB of the mapping that holds `address` (/proc/self/smaps), -1 if none does.
long resident_kb(std::uintptr_t address) {
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    unsigned long low = 0, high = 0;
    if (std::sscanf(line.c_str(), "%lx-%lx ", &low, &high) == 2 && line.find('-') < 17) {
      inside = low <= address && address < high;
      continue;
    }
    long kb = 0;
    if (inside && std::sscanf(line.c_str(), "Rss: %ld kB", &kb) == 1) return kb;
  }
  return -1;
}

// Writes `bytes` of this stack frame, so that its pages become resident.
[[gnu::noinline]] void touch_stack(std::size_t bytes) {
  volatile char* deep = static_cast<volatile char*>(__builtin_alloca(bytes));
  for (std::size_t i = 0; i < bytes; i += 512) deep[i] = 1;
}

}  // namespace

TEST_CASE("fibers: a fiber that waits long gives back the stack it touched deeper down") {
  scn::load::Fibers fibers;
  REQUIRE(fibers.start(1).ok());
  Waiting waiting;
  std::atomic<std::uintptr_t> stack{0};
  REQUIRE(fibers.spawn([&](scn::Loop::Waiter& waiter) {
    touch_stack(256 * 1024);
    volatile char here = 0;
    stack = reinterpret_cast<std::uintptr_t>(&here);
    waiting.run(waiter);
  }));
  REQUIRE(eventually([&] { return waiting.started.load(); }));
  // Parked for 100 ms, it is trimmed: what stays is the few pages of the frames it waits
  // in, not the 256 kB it wrote before.
  CHECK(eventually([&] {
    const long kb = resident_kb(stack);
    return kb >= 0 && kb < 64;
  }));
  signal(waiting.fd);
  REQUIRE(eventually([&] { return waiting.woken.load(); }));
  fibers.stop();
}

namespace {

long vm_rss_kb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  long kb = -1;
  while (std::getline(status, line))
    if (std::sscanf(line.c_str(), "VmRSS: %ld kB", &kb) == 1) break;
  return kb;
}

}  // namespace

TEST_CASE("fibers: after a peak, the stacks freed beyond the warm ones give their pages back") {
  scn::load::Fibers fibers;
  REQUIRE(fibers.start(1).ok());
  constexpr int jobs = 300;
  const long before = vm_rss_kb();
  for (int i = 0; i < jobs; ++i) {
    REQUIRE(fibers.spawn([&](scn::Loop::Waiter& waiter) {
      {
        scn::Loop loop;
        loop.set_waiter(&waiter);
        bool done = false;
        loop.schedule(500, [&] { done = true; });
        loop.run_until([&] { return done; }, 10000);
      }
      // Deep work as it ends (as a call's last message is): 128 kB of its stack resident
      // when the stack goes back to the pool, each on a stack of its own (all were alive).
      touch_stack(128 * 1024);
    }));
  }
  REQUIRE(eventually([&] { return fibers.running() == 0; }));
  // The pool keeps the 300 stacks for later fibers; all but the 64 freed last (8 MB
  // here) give back their pages once free for a second (kept, they would be 37.5 MB).
  long after = vm_rss_kb();
  const bool fell = eventually([&] {
    after = vm_rss_kb();
    return after - before < 20 * 1024;
  });
  CAPTURE(before);
  CAPTURE(after);
  CHECK(fell);
  fibers.stop();
}
