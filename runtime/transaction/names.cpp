#include "transaction/types.h"

namespace scn::sip {

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

}  // namespace scn::sip
