#include "transport/socket.h"

#include <sys/socket.h>

#include <algorithm>
#include <cerrno>

#include "msg/msg.h"
#include "transport/transport.h"

namespace scn::net {

namespace {
constexpr std::size_t read_chunk = 16384;
}

TcpConnection::TcpConnection(Loop& loop, TcpTransport& owner, Fd fd, Address remote,
                             Address local, Origin origin)
    : loop_(loop),
      owner_(owner),
      fd_(std::move(fd)),
      remote_(remote),
      local_(local),
      connecting_(origin == Origin::connecting),
      inbound_(origin == Origin::accepted),
      read_timer_(loop) {}

TcpConnection::~TcpConnection() {
  if (watch_) loop_.unwatch(watch_);
}

bool TcpConnection::start() {
  std::weak_ptr<TcpConnection> weak = weak_from_this();
  interest_ = io_readable | (connecting_ ? io_writable : 0u);
  watch_ = loop_.watch(fd_.get(), interest_, [weak](unsigned ready) {
    if (auto self = weak.lock()) self->on_io(ready);  // `self` keeps it alive meanwhile
  });
  // A peer that connects must say something: silent connections would hold the cap.
  if (watch_ != 0 && inbound_) arm_read_timer();
  return watch_ != 0;
}

Result<void> TcpConnection::queue(std::string_view bytes) {
  if (closed()) return make_error("connection to " + remote_.to_string() + " is closed");
  if (out_.size() - out_sent_ + bytes.size() > max_queued)
    return make_error("too much unsent data for " + remote_.to_string());
  out_.append(bytes);
  if (!connecting_) flush();
  update_interest();
  return {};
}

void TcpConnection::close(const std::string& reason) {
  if (closed()) return;
  if (watch_) loop_.unwatch(watch_);
  watch_ = 0;
  read_timer_.stop();
  fd_.reset();
  bool pending = connecting_ || out_sent_ < out_.size();
  owner_.on_closed(*this, reason, pending);
}

void TcpConnection::on_io(unsigned ready) {
  auto self = shared_from_this();
  if (connecting_) {
    finish_connect();
    if (closed() || connecting_) return;
  }
  if (ready & io_readable) read_available();
  if (!closed() && (ready & io_writable)) flush();
  if (!closed()) update_interest();
}

void TcpConnection::finish_connect() {
  int err = socket_error(fd_.get());
  if (err == EINPROGRESS || err == EALREADY) return;
  if (err != 0) {
    close(errno_text(("connect " + remote_.to_string()).c_str(), err));
    return;
  }
  connecting_ = false;
  if (auto local = local_address(fd_.get())) local_ = *local;
}

void TcpConnection::read_available() {
  char chunk[read_chunk];
  // What is left over the budget stays readable: the level-triggered loop comes back.
  for (std::size_t taken = 0; taken < owner_.limits().read_budget;) {
    ssize_t n = ::recv(fd_.get(), chunk, sizeof chunk, 0);
    if (n > 0) {
      taken += static_cast<std::size_t>(n);
      in_.append(chunk, static_cast<std::size_t>(n));
      process_input();
      if (closed()) return;
      continue;
    }
    if (n == 0) {
      close("closed by peer");
      return;
    }
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) close(errno_text("recv", errno));
    return;
  }
}

void TcpConnection::process_input() {
  std::size_t pos = 0;
  bool completed = false;
  while (!closed() && pos < in_.size()) {
    std::string_view rest(in_.data() + pos, in_.size() - pos);
    sip::Limits bounds;
    bounds.max_message = owner_.limits().max_message;
    sip::FrameResult r = sip::frame(rest, bounds);
    if (r.ping) (void)queue("\r\n");  // RFC 5626 3.5.1 pong, best effort like the ping
    if (r.status == sip::FrameStatus::NeedMore) {
      pos += std::min(r.skip, rest.size());
      break;
    }
    if (r.status == sip::FrameStatus::Error) {
      std::string raw(rest.substr(0, std::min(rest.size(), bounds.max_message)));
      owner_.on_stream_error(*this, std::move(raw), r.reason);
      in_.clear();  // reported above, not a message the peer cut short
      close("framing lost: " + r.reason);
      return;
    }
    if (r.skip + r.length > rest.size() || r.length == 0) {
      close("framing returned an impossible length");
      return;
    }
    // Copy: the handler may queue data on this connection or close it meanwhile.
    std::string message(rest.substr(r.skip, r.length));
    pos += r.skip + r.length;
    delivered_ = completed = true;
    owner_.on_frame(*this, message);
  }
  in_.erase(0, std::min(pos, in_.size()));
  if (completed) read_timer_.stop();  // what is left is a new message: its own clock
  arm_read_timer();
}

// The clock runs while awaits_message() holds, from when it began to.
void TcpConnection::arm_read_timer() {
  if (closed()) return;
  if (!awaits_message(!in_.empty(), inbound_, delivered_)) {
    read_timer_.stop();
    return;
  }
  if (read_timer_.running()) return;
  std::weak_ptr<TcpConnection> weak = weak_from_this();
  read_timer_.start(owner_.limits().read_timeout, [weak] {
    if (auto self = weak.lock()) self->on_read_timeout();
  });
}

void TcpConnection::on_read_timeout() {
  const Millis limit = owner_.limits().read_timeout;
  std::string reason =
      in_.empty() ? "no message within " + std::to_string(limit) + " ms of the connect"
                  : "message incomplete after " + std::to_string(limit) + " ms (" +
                        std::to_string(in_.size()) + " octets held)";
  std::string raw = std::move(in_);
  in_.clear();
  owner_.on_read_timeout(*this, std::move(raw), reason);
  if (!closed()) close(reason);
}

void TcpConnection::flush() {
  while (out_sent_ < out_.size()) {
    ssize_t n = ::send(fd_.get(), out_.data() + out_sent_, out_.size() - out_sent_, MSG_NOSIGNAL);
    if (n >= 0) {
      out_sent_ += static_cast<std::size_t>(n);
      continue;
    }
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return;
    // Report from the loop, not from inside the caller's send().
    std::weak_ptr<TcpConnection> weak = weak_from_this();
    std::string reason = errno_text(("send " + remote_.to_string()).c_str(), errno);
    loop_.schedule(0, [weak, reason] {
      if (auto self = weak.lock()) self->close(reason);
    });
    return;
  }
  out_.clear();
  out_sent_ = 0;
}

void TcpConnection::update_interest() {
  if (closed()) return;
  unsigned want = io_readable;
  if (connecting_ || out_sent_ < out_.size()) want |= io_writable;
  if (want != interest_ && loop_.modify(watch_, want)) interest_ = want;
}

}  // namespace scn::net
