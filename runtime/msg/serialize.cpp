// Message serialisation: the parsed form written back with unfolded values.
#include "msg/msg.h"

namespace scn::sip {

std::string serialize(const Message& message) {
  if (message.empty()) return {};
  std::string out;
  out.reserve(message.raw().size() + 2);
  out += message.start_line();
  out += "\r\n";
  for (const Header& h : message.headers()) {
    out += h.name;
    out += ": ";
    out += h.value;
    out += "\r\n";
  }
  out += "\r\n";
  out += message.body();
  return out;
}

}  // namespace scn::sip
