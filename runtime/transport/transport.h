// transport: the event loop (descriptors and timers on an injectable clock), numeric
// socket addresses, and the SIP transports over UDP and TCP that parse what arrives
// (RFC 3261 section 18).
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "msg/msg.h"

// Ordered one-shot timers on an abstract millisecond clock. The event loop owns one; it is
// separate so its ordering rules can be tested without file descriptors.
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

// The one event loop of the runtime: file descriptor watches (epoll) and timers on an
// injectable monotonic clock. Everything runs on the thread that calls run_once/run_until;
// there are no threads of its own.
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
// IoEvent bits as epoll's event bits, and back (an error or hang-up reads as both), for
// the loop and for load mode's fiber scheduler, which watches loops' descriptors.
std::uint32_t to_epoll(unsigned events);
unsigned from_epoll(std::uint32_t bits);

class Loop {
public:
  class Waiter;
  // Uses the given clock (not owned; must outlive the loop) or, when null, a steady clock;
  // and the waiter (set_waiter), if any, so that no epoll of its own is made.
  explicit Loop(Clock* clock = nullptr, Waiter* waiter = nullptr);
  ~Loop();
  Loop(const Loop&) = delete;
  Loop& operator=(const Loop&) = delete;

  // False when the kernel refused an epoll instance; error() says why.
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

  Millis now() const { return clock_->now(); }
  Clock& clock() { return *clock_; }

  // What waits in the loop's stead: a loop run on a fiber (load mode's instances) gives
  // its descriptors and its waits to the fiber's scheduler, which watches every fiber's
  // descriptors in one epoll (level-triggered) and resumes a fiber when one of its
  // descriptors is ready, it is woken, or its wait is over. The loop then has no epoll.
  class Waiter {
  public:
    virtual ~Waiter() = default;
    // Until a descriptor added is ready, wake() is called, or max_wait ms have passed
    // (0: the others run, and the descriptors are polled).
    virtual void wait(Millis max_wait) = 0;
    // From any thread: ends the wait under way, or else the next one at once.
    virtual void wake() = 0;
    // The loop's descriptors, with IoEvent bits; false when refused.
    virtual bool add(int fd, unsigned events) = 0;
    virtual bool modify(int fd, unsigned events) = 0;
    virtual void remove(int fd) = 0;
    // Appends the descriptors found ready since the last call, with IoEvent bits.
    virtual void take_ready(std::vector<std::pair<int, unsigned>>& ready) = 0;
  };
  // Not owned; null (the default): the loop blocks in epoll_wait itself. The watches made
  // before move to the new waiter (or to an epoll of the loop's own).
  void set_waiter(Waiter* waiter);

  // One-shot timer `delay` ms from now (negative counts as 0).
  TimerId schedule(Millis delay, std::function<void()> callback);
  bool cancel(TimerId id) { return timers_.cancel(id); }
  bool pending(TimerId id) const { return timers_.pending(id); }
  std::size_t timer_count() const { return timers_.size(); }

  // Watches fd for the given IoEvent bits. The loop does not own fd; unwatch before closing.
  // Returns 0 when the kernel refuses the descriptor.
  WatchId watch(int fd, unsigned events, std::function<void(unsigned ready)> callback);
  bool modify(WatchId id, unsigned events);
  void unwatch(WatchId id);  // a descriptor's watch or a signal
  // A source without a descriptor: raise(id), from any thread, has the loop run the
  // callback at its next turn, once however often it was raised before. A thread hands
  // the loop work through it (load mode's channels) without an eventfd written and read.
  WatchId watch_signal(std::function<void()> callback);
  void raise(WatchId id);

  // Waits at most max_wait ms (0: just poll) for descriptors or timers, then dispatches
  // whatever is ready. Returns the number of callbacks run.
  std::size_t run_once(Millis max_wait);
  // Runs until done() is true or `timeout` ms have passed on the loop's clock.
  // Returns done()'s final value.
  bool run_until(const std::function<bool()>& done, Millis timeout);

private:
  struct Watch {
    int fd;
    unsigned events;  // IoEvent bits
    std::function<void(unsigned)> callback;
  };

  std::size_t dispatch_io(Millis wait);
  std::size_t dispatch_waited(int timeout);
  std::size_t run_raised();
  bool open_epoll();
  bool open_wake_fd();
  bool attach(int fd, unsigned events, WatchId id);
  void detach(int fd);

  std::unique_ptr<Clock> own_clock_;
  Clock* clock_;
  int epoll_fd_ = -1;
  std::string error_;
  TimerQueue timers_;
  std::unordered_map<WatchId, Watch> watches_;  // descriptors' (signals are apart)
  std::unordered_map<WatchId, std::function<void()>> signals_;
  WatchId next_watch_ = 1;
  Waiter* waiter_ = nullptr;
  // raise()'s: the signals raised and not yet run; an eventfd in the epoll that wakes a
  // loop without a waiter (made by watch_signal then).
  std::mutex raised_mutex_;
  std::vector<WatchId> raised_;
  std::atomic<bool> any_raised_{false};
  int wake_fd_ = -1;
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

// Socket addresses for IPv4 and IPv6, numeric only (no DNS): "127.0.0.1:5060",
// "[::1]:5060", "::1", "10.0.0.1".
namespace scn::net {

enum class Family { v4, v6 };

class Address {
public:
  Address();  // 0.0.0.0:0

  // "host:port", "[v6]:port", "[v6]", a bare IPv4 or IPv6 address (then `default_port`).
  static std::optional<Address> parse(std::string_view text, std::uint16_t default_port = 5060);
  // A numeric host (IPv6 with or without brackets) and a port.
  static std::optional<Address> from_host(std::string_view host, std::uint16_t port);
  static std::optional<Address> from_sockaddr(const sockaddr* sa, socklen_t len);
  static Address any(Family family, std::uint16_t port = 0);
  static Address loopback(Family family, std::uint16_t port = 0);

  Family family() const;
  std::uint16_t port() const;
  void set_port(std::uint16_t port);
  // Numeric host without brackets: "127.0.0.1", "::1".
  std::string host() const;
  // Host as written in a SIP sent-by or URI: IPv6 in brackets.
  std::string uri_host() const;
  // "127.0.0.1:5060" or "[::1]:5060".
  std::string to_string() const;
  bool is_any() const;

  const sockaddr* sockaddr_ptr() const { return reinterpret_cast<const sockaddr*>(&storage_); }
  socklen_t sockaddr_len() const;

  friend bool operator==(const Address& a, const Address& b);
  friend bool operator!=(const Address& a, const Address& b) { return !(a == b); }
  std::size_t hash() const;

  // IPv4 or IPv6 only: 28 octets, not a sockaddr_storage's 128 (a held call keeps a few
  // dozen addresses: its parties', its transactions' and dialogs' destinations).
  union Storage {
    sockaddr sa;
    sockaddr_in v4;
    sockaddr_in6 v6;
  };

private:
  Storage storage_{};
};

struct AddressHash {
  std::size_t operator()(const Address& a) const { return a.hash(); }
};

}  // namespace scn::net

// The descriptors of the transports' sockets.
namespace scn::net {

// Owns a file descriptor; closes it on destruction.
class Fd {
public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() { reset(); }
  Fd(Fd&& other) noexcept : fd_(other.release()) {}
  Fd& operator=(Fd&& other) noexcept;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  int release();
  void reset();

private:
  int fd_ = -1;
};

}  // namespace scn::net

// SIP transports (RFC 3261 section 18) over UDP and TCP, IPv4 and IPv6, driven by the one
// event loop. Received bytes are parsed into sip::Message; bytes that do not parse are
// reported with the reason, never dropped silently. Layers above see only `Transport`.
namespace scn::net {

enum class Proto { udp, tcp };
// "UDP" / "TCP", as written in a Via.
std::string_view to_string(Proto proto);
// Case-insensitive "udp" / "tcp" (a Via transport token); nullopt otherwise.
std::optional<Proto> proto_from_string(std::string_view text);

class Transport;

// The address a socket is bound to (getsockname), with the port chosen for port 0.
Result<Address> local_address(int fd);

// A message as received: source is the peer's address (for TCP the connection's remote
// end, which is where responses go back, RFC 3261 18.2.2).
struct Inbound {
  sip::Message message;
  Address source;
  Address local;
  Transport* transport = nullptr;
};

// Bytes that did not parse (or lost the stream framing): raw holds them (for TCP, the
// unframed rest of the buffer, capped at the message size limit).
struct InboundError {
  std::string raw;
  std::string reason;
  std::size_t offset = 0;
  Address source;
  Address local;
  Transport* transport = nullptr;
  bool connection_closed = false;  // TCP: framing was lost, so the connection was closed
};

class TransportHandler {
public:
  virtual ~TransportHandler() = default;
  virtual void on_message(const Inbound& in) = 0;
  virtual void on_parse_error(const InboundError& error) = 0;
  // Something sent to `remote` could not be delivered after send() had accepted it
  // (TCP connect refused, connection reset with data queued).
  virtual void on_transport_error(Transport& transport, const Address& remote,
                                  const std::string& reason) {
    (void)transport, (void)remote, (void)reason;
  }
  // A TCP connection ended (peer closed, error, or framing lost).
  virtual void on_connection_closed(Transport& transport, const Address& remote) {
    (void)transport, (void)remote;
  }
};

// Handlers must not destroy the transport that is calling them.
class Transport {
public:
  virtual ~Transport() = default;
  virtual Proto proto() const = 0;
  bool reliable() const { return proto() == Proto::tcp; }
  // The bound address, with the real port when bound to port 0.
  const Address& local() const { return local_; }
  // Queues one serialised message for `to`, or says why it cannot even be queued (UDP
  // send failed, TCP socket could not be created). Never blocks.
  virtual Result<void> send(const Address& to, std::string_view bytes) = 0;
  void set_handler(TransportHandler* handler) { handler_ = handler; }
  // Counters for tests and traces.
  std::size_t received_count() const { return received_; }
  std::size_t keepalive_count() const { return keepalives_; }

protected:
  void deliver(sip::Message message, const Address& source, const Address& local);
  void deliver_error(InboundError error);

  Address local_;
  TransportHandler* handler_ = nullptr;
  std::size_t received_ = 0;
  std::size_t keepalives_ = 0;
};

class UdpTransport final : public Transport {
public:
  // Binds a non-blocking UDP socket to `bind` (port 0 picks a free port).
  static Result<std::unique_ptr<UdpTransport>> open(Loop& loop, const Address& bind);
  ~UdpTransport() override;
  Proto proto() const override { return Proto::udp; }
  Result<void> send(const Address& to, std::string_view bytes) override;

private:
  UdpTransport(Loop& loop, Fd fd, Address local);
  void on_readable();
  void on_datagram(std::string_view bytes, const Address& source, bool truncated);

  Loop& loop_;
  Fd fd_;
  WatchId watch_ = 0;
  std::string buffer_;  // one datagram plus one octet, to see truncation
};

class TcpConnection;

// What one TCP peer may cost the SS, so that slow, oversize and flooding peers cannot stop
// it serving the others.
// Headers plus body of one message (the msg parser's own bound); a larger one closes
// its connection.
inline constexpr std::size_t tcp_max_message = 65535;
// 64*T1: a message begun on a connection (and the first message of an accepted one) must
// be complete by then, or the connection is closed.
inline constexpr Millis tcp_read_timeout = 32000;
// Accepted connections open at once; beyond it new ones are accepted and closed at once.
inline constexpr std::size_t tcp_max_inbound = 100;
// Octets read from one connection per wake-up, so one fast sender cannot starve the loop.
inline constexpr std::size_t tcp_read_budget = 65536;
// How long accepting pauses when the process is out of descriptors.
inline constexpr Millis tcp_accept_backoff = 100;

struct TcpLimits {
  std::size_t max_message = tcp_max_message;
  Millis read_timeout = tcp_read_timeout;
  std::size_t max_inbound = tcp_max_inbound;
  std::size_t read_budget = tcp_read_budget;
  Millis accept_backoff = tcp_accept_backoff;
};

// Whether a connection's read timeout runs: while part of a message is held, and on an
// accepted connection until its first whole message (a peer that connects must say
// something: silent connections would hold the inbound cap). The clock starts when this
// becomes true, not at each octet, so that dribbling cannot hold a connection. The
// single run's connections and load mode's dispatcher both go by it.
inline bool awaits_message(bool partial_held, bool inbound, bool delivered) {
  return partial_held || (inbound && !delivered);
}

// What the limits did, for tests and reports.
struct TcpStats {
  std::size_t accepted = 0;        // connections accepted and kept
  std::size_t refused = 0;         // accepted beyond max_inbound and closed at once
  std::size_t read_timeouts = 0;   // closed for want of a complete message in time
  std::size_t framing_errors = 0;  // closed because the stream could not be framed
  std::size_t dropped_partial = 0; // closed by the peer (EOF, reset) mid-message
  std::size_t accept_pauses = 0;   // accepting paused for want of descriptors
};

class TcpTransport final : public Transport {
public:
  // Listens on `bind` (port 0 picks a free port).
  static Result<std::unique_ptr<TcpTransport>> open(Loop& loop, const Address& bind,
                                                    const TcpLimits& limits = {});
  ~TcpTransport() override;
  Proto proto() const override { return Proto::tcp; }
  // Reuses the connection to `to` (by remote address or alias) or connects a new one;
  // bytes are queued until the connection is up and written as the socket allows.
  Result<void> send(const Address& to, std::string_view bytes) override;

  // Lets messages for `alias` (say, the peer's Via sent-by) use the connection whose
  // remote end is `remote` (RFC 5923 style reuse). False when there is no such connection.
  // A request whose top Via carries ";alias" sets this up by itself.
  bool add_alias(const Address& alias, const Address& remote);
  bool has_connection(const Address& to) const;
  void close_connection(const Address& remote);
  std::size_t connection_count() const { return connections_.size(); }
  // Open connections the peers made (the ones max_inbound caps).
  std::size_t inbound_count() const;
  std::size_t accepted_count() const { return stats_.accepted; }
  const TcpStats& stats() const { return stats_; }
  const TcpLimits& limits() const { return limits_; }

private:
  friend class TcpConnection;
  TcpTransport(Loop& loop, Fd listener, Address local, const TcpLimits& limits);
  void on_acceptable();
  void accept_one(int raw, const sockaddr_storage& from, socklen_t len);
  void pause_accepting();
  std::shared_ptr<TcpConnection> find(const Address& to) const;
  Result<std::shared_ptr<TcpConnection>> connect(const Address& to);
  void adopt(std::shared_ptr<TcpConnection> conn);
  // Called by a connection.
  void on_frame(TcpConnection& conn, std::string_view bytes);
  void learn_alias(const sip::Message& message, const Address& remote);
  void on_stream_error(TcpConnection& conn, std::string raw, std::string reason);
  void on_read_timeout(TcpConnection& conn, std::string raw, std::string reason);
  void on_closed(TcpConnection& conn, const std::string& reason, bool with_pending_data);

  Loop& loop_;
  Fd listener_;
  TcpLimits limits_;
  WatchId watch_ = 0;
  Timer resume_accepting_;
  std::unordered_map<Address, std::shared_ptr<TcpConnection>, AddressHash> connections_;
  std::unordered_map<Address, Address, AddressHash> aliases_;
  TcpStats stats_;
};

}  // namespace scn::net
