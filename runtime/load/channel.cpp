// One instance's side of the shared socket: the queue the dispatcher fills, and the
// transport its executor sends and receives through.
#include "load/load.h"
#include "msg/msg.h"

namespace scn::load {

void Channel::push(Datagram datagram) {
  std::lock_guard lock(mutex_);
  const bool was_empty = queue_.empty();
  queue_.push_back(std::move(datagram));
  // A queue that held something has woken its reader, which has not taken it yet: take()
  // empties the whole queue, this datagram with it.
  if (was_empty && waker_) waker_();
}

std::vector<Datagram> Channel::take() {
  std::lock_guard lock(mutex_);
  std::vector<Datagram> taken;
  taken.swap(queue_);
  return taken;
}

void Channel::set_waker(std::function<void()> waker) {
  std::lock_guard lock(mutex_);
  waker_ = std::move(waker);
  if (waker_ && !queue_.empty()) waker_();
}

Result<std::unique_ptr<ChannelTransport>> ChannelTransport::open(Loop& loop, Outlet& outlet,
                                                                 const net::Address& local,
                                                                 std::shared_ptr<Channel> channel,
                                                                 Router& router) {
  if (!channel) return make_error("no channel");
  std::unique_ptr<ChannelTransport> transport(
      new ChannelTransport(loop, outlet, local, std::move(channel), router));
  const WatchId id = loop.watch_signal([raw = transport.get()] { raw->on_readable(); });
  if (id == 0) return make_error("cannot watch the channel");
  transport->watch_ = id;
  transport->channel_->set_waker([&loop, id] { loop.raise(id); });
  return transport;
}

ChannelTransport::ChannelTransport(Loop& loop, Outlet& outlet, const net::Address& local,
                                   std::shared_ptr<Channel> channel, Router& router)
    : loop_(loop), outlet_(outlet), proto_(outlet.proto()), channel_(std::move(channel)),
      router_(router) {
  local_ = local;
}

ChannelTransport::~ChannelTransport() {
  if (watch_) channel_->set_waker(nullptr);
  loop_.unwatch(watch_);
}

Result<void> ChannelTransport::send(const net::Address& to, std::string_view bytes) {
  if (to.family() != local_.family())
    return make_error("cannot send to " + to.to_string() + " from " + local_.to_string());
  // Responses to what this instance received are routed already; its own requests (a
  // calling instance, or the cleanup's) make their Call-ID its own before any answer.
  const std::string_view call_id = call_id_of(bytes);
  if (!call_id.empty() && call_id != last_call_id_) {
    router_.add(call_id, channel_);
    last_call_id_ = call_id;
  }
  if (!first_out_) first_out_ = Clock::now();
  return outlet_.send(to, bytes);
}

std::optional<Clock::duration> ChannelTransport::response_time() const {
  if (!first_in_ || !first_out_) return std::nullopt;
  return *first_in_ < *first_out_ ? *first_out_ - *first_in_ : *first_in_ - *first_out_;
}

void ChannelTransport::on_readable() {
  for (const Datagram& datagram : channel_->take()) on_datagram(datagram);
}

// As UdpTransport takes a datagram: keep-alives skipped, what does not parse reported.
void ChannelTransport::on_datagram(const Datagram& datagram) {
  const std::string_view bytes = datagram.bytes;
  if (bytes.find_first_not_of("\r\n") == std::string_view::npos) {
    ++keepalives_;
    return;
  }
  if (!first_in_) first_in_ = datagram.arrived;
  auto parsed = sip::parse(bytes, reliable() ? sip::ParseMode::Stream : sip::ParseMode::Datagram);
  if (!parsed) {
    deliver_error({std::string(bytes), parsed.reason(), parsed.error().offset, datagram.source,
                   local_, this, false});
    return;
  }
  deliver(std::move(parsed).value(), datagram.source, local_);
}

}  // namespace scn::load
