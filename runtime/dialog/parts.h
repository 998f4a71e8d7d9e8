// Private helpers of dialogs: reading the dialog-relevant parts of a message.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/base.h"

namespace scn::sip {
class Message;
}

namespace scn::sip::detail {

// From / To: the party (display name and <uri>, no params) and its tag.
struct Party {
  std::string uri;  // "\"Alice\" <sip:alice@home1.net>" or "<sip:alice@home1.net>"
  std::string tag;  // empty when absent
};
Result<Party> read_party(const Message& message, std::string_view header);

// The first Contact's URI.
Result<std::string> read_contact_uri(const Message& message);

struct CSeqValue {
  std::uint32_t number = 0;
  std::string method;
};
Result<CSeqValue> read_cseq(const Message& message);

// Record-Route values as written, in message order.
std::vector<std::string> read_record_route(const Message& message);

// "n METHOD"
std::string cseq_text(std::uint32_t number, std::string_view method);

}  // namespace scn::sip::detail
