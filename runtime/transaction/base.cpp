#include "transaction/machine.h"

namespace scn::sip {

Transaction::Transaction(TxHost& host, TxId id, TxKind kind, Message request,
                         Destination destination)
    : host_(host),
      id_(id),
      kind_(kind),
      request_(std::move(request)),
      destination_(std::move(destination)) {}

void Transaction::transport_failed(const std::string& reason) {
  if (terminated()) return;
  terminate();
  host_.tu().on_transport_error(id_, reason);
}

bool Transaction::send(std::string_view bytes, bool retransmission, std::string& error) {
  return host_.transmit(destination_, bytes, retransmission, error);
}

void Transaction::resend(std::string_view bytes) {
  std::string error;
  if (!send(bytes, true, error)) transport_failed(error);
}

}  // namespace scn::sip
