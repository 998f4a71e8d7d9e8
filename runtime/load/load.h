// load: the pieces of load mode (docs/load.md) that know no session: the Call-ID scan of
// raw messages, the channel through which one instance receives from a shared socket and
// sends on it, the router from Call-IDs to channels, the dispatcher threads that read the
// shared socket, and the statistics (counters, response-time histogram, interval rows).
// abi/load_run.cpp runs the instances (sessions) on top of them.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "base/base.h"
#include "transport/transport.h"

namespace scn::load {

// --- scanning raw messages (no parse: the dispatcher reads every datagram) ---

// The Call-ID (or compact `i`) header's value, trimmed; "" when the header section has
// none.
std::string_view call_id_of(std::string_view bytes);
// A request that may begin a dialog or a transaction outside one: a request line, not
// ACK or CANCEL, and a To header without a tag.
bool starts_dialog(std::string_view bytes);

using Clock = std::chrono::steady_clock;

// --- the threads instances run on ---

// The stack of an instance: what a single run has on the main thread (8 MB of address
// space, of which only the pages touched cost memory). Less does not do: the matcher's
// std::regex recurses per character, and searching the longest value it searches (4096
// octets) takes several MB with some patterns.
inline constexpr std::size_t instance_stack_bytes = std::size_t{8} << 20;

// Instances run as fibers (Boost.Context) on a few threads, each its own scheduler:
// generated code blocks inside its executor's event loop, and a fiber's loop, given the
// fiber as its waiter, yields to the thread's scheduler where a thread would have slept in
// epoll_wait. The scheduler watches every fiber's loop's descriptors (the loop makes no
// epoll) and deadlines in one epoll of its own, and wakes a fiber on its own thread
// without a system call, so a message for an instance costs no thread wake-up of its own
// and a call no thread. A fiber stays on the thread it started on.
class Fibers {
public:
  // Each fiber gets a stack of that many octets (and a guard page below it); stacks are
  // reused, last freed first.
  explicit Fibers(std::size_t stack_bytes = instance_stack_bytes);
  ~Fibers();  // stop()
  Fibers(const Fibers&) = delete;
  Fibers& operator=(const Fibers&) = delete;

  Result<void> start(unsigned threads);
  // Runs job(waiter) on a new fiber of the thread with the fewest; the job hands the
  // waiter to the loop it runs (Loop::set_waiter). False once stopping, or not started.
  using Job = std::function<void(Loop::Waiter&)>;
  bool spawn(Job job);
  // Runs on_readable on the first thread (not on a fiber), between its fibers, whenever fd
  // is readable; it must read what it can without blocking. Once, after start.
  Result<void> watch(int fd, std::function<void()> on_readable);
  // Fibers running now, on every thread.
  std::size_t running() const;
  // Takes no new job, waits until every fiber has ended, then ends the threads.
  void stop();

private:
  struct Thread;
  std::size_t stack_bytes_;
  std::vector<std::unique_ptr<Thread>> threads_;
};

// --- one instance's inbound queue ---

struct Datagram {
  std::string bytes;
  net::Address source;
  Clock::time_point arrived;
};

// Filled by the dispatcher, drained by the instance's thread. The Call-IDs it owns are
// the router's business (Router).
class Channel {
public:
  Channel() = default;
  Channel(const Channel&) = delete;
  Channel& operator=(const Channel&) = delete;

  void push(Datagram datagram);
  std::vector<Datagram> take();
  // What push calls, on the pushing thread, when the queue was empty: the reader's
  // wake-up (Loop::raise); at once when datagrams wait already. Null: none. Runs under
  // the channel's lock, so that once cleared it runs no more.
  void set_waker(std::function<void()> waker);

private:
  std::mutex mutex_;
  std::vector<Datagram> queue_;
  std::function<void()> waker_;
};

// --- Call-ID -> channel ---

// Thread-safe. A channel's Call-IDs leave with it (remove), and are then remembered for a
// while so that late retransmissions count as late, not as new calls.
class Router {
public:
  // False when the Call-ID already belongs to another channel.
  bool add(std::string_view call_id, const std::shared_ptr<Channel>& channel);
  std::shared_ptr<Channel> find(std::string_view call_id) const;
  void remove(const Channel& channel, Clock::time_point now);
  bool ended_recently(std::string_view call_id) const;
  // Forgets Call-IDs that ended before `before`.
  void prune(Clock::time_point before);
  std::size_t size() const;

private:
  // Looked up by the view the dispatcher scanned, without a string made for it.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<Channel>, Hash, std::equal_to<>> routes_;
  std::unordered_map<const Channel*, std::vector<std::string>> owned_;
  // The ended Call-IDs by their hash (two Call-IDs of one hash within the window: a stray
  // message counted as late), in the order they ended, so that pruning takes them from the
  // front: at 12,800 calls/s the window holds 400,000, which a scan of the whole map each
  // second and a string each would cost.
  std::deque<std::pair<Clock::time_point, std::size_t>> ended_order_;
  std::unordered_map<std::size_t, std::uint32_t> ended_;  // entries in ended_order_
};

// --- where instances' messages go out ---

// The dispatcher's side that sends: on the shared UDP socket, or over TCP on the
// connection to the address (accepted, or connected on first use). Thread-safe.
class Outlet {
public:
  virtual ~Outlet() = default;
  virtual net::Proto proto() const = 0;
  virtual Result<void> send(const net::Address& to, std::string_view bytes) = 0;
};

// --- the transport an instance's executor gets ---

// Sends through the dispatcher (the shared socket or its TCP connections), receives
// what the dispatcher routed to its channel. It tells the router the Call-IDs of what it sends (an
// instance that calls owns its Call-ID from its first request), and notes when its
// first message went each way for the response time.
class ChannelTransport final : public net::Transport {
public:
  static Result<std::unique_ptr<ChannelTransport>> open(Loop& loop, Outlet& outlet,
                                                        const net::Address& local,
                                                        std::shared_ptr<Channel> channel,
                                                        Router& router);
  ~ChannelTransport() override;
  net::Proto proto() const override { return proto_; }
  Result<void> send(const net::Address& to, std::string_view bytes) override;

  // From the first message of the instance to the first one the other way.
  std::optional<Clock::duration> response_time() const;

private:
  ChannelTransport(Loop& loop, Outlet& outlet, const net::Address& local,
                   std::shared_ptr<Channel> channel, Router& router);
  void on_readable();
  void on_datagram(const Datagram& datagram);

  Loop& loop_;
  Outlet& outlet_;
  const net::Proto proto_;
  std::shared_ptr<Channel> channel_;
  Router& router_;
  WatchId watch_ = 0;
  std::optional<Clock::time_point> first_in_, first_out_;
  std::string last_call_id_;  // the Call-ID last told to the router
};

// --- statistics ---

// Response times in buckets of growing width (about 6% wide: 16 per power of two, from
// 1 us), so that intervals and hosts merge by adding bucket counts.
class Histogram {
public:
  static constexpr std::size_t bucket_count = 16 * 28;  // up to 2^28 us, about 4.5 min
  void add(Clock::duration time);
  void merge(const Histogram& other);
  std::uint64_t count() const { return total_; }
  // The time (ms) at or below which that fraction of the times lie; 0 when empty.
  double percentile_ms(double fraction) const;
  // The lower bound (us) of a bucket.
  static double bucket_floor_us(std::size_t bucket);
  // "bucket:count" pairs of the non-empty buckets, for the JSON rows.
  std::vector<std::pair<std::size_t, std::uint64_t>> non_empty() const;
  void clear();

private:
  std::vector<std::uint64_t> buckets_ = std::vector<std::uint64_t>(bucket_count, 0);
  std::uint64_t total_ = 0;
};

// Verdict kinds as load mode counts them (VerdictKind order).
enum class Outcome { Pass, Inconc, Fail, Error };

// Counters, times and failure reasons of a load run; every call is thread-safe.
class Stats {
public:
  explicit Stats(Clock::time_point start) : start_(start) {}

  void started();
  void ended(Outcome outcome, const std::string& reason, std::optional<Clock::duration> time);
  void rejected() { ++rejected_; }  // a new call refused with 503 (no room)
  // TCP connections the dispatcher closed by the limits of the TCP transport (TcpLimits).
  void tcp_refused() { ++tcp_refused_; }    // accepted beyond max_inbound
  void tcp_timed_out() { ++tcp_timeouts_; } // no whole message within read_timeout
  void tcp_unframed() { ++tcp_unframed_; }  // a stream that could not be framed
  void stray() { ++strays_; }       // no instance owns the message
  void late() { ++late_; }          // for an instance that has ended

  // One interval's row, the figures since the previous row (counts since the start too).
  struct Row {
    double time_s = 0;
    std::uint64_t started = 0, passed = 0, failed = 0, inconc = 0, error = 0;
    std::uint64_t active = 0, rejected = 0, strays = 0;
    double rate = 0;  // instances started per second in the interval
    double p50_ms = 0, p90_ms = 0, p99_ms = 0;  // of the interval
    Histogram histogram;                         // of the interval
    std::map<std::string, std::uint64_t> reasons;  // of the interval
  };
  Row next_row(Clock::time_point now);

  std::uint64_t count(Outcome outcome) const;
  std::uint64_t started_count() const { return started_; }
  std::uint64_t active() const;
  // The summary lines: "load: N started, ... in S s (R calls/s)" (S from the first start:
  // an SS waiting for its first call is not slow) and the top reasons of non-passes.
  std::vector<std::string> summary(Clock::time_point now, std::size_t top = 10) const;
  Outcome worst() const;

private:
  Clock::time_point start_;
  std::optional<Clock::time_point> first_started_;  // the summary's time runs from it
  std::atomic<std::uint64_t> started_{0}, rejected_{0}, strays_{0}, late_{0};
  std::atomic<std::uint64_t> tcp_refused_{0}, tcp_timeouts_{0}, tcp_unframed_{0};
  mutable std::mutex mutex_;  // guards what follows
  std::uint64_t outcomes_[4] = {0, 0, 0, 0};
  Histogram all_, interval_;
  std::map<std::string, std::uint64_t> reasons_, interval_reasons_;
  Clock::time_point last_row_ = start_;
  std::uint64_t started_at_last_row_ = 0;
};

// "time_s,started,..." and one line per row; JSON rows are one object a line.
std::string csv_header();
std::string csv_row(const Stats::Row& row);
std::string json_row(const Stats::Row& row);
// The live line: "12.0 s  1200 started  1190 passed  0 failed ...  p99 1.2 ms".
std::string live_text(const Stats::Row& row);

// --- the dispatcher ---

// Reads the shared socket on its own threads and hands each datagram to the channel of
// its Call-ID, or to a new instance (admit) for a message that begins a dialog, or
// answers 503 when admit has no room.
class Dispatcher final : public Outlet {
public:
  // Returns a new channel for a new call (registered by the caller), or null: no room.
  using Admit = std::function<std::shared_ptr<Channel>()>;

  Dispatcher(Router& router, Stats& stats, Admit admit) :
      router_(router), stats_(stats), admit_(std::move(admit)) {}
  ~Dispatcher();
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  // UDP: binds the socket and starts `threads` reading threads, or none: then its owner
  // calls read_ready when socket() is readable. TCP: listens, and one thread reads every
  // connection and frames its stream.
  Result<void> open(const net::Address& bind, unsigned threads, net::Proto proto);
  int socket() const { return fd_.get(); }
  // UDP without reading threads: reads and routes what is queued, at most `most`
  // datagrams; returns how many. Not thread-safe: one caller.
  std::size_t read_ready(std::size_t most);
  net::Proto proto() const override { return proto_; }
  Result<void> send(const net::Address& to, std::string_view bytes) override;
  const net::Address& local() const { return local_; }
  // New calls only from this address (--ue on the SS side): others' are strays, as a
  // single run ignores messages from no party. Call before open().
  void only_from(const net::Address& caller) { caller_ = caller; }
  // TCP: the single run's limits by default (message size, read timeout, inbound cap;
  // docs/load.md). Call before open().
  void tcp_limits(const net::TcpLimits& limits) { tcp_limits_ = limits; }
  // One datagram as a reading thread hands it on (tests call it without sockets).
  void route(std::string_view bytes, const net::Address& source);
  void stop();

private:
  struct Connection;
  void read_loop();
  // Reads and routes one datagram; false when none was queued (or a timeout, EINTR).
  bool read_one(std::string& buffer, int flags);
  void reject(std::string_view bytes, const net::Address& source);
  // TCP (dispatcher_tcp.cpp).
  Result<void> open_tcp(const net::Address& bind);
  void tcp_loop();
  void accept_all();
  void adopt(net::Fd fd, const net::Address& remote, bool inbound);
  void read_connection(const std::shared_ptr<Connection>& connection);
  void close_silent(Clock::time_point now);
  void close_connection(const std::shared_ptr<Connection>& connection);
  Result<std::shared_ptr<Connection>> connection_to(const net::Address& to);
  Result<void> send_tcp(const net::Address& to, std::string_view bytes);

  Router& router_;
  Stats& stats_;
  Admit admit_;
  std::optional<net::Address> caller_;
  net::Proto proto_ = net::Proto::udp;
  net::Fd epoll_;  // TCP: the listener and the connections
  mutable std::mutex connections_mutex_;
  std::unordered_map<net::Address, std::shared_ptr<Connection>, net::AddressHash> connections_;
  std::unordered_map<int, std::shared_ptr<Connection>> by_fd_;
  std::size_t inbound_ = 0;  // accepted connections open, under connections_mutex_
  net::TcpLimits tcp_limits_;
  net::Fd fd_;
  net::Address local_;
  std::atomic<bool> running_{false};
  std::vector<std::thread> threads_;
  std::string polled_buffer_;  // read_ready's, made by open without reading threads
};

}  // namespace scn::load
