// An RTP endpoint on the event loop: an even RTP port and the RTCP port after it, a
// drift-free 20 ms (ptime) clock for sending, and a receiver fed from any source address.
#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <utility>

#include "media/media.h"

namespace scn::media {

namespace {

constexpr int bind_attempts = 64;  // a pair is free within a few tries but on a crowded host
constexpr int datagrams_per_wakeup = 64;
constexpr std::size_t max_datagram = 2048;  // RTP with G.711 up to 200 ms fits
// Ticks a late timer may still send at once; beyond that the interval is skipped (the
// timestamp keeps up with time, the marker tells the receiver).
constexpr std::int64_t max_catch_up = 10;

std::string errno_text(const std::string& what) {
  return what + ": " + std::strerror(errno);
}

// A non-blocking UDP socket bound to `at`, and the address it got.
Result<std::pair<net::Fd, net::Address>> bind_udp(const net::Address& at) {
  int domain = at.family() == net::Family::v4 ? AF_INET : AF_INET6;
  net::Fd fd(::socket(domain, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!fd.valid()) return make_error(errno_text("socket"));
  if (at.family() == net::Family::v6) {
    int on = 1;  // no IPv4-mapped peers, as the SIP transports
    setsockopt(fd.get(), IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof on);
  }
  if (::bind(fd.get(), at.sockaddr_ptr(), at.sockaddr_len()) != 0)
    return make_error(errno_text("bind " + at.to_string()));
  if (at.port() != 0) return std::pair{std::move(fd), at};  // got what it asked for
  sockaddr_storage ss{};
  socklen_t len = sizeof ss;
  std::optional<net::Address> local;
  if (::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&ss), &len) == 0)
    local = net::Address::from_sockaddr(reinterpret_cast<sockaddr*>(&ss), len);
  if (!local) return make_error(errno_text("getsockname"));
  return std::pair{std::move(fd), *local};
}

Millis steady_ms() { return SteadyClock().now(); }

// What came in while a pair rested (bounded: a peer that never stops is not waited out).
void drain(int fd) {
  char octet = 0;
  for (int i = 0; i < 1024 && ::recv(fd, &octet, 1, MSG_DONTWAIT | MSG_TRUNC) >= 0; ++i) {
  }
}

// A new pair of sockets: RTP on an even port, RTCP on the next one.
Result<PortPairs::Pair> bind_pair(const net::Address& host) {
  net::Address any_port = host;
  any_port.set_port(0);
  for (int attempt = 0; attempt < bind_attempts; ++attempt) {
    // The kernel's port, even, is RTP's and the next one RTCP's; odd, it is RTCP's and
    // the one before RTP's (half the calls would otherwise bind a socket in vain).
    auto first = bind_udp(any_port);
    if (!first) return first.error();
    const std::uint16_t port = first->second.port();
    const bool even = port % 2 == 0;
    if (!even && port < 2) continue;
    net::Address other_at = first->second;
    other_at.set_port(static_cast<std::uint16_t>(even ? port + 1 : port - 1));
    auto other = bind_udp(other_at);
    if (!other) continue;  // taken: try another pair
    auto& rtp = even ? first.value() : other.value();
    auto& rtcp = even ? other.value() : first.value();
    return PortPairs::Pair{std::move(rtp.first), std::move(rtcp.first), rtp.second};
  }
  return make_error("no free even RTP port with a free RTCP port on " + host.host());
}

}  // namespace

std::optional<PortPairs::Pair> PortPairs::take(const net::Address& host) {
  std::optional<Pair> taken;
  {
    std::lock_guard lock(mutex_);
    if (resting_.empty() || steady_ms() - resting_.front().since < rest_ms_) return std::nullopt;
    net::Address same_host = host;
    same_host.set_port(resting_.front().pair.local.port());
    if (!(same_host == resting_.front().pair.local)) return std::nullopt;
    taken = std::move(resting_.front().pair);
    resting_.pop_front();
  }
  drain(taken->rtp.get());
  drain(taken->rtcp.get());
  return taken;
}

void PortPairs::give(Pair pair) {
  std::lock_guard lock(mutex_);
  if (resting_.size() >= most_) return;  // closed with `pair`
  resting_.push_back({steady_ms(), std::move(pair)});
}

std::size_t PortPairs::size() const {
  std::lock_guard lock(mutex_);
  return resting_.size();
}

Result<std::unique_ptr<Endpoint>> Endpoint::open(Loop& loop, const net::Address& host,
                                                 PortPairs* pairs) {
  std::optional<PortPairs::Pair> pair = pairs ? pairs->take(host) : std::nullopt;
  if (!pair) {
    auto bound = bind_pair(host);
    if (!bound) return bound.error();
    pair = std::move(bound).value();
  }
  const net::Address local = pair->local;
  std::unique_ptr<Endpoint> e(
      new Endpoint(loop, std::move(pair->rtp), std::move(pair->rtcp), local));
  e->pairs_ = pairs;
  if (!e->watch()) return make_error("cannot watch the RTP sockets");
  return e;
}

Endpoint::Endpoint(Loop& loop, net::Fd rtp, net::Fd rtcp, net::Address local)
    : loop_(loop), rtp_(std::move(rtp)), rtcp_(std::move(rtcp)), local_(local),
      sender_(Format{}), clock_(loop) {
  receiver_.reset(now_us());
}

Endpoint::~Endpoint() {
  loop_.unwatch(rtp_watch_);
  loop_.unwatch(rtcp_watch_);
  if (pairs_ && rtp_.valid() && rtcp_.valid())
    pairs_->give({std::move(rtp_), std::move(rtcp_), local_});
}

bool Endpoint::watch() {
  rtp_watch_ = loop_.watch(rtp_.get(), io_readable, [this](unsigned) { on_rtp(); });
  rtcp_watch_ = loop_.watch(rtcp_.get(), io_readable, [this](unsigned) { on_rtcp(); });
  return rtp_watch_ != 0 && rtcp_watch_ != 0;
}

// Microseconds on the loop's clock: a manual clock only knows milliseconds; the real one
// is CLOCK_MONOTONIC (as SteadyClock), read finer for jitter.
Micros Endpoint::now_us() const {
  if (loop_.clock().manual()) return loop_.now() * 1000;
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<Micros>(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}

void Endpoint::on_rtp() {
  if (buffer_.size() != max_datagram + 1) buffer_.assign(max_datagram + 1, 0);
  for (int i = 0; i < datagrams_per_wakeup; ++i) {
    sockaddr_storage from{};
    socklen_t from_len = sizeof from;
    ssize_t n = ::recvfrom(rtp_.get(), buffer_.data(), buffer_.size(), MSG_TRUNC,
                           reinterpret_cast<sockaddr*>(&from), &from_len);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return;  // drained, or an ICMP error: nothing to count
    if (static_cast<std::size_t>(n) > max_datagram) {
      receiver_.receive_malformed("datagram of " + std::to_string(n) + " octets");
      continue;
    }
    auto packet = parse(std::span(buffer_).first(static_cast<std::size_t>(n)));
    if (!packet) {
      receiver_.receive_malformed(packet.reason());
      continue;
    }
    if (auto source = net::Address::from_sockaddr(reinterpret_cast<sockaddr*>(&from), from_len)) {
      stream_source_ = *source;
      if (tap_) tap_(false, *source, local_, std::span(buffer_).first(static_cast<std::size_t>(n)));
    }
    receiver_.receive(*packet, now_us());
  }
}

void Endpoint::on_rtcp() {
  std::uint8_t scratch[max_datagram];
  for (int i = 0; i < datagrams_per_wakeup; ++i) {
    ssize_t n = ::recv(rtcp_.get(), scratch, sizeof scratch, MSG_TRUNC);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return;
    receiver_.receive_rtcp();
  }
}

Result<void> Endpoint::set_remote(const net::Address& remote, const Format& format) {
  if (auto ok = check(format); !ok) return ok.error();
  if (remote.family() != local_.family())
    return make_error("cannot send RTP to " + remote.to_string() + " from " + local_.to_string());
  bool was_sending = clock_.running();
  clock_.stop();
  if (was_sending) stopped_at_ = loop_.now();
  remote_ = remote;
  sender_.set_format(format);
  receiver_.set_format(format);
  update_clock();
  return {};
}

void Endpoint::send_tone(double hz, double dbm0) {
  send_source(tone_source(hz, dbm0));
}

void Endpoint::send_silence() {
  send_source(silence_source());
}

void Endpoint::send_source(Source source) {
  has_source_ = static_cast<bool>(source);
  sender_.set_source(std::move(source));
  update_clock();
}

Result<void> Endpoint::send_dtmf(std::string_view digits) {
  if (!remote_) return make_error("no remote to send DTMF to");
  if (auto queued = sender_.queue_dtmf(digits); !queued) return queued;
  update_clock();
  return {};
}

void Endpoint::stop_sending() {
  has_source_ = false;
  sender_.set_source(nullptr);
  update_clock();
}

void Endpoint::reset_window(std::vector<double> tone_hz) {
  receiver_.reset(now_us(), std::move(tone_hz));
}

Frame Endpoint::latest_frame() const {
  return receiver_.latest_frame(now_us());
}

// Sends while there is a remote and something to send: audio, or digits still queued.
// A restart lets the pause go by in the timestamp (Sender::skip).
void Endpoint::update_clock() {
  bool wanted = remote_ && (has_source_ || sender_.dtmf_pending());
  if (!wanted) {
    if (clock_.running()) stopped_at_ = loop_.now();
    clock_.stop();
    return;
  }
  if (clock_.running()) return;
  if (stopped_at_) {
    Millis paused = loop_.now() - *stopped_at_;
    sender_.skip(static_cast<std::uint32_t>(paused / sender_.format().ptime_ms));
    stopped_at_.reset();
  }
  epoch_ = loop_.now();
  ticks_ = 0;
  on_tick();
}

// Tick n is due at epoch + n * ptime whenever this runs, so lateness never accumulates.
void Endpoint::on_tick() {
  const Millis ptime = sender_.format().ptime_ms;
  const std::int64_t due = (loop_.now() - epoch_) / ptime;
  if (due - ticks_ > max_catch_up) {
    sender_.skip(static_cast<std::uint32_t>(due - ticks_));
    ticks_ = due;
  }
  for (; ticks_ <= due; ++ticks_) {
    transmit(sender_.tick());
    if (!has_source_ && !sender_.dtmf_pending()) {
      ++ticks_;
      stopped_at_ = loop_.now();
      return;  // the last digit went out and no audio follows
    }
  }
  clock_.start(epoch_ + ticks_ * ptime - loop_.now(), [this] { on_tick(); });
}

void Endpoint::transmit(const std::vector<std::uint8_t>& bytes) {
  ssize_t n = ::sendto(rtp_.get(), bytes.data(), bytes.size(), MSG_NOSIGNAL,
                       remote_->sockaddr_ptr(), remote_->sockaddr_len());
  if (n == static_cast<ssize_t>(bytes.size())) {
    ++sent_;
    if (tap_) tap_(true, local_, *remote_, bytes);
  } else if (send_error_.empty()) {
    send_error_ = n < 0 ? errno_text("sendto " + remote_->to_string())
                        : "short datagram write to " + remote_->to_string();
  }
}

}  // namespace scn::media
