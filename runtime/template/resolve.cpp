// resolve(): the values at a path in a message, shared by building and matching.
#include <array>
#include <span>

#include "auth/auth.h"
#include "body/body.h"
#include "msg/msg.h"
#include "template/parts.h"
#include "template/template.h"
#include "template/value.h"

namespace scn::sip {

namespace {

constexpr std::array<std::string_view, 18> kNameAddrHeaders{
    "To", "From", "Contact", "Route", "Record-Route", "Refer-To", "Referred-By", "Reply-To",
    "P-Asserted-Identity", "P-Preferred-Identity", "P-Associated-URI", "P-Called-Party-ID",
    "Path", "Service-Route", "History-Info", "Diversion", "P-Served-User", "Policy-Contact"};

// RFC 3261 7.3.1: tokens compare case-insensitively.
constexpr std::array<std::string_view, 20> kTokenHeaders{
    "Require", "Supported", "Proxy-Require", "Unsupported", "Allow", "Allow-Events", "Accept",
    "Accept-Encoding", "Accept-Language", "Content-Type", "Content-Encoding", "Content-Language",
    "Content-Disposition", "Event", "Subscription-State", "Privacy", "Refer-Sub",
    "Session-Expires", "Accept-Contact", "Reject-Contact"};

constexpr std::array<std::string_view, 6> kNumberHeaders{
    "Content-Length", "Max-Forwards", "Expires", "Min-Expires", "RSeq", "Min-SE"};

template <std::size_t N>
bool listed(const std::array<std::string_view, N>& names, std::string_view name) {
  const std::string_view canonical = canonical_header_name(name);
  for (std::string_view n : names) {
    if (iequals(n, canonical)) return true;
  }
  return false;
}

Resolved one(ValueKind kind, std::string value) {
  Resolved r;
  r.kind = kind;
  r.values.push_back(std::move(value));
  return r;
}

Resolved none(ValueKind kind) {
  Resolved r;
  r.kind = kind;
  return r;
}

Resolved unreadable(ValueKind kind, std::string error) {
  Resolved r;
  r.kind = kind;
  r.error = std::move(error);
  return r;
}

ValueKind part_kind(PathPart part) {
  switch (part) {
    case PathPart::AddrSpec: return ValueKind::Uri;
    case PathPart::UriHost:
    case PathPart::UriParam:
    case PathPart::Token:
    case PathPart::ViaSentBy:
    case PathPart::ViaTransport:
    case PathPart::ViaHost: return ValueKind::Token;
    case PathPart::UriPort:
    case PathPart::CSeqSeq:
    case PathPart::RAckRSeq:
    case PathPart::RAckCSeq:
    case PathPart::ViaPort: return ValueKind::Number;
    default: return ValueKind::Text;
  }
}

Resolved uri_part(const Uri& uri, const Path& path) {
  const ValueKind kind = part_kind(path.part);
  switch (path.part) {
    case PathPart::UriUser:
      return uri.has_user || uri.kind == UriScheme::Tel ? one(kind, uri.user) : none(kind);
    case PathPart::UriHost: return uri.host.empty() ? none(kind) : one(kind, uri.host);
    case PathPart::UriPort:
      return uri.port ? one(kind, std::to_string(*uri.port)) : none(kind);
    case PathPart::UriParam: {
      const UriParam* p = uri.param(path.name);
      return p == nullptr ? none(kind) : one(kind, p->has_value ? p->value : std::string());
    }
    default: return none(kind);
  }
}

Resolved resolve_uri_text(std::string_view text, const Path& path) {
  auto uri = parse_uri(trim(text));
  if (!uri) return unreadable(part_kind(path.part), "unparsable URI: " + uri.reason());
  return uri_part(*uri, path);
}

Resolved name_addr_part(std::string_view header, std::string_view value, const Path& path) {
  const ValueKind kind = part_kind(path.part);
  // The URI is built only for the paths that read a part of it.
  const bool reads_uri = path.part != PathPart::AddrSpec && path.part != PathPart::DisplayName;
  auto na = reads_uri ? parse_name_addr(value) : parse_name_addr_shallow(value);
  if (!na) return unreadable(kind, "unparsable " + std::string(header) + ": " + na.reason());
  if (path.part == PathPart::AddrSpec) return one(kind, std::string(na->uri_text));
  if (path.part == PathPart::DisplayName) {
    return na->display_name.empty() ? none(kind) : one(kind, na->display());
  }
  return uri_part(na->uri, path);
}

// Challenges and credentials (RFC 3261 25.1): the scheme, then comma-separated
// auth-params, not `;` params.
Resolved auth_param_part(std::string_view header, std::string_view value, const Path& path) {
  auto digest = auth::parse_digest(value);
  if (!digest) {
    return unreadable(ValueKind::Text, "unparsable " + std::string(header) + ": " +
                                           digest.reason());
  }
  const auth::AuthParam* p = digest->find(path.name);
  if (p == nullptr) return none(ValueKind::Text);
  return one(p->quoted ? ValueKind::Text : ValueKind::Token, p->value);
}

Resolved param_part(std::string_view header, std::string_view value, const Path& path) {
  if (detail::is_auth_header(header)) return auth_param_part(header, value, path);
  const detail::HeadParams hp = detail::split_head_params(value);
  auto params = parse_params(hp.params);
  if (!params) {
    return unreadable(ValueKind::Token, "unparsable " + std::string(header) + " parameters: " +
                                            params.reason());
  }
  const Param* p = params->find(path.name);
  if (p == nullptr) return none(ValueKind::Token);
  const bool quoted = !p->value.empty() && p->value.front() == '"';
  const bool exact = quoted || path.name == "tag" || path.name == "branch";
  return one(exact ? ValueKind::Text : ValueKind::Token,
             p->has_value ? unquote(p->value) : std::string());
}

Resolved via_part(std::string_view value, const Path& path) {
  const ValueKind kind = part_kind(path.part);
  auto via = parse_via(value);
  if (!via) return unreadable(kind, "unparsable Via: " + via.reason());
  switch (path.part) {
    case PathPart::ViaSentBy: return one(kind, via->sent_by());
    case PathPart::ViaTransport: return one(kind, std::string(via->transport));
    case PathPart::ViaHost: return one(kind, std::string(via->host));
    default: return via->port ? one(kind, std::to_string(*via->port)) : none(kind);
  }
}

Resolved rack_part(std::string_view value, const Path& path) {
  const ValueKind kind = part_kind(path.part);
  auto rack = parse_rack(value);
  if (!rack) return unreadable(kind, "unparsable RAck: " + rack.reason());
  if (path.part == PathPart::RAckRSeq) return one(kind, std::to_string(rack->rseq));
  if (path.part == PathPart::RAckCSeq) return one(kind, std::to_string(rack->cseq));
  return one(kind, std::string(rack->method));
}

Resolved cseq_part(std::string_view value, const Path& path) {
  const ValueKind kind = part_kind(path.part);
  auto cseq = parse_cseq(value);
  if (!cseq) return unreadable(kind, "unparsable CSeq: " + cseq.reason());
  if (path.part == PathPart::CSeqSeq) return one(kind, std::to_string(cseq->number));
  return one(kind, std::string(cseq->method));
}

Resolved value_part(std::string_view value, const Path& path) {
  switch (detail::part_of(path)) {
    case detail::PartOf::Value: return one(header_value_kind(path.header), std::string(value));
    case detail::PartOf::Param: return param_part(path.header, value, path);
    case detail::PartOf::Token:
      return one(ValueKind::Token, std::string(detail::split_head_params(value).head));
    case detail::PartOf::CSeq: return cseq_part(value, path);
    case detail::PartOf::RAck: return rack_part(value, path);
    case detail::PartOf::Via: return via_part(value, path);
    case detail::PartOf::NameAddr: break;
  }
  return name_addr_part(path.header, value, path);
}

// The header's values the path can read: only the first when that is all it reads, found
// without building the list (kept in `first`), unless a list header's first field holds
// no element (then the list's first is further on); else the whole list (kept in `all`).
std::span<const std::string_view> values_read(const Message& message, const Path& path,
                                              std::string_view& first,
                                              std::vector<std::string_view>& all) {
  const bool first_only = path.part == PathPart::Whole ? path.index == 1 : path.index <= 1;
  if (first_only) {
    const Header* field = message.find(path.header);
    if (field == nullptr) return {};
    const std::optional<std::string_view> element =
        is_list_header(path.header) ? first_element(field->value) : field->value;
    if (element) {
      first = *element;
      return {&first, 1};
    }
  }
  all = message.values(path.header);
  return all;
}

Resolved resolve_header(const Message& message, const Path& path) {
  std::string_view first;
  std::vector<std::string_view> all;
  const std::span<const std::string_view> values = values_read(message, path, first, all);
  if (path.part == PathPart::Whole) {
    Resolved r = none(header_value_kind(path.header));
    if (path.index == 0) {
      r.values.reserve(values.size());
      for (std::string_view v : values) r.values.emplace_back(v);
    } else if (path.index <= values.size()) {
      r.values.emplace_back(values[path.index - 1]);
    }
    return r;
  }
  const std::size_t pick = path.index == 0 ? 0 : path.index - 1;
  if (pick >= values.size()) return none(part_kind(path.part));
  return value_part(values[pick], path);
}

Resolved resolve_request_uri(const Message& message, const Path& path) {
  if (!message.is_request()) return none(ValueKind::Uri);
  if (path.part == PathPart::Whole) return one(ValueKind::Uri, std::string(message.request_uri()));
  return resolve_uri_text(message.request_uri(), path);
}

}  // namespace

bool is_name_addr_header(std::string_view canonical_name) {
  return listed(kNameAddrHeaders, canonical_name);
}

ValueKind header_value_kind(std::string_view canonical_name) {
  if (listed(kNameAddrHeaders, canonical_name)) return ValueKind::NameAddr;
  if (listed(kTokenHeaders, canonical_name)) return ValueKind::Token;
  if (listed(kNumberHeaders, canonical_name)) return ValueKind::Number;
  return ValueKind::Text;
}

namespace {

// A value inside an XML body; a body that is not XML is an error of the path.
Resolved resolve_xml(const Message& message, const Path& path) {
  if (message.body().empty()) return none(ValueKind::Text);
  auto got = body::xml_get(message.body(), path.name);
  if (!got) {
    Resolved failed = none(ValueKind::Text);
    failed.error = got.reason();
    return failed;
  }
  return *got ? one(ValueKind::Text, std::move(**got)) : none(ValueKind::Text);
}

// A value inside an SDP body; a body that is not SDP is an error of the path.
Resolved resolve_sdp(const Message& message, const Path& path) {
  if (message.body().empty()) return none(ValueKind::Text);
  auto got = body::sdp_get(message.body(), path.name);
  if (!got) {
    Resolved failed = none(ValueKind::Text);
    failed.error = got.reason();
    return failed;
  }
  return *got ? one(ValueKind::Text, std::move(**got)) : none(ValueKind::Text);
}

}  // namespace

Resolved resolve(const Message& message, const Path& path) {
  switch (path.target) {
    case PathTarget::RequestUri: return resolve_request_uri(message, path);
    case PathTarget::Status:
      if (!message.is_response()) return none(ValueKind::Number);
      return one(ValueKind::Number, std::to_string(message.status_code()));
    case PathTarget::Reason:
      if (message.is_request()) return resolve_header(message, Path::header_value("Reason"));
      return message.is_response() ? one(ValueKind::Text, std::string(message.reason()))
                                   : Resolved{};
    case PathTarget::Method:
      if (!message.is_request()) return Resolved{};
      return one(ValueKind::Text, std::string(message.method()));
    case PathTarget::Body:
      if (body::is_sdp_path(path.name)) return resolve_sdp(message, path);
      if (!path.name.empty()) return resolve_xml(message, path);
      return message.body().empty() ? Resolved{} : one(ValueKind::Text, std::string(message.body()));
    case PathTarget::Header: return resolve_header(message, path);
  }
  return Resolved{};
}

}  // namespace scn::sip
