#include "builtins.h"

namespace scn::check {

using schema::ValueType;

bool is_builtin_object(const std::string& name) {
  return name == "request" || name == "ss" || name == "ue";
}

std::string builtin_object_needs_field(const std::string& name) {
  if (name == "request")
    return "'request' needs a path, as in request.Via or request.From.tag";
  if (name == "ss") return "'ss' needs a field: " + ss_field_list();
  return "'ue' needs a field: ue.contact";
}

std::optional<std::pair<DialogField, StaticType>> dialog_field(const std::string& name) {
  const StaticType tag = StaticType::field(ValueType::token);
  const StaticType uri = StaticType::of(Kind::uri);
  const StaticType seq = StaticType::field(ValueType::uint32);
  if (name == "call_id")
    return std::pair{DialogField::call_id, StaticType::field(ValueType::call_id)};
  if (name == "local_tag") return std::pair{DialogField::local_tag, tag};
  if (name == "remote_tag") return std::pair{DialogField::remote_tag, tag};
  if (name == "local_uri") return std::pair{DialogField::local_uri, uri};
  if (name == "remote_uri") return std::pair{DialogField::remote_uri, uri};
  if (name == "remote_target") return std::pair{DialogField::remote_target, uri};
  if (name == "route_set")
    return std::pair{DialogField::route_set, StaticType::field(ValueType::name_addr, true)};
  if (name == "local_cseq") return std::pair{DialogField::local_cseq, seq};
  if (name == "remote_cseq") return std::pair{DialogField::remote_cseq, seq};
  return std::nullopt;
}

std::optional<std::pair<SsField, StaticType>> ss_field(const std::string& name) {
  if (name == "address")
    return std::pair{SsField::address, StaticType::field(ValueType::hostport)};
  if (name == "host") return std::pair{SsField::host, StaticType::field(ValueType::host)};
  if (name == "port") return std::pair{SsField::port, StaticType::field(ValueType::port)};
  if (name == "transport")
    return std::pair{SsField::transport, StaticType::field(ValueType::token)};
  return std::nullopt;
}

std::vector<std::string> dialog_field_names() {
  return {"call_id",       "local_tag", "remote_tag", "local_uri",  "remote_uri",
          "remote_target", "route_set", "local_cseq", "remote_cseq"};
}

std::vector<std::string> ss_field_names() { return {"address", "host", "port", "transport"}; }

std::vector<std::string> function_names() {
  return {"step",          "dialog",           "reverse",        "subscribed", "party",
          "aka_challenge", "digest_challenge", "digest_response", "sdp_answer", "sdp_offer"};
}

std::string function_list() {
  return "step, dialog, party, reverse, subscribed, aka_challenge, digest_challenge, "
         "digest_response, sdp_answer and sdp_offer";
}

std::string dialog_field_list() {
  return "call_id, local_tag, remote_tag, local_uri, remote_uri, remote_target, route_set, "
         "local_cseq or remote_cseq";
}

std::string ss_field_list() { return "ss.address, ss.host, ss.port or ss.transport"; }

}  // namespace scn::check
