// Text of IR paths, values and conditions for the dump.
#include <type_traits>

#include "scn/ir/dump.h"
#include "scn/ir/parts.h"

namespace scn::ir {

namespace {

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\r': out += "\\r"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
  return out + "\"";
}

const char* field_name(DialogField field) {
  switch (field) {
    case DialogField::call_id: return "call_id";
    case DialogField::local_tag: return "local_tag";
    case DialogField::remote_tag: return "remote_tag";
    case DialogField::local_uri: return "local_uri";
    case DialogField::remote_uri: return "remote_uri";
    case DialogField::remote_target: return "remote_target";
    case DialogField::route_set: return "route_set";
    case DialogField::local_cseq: return "local_cseq";
    case DialogField::remote_cseq: return "remote_cseq";
  }
  return "?";
}

std::string part_suffix(const Path& path) {
  const std::string named = "." + std::string(part_name(path.part));
  const std::string uri =
      path.target == Target::header ? "." + std::string(part_name(Part::addr_spec)) : "";
  switch (path.part) {
    case Part::whole: return "";
    case Part::param: return "." + path.name;
    case Part::uri_user: return uri + ".user";
    case Part::uri_host: return uri + ".host";
    case Part::uri_port: return uri + ".port";
    case Part::uri_param: return uri + "." + path.name;
    case Part::token: return ".value";  // the leading token, whatever the header calls it
    case Part::addr_spec:
    case Part::display_name:
    case Part::cseq_seq:
    case Part::cseq_method:
    case Part::rack_rseq:
    case Part::rack_cseq:
    case Part::via_sent_by:
    case Part::via_transport:
    case Part::via_host:
    case Part::via_port: return named;
  }
  return "";
}

std::string target_name(const Path& path) {
  switch (path.target) {
    case Target::request_uri: return "Request-URI";
    case Target::status: return "Status";
    case Target::reason: return "Reason";
    case Target::method: return "Method";
    case Target::body: return path.name.empty() ? "body" : "body." + path.name;
    case Target::header: break;
  }
  std::string out = path.header;
  if (path.index) out += "[" + std::to_string(path.index) + "]";
  return out;
}

std::string operand_text(const Cond& cond) {
  const bool compound = cond.kind == CondKind::and_ || cond.kind == CondKind::or_;
  return compound ? "(" + cond_text(cond) + ")" : cond_text(cond);
}

}  // namespace

std::string path_text(const Path& path) { return target_name(path) + part_suffix(path); }

std::string value_text(const Value& value) {
  return std::visit(
      [](const auto& node) -> std::string {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<T, Const>) {
          return quoted(node.text);
        } else if constexpr (std::is_same_v<T, ParamRef>) {
          return "param(" + node.name + ")";
        } else if constexpr (std::is_same_v<T, StoredRef>) {
          return "stored(" + node.slot + ")";
        } else if constexpr (std::is_same_v<T, StepFieldRef>) {
          return "step(" + node.step + ")." + path_text(node.path);
        } else if constexpr (std::is_same_v<T, DialogFieldRef>) {
          return "dialog(" + node.dialog + ")." + field_name(node.field);
        } else if constexpr (std::is_same_v<T, SsAddress>) {
          return "ss.address";
        } else if constexpr (std::is_same_v<T, PartyAddress>) {
          return "party(" + node.party + ").address";
        } else if constexpr (std::is_same_v<T, Sdp>) {
          return std::string(node.kind == SdpKind::answer ? "sdp_answer()" : "sdp_offer()");
        } else if constexpr (std::is_same_v<T, Challenge>) {
          std::string out;
          for (const Value& a : node.args) out += (out.empty() ? "" : ", ") + value_text(a);
          return std::string(node.scheme == AuthScheme::aka ? "aka" : "digest") +
                 "_challenge(" + out + ")";
        } else if constexpr (std::is_same_v<T, Credentials>) {
          std::string out;
          for (const Value& a : node.args) out += (out.empty() ? "" : ", ") + value_text(a);
          return "credentials(" + out + ")";
        } else if constexpr (std::is_same_v<T, FirstOf>) {
          std::string out;
          for (const Value& v : node.values) out += (out.empty() ? "" : ", ") + value_text(v);
          return "first_of(" + out + ")";
        } else if constexpr (std::is_same_v<T, Concat>) {
          std::string out;
          for (const Value& part : node.parts) out += (out.empty() ? "" : " + ") + value_text(part);
          return out;
        } else {
          return "reverse(" + (node.list.empty() ? std::string() : value_text(node.list.front())) +
                 ")";
        }
      },
      value.node);
}

std::string cond_text(const Cond& cond) {
  switch (cond.kind) {
    case CondKind::constant: return cond.value ? "true" : "false";
    case CondKind::param_true: return "param(" + cond.name + ") == \"true\"";
    case CondKind::subscribed:
      return "subscribed(" + cond.name + (cond.holder.empty() ? "" : " by " + cond.holder) + ")";
    case CondKind::condition: return "cond(" + cond.name + ")";
    case CondKind::not_: return "not " + operand_text(cond.operands.front());
    case CondKind::and_:
    case CondKind::or_: {
      std::string out;
      for (const Cond& c : cond.operands)
        out += (out.empty() ? "" : cond.kind == CondKind::and_ ? " and " : " or ") +
               operand_text(c);
      return out;
    }
  }
  return "?";
}

}  // namespace scn::ir
