// Edits inside one header value: a header parameter, the addr-spec (keeping display
// name and params), the display name, URI parts, CSeq/RAck numbers, Via parts.
#include "auth/auth.h"
#include "msg/msg.h"
#include "template/draft.h"
#include "template/parts.h"
#include "template/value.h"

namespace scn::sip::detail {

namespace {

std::string cannot(const Path& path, std::string_view why) {
  return "cannot set " + to_string(path) + ": " + std::string(why);
}

HostKind host_kind_of(std::string_view host) {
  if (is_ipv4_address(host)) return HostKind::IPv4;
  if (is_ipv6_address(host)) return HostKind::IPv6;
  return HostKind::Name;
}

Result<void> set_uri_param(Uri& uri, const std::string& name, const SendValue& v) {
  std::erase_if(uri.params, [&](const UriParam& p) {
    return iequals(p.name, name) && v.kind != SendValue::Kind::Present;
  });
  if (v.kind == SendValue::Kind::Absent) return {};
  if (v.kind == SendValue::Kind::Present) {
    if (uri.param(name) == nullptr) uri.params.push_back({name, {}, false});
    return {};
  }
  uri.params.push_back({name, v.text, true});
  return {};
}

Result<void> set_uri_field(Uri& uri, const Path& path, const SendValue& v) {
  const bool remove = v.kind == SendValue::Kind::Absent;
  switch (path.part) {
    case PathPart::UriUser:
      uri.user = remove ? std::string() : v.text;
      uri.has_user = !remove;
      if (remove) uri.has_password = false;
      return {};
    case PathPart::UriHost:
      if (remove || v.text.empty()) return make_error(cannot(path, "a URI needs a host"));
      uri.host = v.text;
      if (uri.host.size() > 2 && uri.host.front() == '[') uri.host = uri.host.substr(1, uri.host.size() - 2);
      uri.host_kind = host_kind_of(uri.host);
      return {};
    case PathPart::UriPort: {
      if (remove) {
        uri.port.reset();
        return {};
      }
      const auto port = parse_decimal(v.text, 65535);
      if (!port) return make_error(cannot(path, "'" + v.text + "' is no port"));
      uri.port = static_cast<std::uint16_t>(*port);
      return {};
    }
    default: return set_uri_param(uri, path.name, v);
  }
}

std::string display_text(std::string_view display) {
  if (display.empty() || display.front() == '"') return std::string(display);
  return quote(display);
}

Result<std::string> edit_name_addr(std::string_view value, const Path& path, const SendValue& v) {
  auto ev = EditableValue::parse(value);
  if (!ev) return make_error(cannot(path, ev.reason()));
  HeadUri head = split_head_uri(ev.value().head);
  if (path.part == PathPart::AddrSpec) {
    if (v.kind != SendValue::Kind::Text) return make_error(cannot(path, "an address is required"));
    head.uri = v.text;
    head.angle = true;
  } else if (path.part == PathPart::DisplayName) {
    head.display = v.kind == SendValue::Kind::Absent ? std::string() : display_text(v.text);
    head.angle = true;
  } else {
    auto uri = edit_uri(head.uri, path, v);
    if (!uri) return uri.error();
    head.uri = *uri;
    head.angle = true;  // params on the URI must not be read as header params
  }
  ev.value().head = join_head_uri(head);
  return ev.value().text();
}

// A challenge's auth-param: replaced where it is, or added at the end, quoted unless it
// is one of the token-valued ones (RFC 7616 3.3: algorithm, stale; qop in credentials).
Result<std::string> edit_auth_param(std::string_view value, const Path& path,
                                    const SendValue& v) {
  auto digest = auth::parse_digest(value);
  if (!digest) return make_error(cannot(path, digest.reason()));
  std::vector<auth::AuthParam> params;
  bool replaced = false;
  for (const auth::AuthParam& p : digest->params) {
    if (!iequals(p.name, path.name)) {
      params.push_back(p);
    } else if (v.kind == SendValue::Kind::Text && !replaced) {
      params.push_back({p.name, v.text, p.quoted});
      replaced = true;
    }
  }
  if (v.kind == SendValue::Kind::Text && !replaced) {
    const bool token = iequals(path.name, "algorithm") || iequals(path.name, "stale") ||
                       iequals(path.name, "nc");
    params.push_back({path.name, v.text, !token});
  }
  std::string out = "Digest";
  for (std::size_t i = 0; i < params.size(); ++i) {
    out += i == 0 ? " " : ", ";
    out += params[i].name + "=" + (params[i].quoted ? quote(params[i].value) : params[i].value);
  }
  return out;
}

Result<std::string> edit_param(std::string_view value, const Path& path, const SendValue& v) {
  if (is_auth_header(path.header)) return edit_auth_param(value, path, v);
  auto ev = EditableValue::parse(value);
  if (!ev) return make_error(cannot(path, ev.reason()));
  switch (v.kind) {
    case SendValue::Kind::Absent: ev.value().remove(path.name); break;
    case SendValue::Kind::Present: ev.value().set_valueless(path.name); break;
    default:
      if (v.text.empty()) {
        ev.value().remove(path.name);
        ev.value().set_valueless(path.name);
      } else {
        ev.value().set(path.name, v.text);
      }
  }
  return ev.value().text();
}

Result<std::string> edit_rack(std::string_view value, const Path& path, const SendValue& v) {
  if (v.kind != SendValue::Kind::Text) return make_error(cannot(path, "a value is required"));
  auto rack = parse_rack(value);
  if (!rack) return make_error(cannot(path, rack.reason()));
  std::string rseq = std::to_string(rack->rseq), cseq = std::to_string(rack->cseq);
  std::string method(rack->method);
  std::string& edited = path.part == PathPart::RAckRSeq   ? rseq
                        : path.part == PathPart::RAckCSeq ? cseq
                                                          : method;
  edited = v.text;
  return rseq + " " + cseq + " " + method;
}

Result<std::string> edit_cseq(std::string_view value, const Path& path, const SendValue& v) {
  if (v.kind != SendValue::Kind::Text) return make_error(cannot(path, "a value is required"));
  auto cseq = parse_cseq(value);
  if (!cseq) return make_error(cannot(path, cseq.reason()));
  if (path.part == PathPart::CSeqSeq) return v.text + " " + std::string(cseq->method);
  return std::to_string(cseq->number) + " " + v.text;
}

Result<std::string> edit_via(std::string_view value, const Path& path, const SendValue& v) {
  if (v.kind != SendValue::Kind::Text) return make_error(cannot(path, "a value is required"));
  auto via = parse_via(value);
  if (!via) return make_error(cannot(path, via.reason()));
  std::string transport(via->transport), sent_by = via->sent_by();
  const std::string params(split_head_params(value).params);
  if (path.part == PathPart::ViaTransport) {
    transport = v.text;
  } else if (path.part == PathPart::ViaSentBy) {
    sent_by = v.text;
  } else if (path.part == PathPart::ViaHost) {
    const bool v6 = is_ipv6_address(v.text);
    sent_by = (v6 ? "[" + v.text + "]" : v.text) +
              (via->port ? ":" + std::to_string(*via->port) : std::string());
  } else {
    Uri host;  // reuse the URI host rules for the brackets
    host.host = std::string(via->host);
    host.host_kind = via->host_kind;
    sent_by = host.host_reference() + ":" + v.text;
  }
  return std::string(via->protocol) + "/" + std::string(via->version) + "/" + transport + " " +
         sent_by + params;
}

}  // namespace

Result<std::string> edit_uri(std::string_view uri_text, const Path& path, const SendValue& value) {
  auto uri = parse_uri(trim(uri_text));
  if (!uri) return make_error(cannot(path, "unparsable URI '" + std::string(uri_text) + "': " + uri.reason()));
  if (auto set = set_uri_field(uri.value(), path, value); !set) return set.error();
  return serialize(*uri);
}

Result<std::string> edit_value_part(std::string_view value, const Path& path,
                                    const SendValue& v) {
  switch (part_of(path)) {
    case PartOf::Value: return v.text;
    case PartOf::Param: return edit_param(value, path, v);
    case PartOf::Token: {
      auto ev = EditableValue::parse(value);
      if (!ev) return make_error(cannot(path, ev.reason()));
      ev.value().head = v.text;
      return ev.value().text();
    }
    case PartOf::CSeq: return edit_cseq(value, path, v);
    case PartOf::RAck: return edit_rack(value, path, v);
    case PartOf::Via: return edit_via(value, path, v);
    case PartOf::NameAddr: break;
  }
  return edit_name_addr(value, path, v);
}

}  // namespace scn::sip::detail
