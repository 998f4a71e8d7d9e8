// Reading From/To/Contact/CSeq/Record-Route for dialogs.
#include "dialog/parts.h"

#include "msg/msg.h"

namespace scn::sip::detail {

Result<Party> read_party(const Message& message, std::string_view header) {
  const auto value = message.first(header);
  if (!value) return make_error("no " + std::string(header) + " header");
  auto na = parse_name_addr_shallow(*value);
  if (!na) return make_error("unparsable " + std::string(header) + ": " + na.reason());
  Party party;
  if (!na->display_name.empty()) {
    party.uri = std::string(na->display_name);
    party.uri += ' ';
  }
  party.uri += "<" + std::string(na->uri_text) + ">";
  if (auto tag = na->tag()) party.tag = std::string(*tag);
  return party;
}

Result<std::string> read_contact_uri(const Message& message) {
  const auto value = message.first("Contact");
  if (!value) return make_error("no Contact header");
  auto contact = parse_contact(*value);
  if (!contact) return make_error("unparsable Contact: " + contact.reason());
  if (contact->is_star) return make_error("Contact '*' is no remote target");
  return std::string(contact->addr.uri_text);
}

Result<CSeqValue> read_cseq(const Message& message) {
  const auto value = message.first("CSeq");
  if (!value) return make_error("no CSeq header");
  auto cseq = parse_cseq(*value);
  if (!cseq) return make_error("unparsable CSeq: " + cseq.reason());
  return CSeqValue{cseq->number, std::string(cseq->method)};
}

std::vector<std::string> read_record_route(const Message& message) {
  std::vector<std::string> out;
  for (std::string_view v : message.values("Record-Route")) out.emplace_back(v);
  return out;
}

std::string cseq_text(std::uint32_t number, std::string_view method) {
  return std::to_string(number) + " " + std::string(method);
}

}  // namespace scn::sip::detail
