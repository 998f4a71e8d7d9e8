#include "transport/transport.h"

namespace scn::net {

std::string_view to_string(Proto proto) {
  return proto == Proto::udp ? "UDP" : "TCP";
}

std::optional<Proto> proto_from_string(std::string_view text) {
  auto equals = [&](std::string_view word) {
    if (text.size() != word.size()) return false;
    for (std::size_t i = 0; i < text.size(); ++i)
      if ((text[i] | 0x20) != word[i]) return false;
    return true;
  };
  if (equals("udp")) return Proto::udp;
  if (equals("tcp")) return Proto::tcp;
  return std::nullopt;
}

void Transport::deliver(sip::Message message, const Address& source, const Address& local) {
  ++received_;
  if (!handler_) return;
  Inbound in{std::move(message), source, local, this};
  handler_->on_message(in);
}

void Transport::deliver_error(InboundError error) {
  ++received_;
  error.transport = this;
  if (handler_) handler_->on_parse_error(error);
}

}  // namespace scn::net
