// What every transaction shares: the Transaction base of the four state machines, and
// the names of transaction kinds, states and timers.
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

Result<void> Transaction::send(std::string_view bytes, bool retransmission) {
  return host_.transmit(destination_, bytes, retransmission);
}

void Transaction::resend(std::string_view bytes) {
  if (auto sent = send(bytes, true); !sent) transport_failed(sent.reason());
}


std::string_view to_string(TxKind kind) {
  switch (kind) {
    case TxKind::ClientInvite: return "client INVITE";
    case TxKind::ClientNonInvite: return "client non-INVITE";
    case TxKind::ServerInvite: return "server INVITE";
    case TxKind::ServerNonInvite: return "server non-INVITE";
  }
  return "?";
}

std::string_view to_string(ClientInviteState state) {
  switch (state) {
    case ClientInviteState::Calling: return "Calling";
    case ClientInviteState::Proceeding: return "Proceeding";
    case ClientInviteState::Completed: return "Completed";
    case ClientInviteState::Terminated: return "Terminated";
  }
  return "?";
}

std::string_view to_string(ClientNonInviteState state) {
  switch (state) {
    case ClientNonInviteState::Trying: return "Trying";
    case ClientNonInviteState::Proceeding: return "Proceeding";
    case ClientNonInviteState::Completed: return "Completed";
    case ClientNonInviteState::Terminated: return "Terminated";
  }
  return "?";
}

std::string_view to_string(ServerInviteState state) {
  switch (state) {
    case ServerInviteState::Proceeding: return "Proceeding";
    case ServerInviteState::Completed: return "Completed";
    case ServerInviteState::Confirmed: return "Confirmed";
    case ServerInviteState::Terminated: return "Terminated";
  }
  return "?";
}

std::string_view to_string(ServerNonInviteState state) {
  switch (state) {
    case ServerNonInviteState::Trying: return "Trying";
    case ServerNonInviteState::Proceeding: return "Proceeding";
    case ServerNonInviteState::Completed: return "Completed";
    case ServerNonInviteState::Terminated: return "Terminated";
  }
  return "?";
}

std::string_view to_string(const TxState& state) {
  return std::visit([](auto s) { return to_string(s); }, state);
}


std::string_view to_string(TimerName name) {
  switch (name) {
    case TimerName::A: return "A";
    case TimerName::B: return "B";
    case TimerName::D: return "D";
    case TimerName::E: return "E";
    case TimerName::F: return "F";
    case TimerName::G: return "G";
    case TimerName::H: return "H";
    case TimerName::I: return "I";
    case TimerName::J: return "J";
    case TimerName::K: return "K";
    case TimerName::Reliable1xx: return "reliable-1xx";
    case TimerName::Retransmit2xx: return "2xx-retransmit";
  }
  return "?";
}

}  // namespace scn::sip
