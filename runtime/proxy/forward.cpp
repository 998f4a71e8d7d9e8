// Forwarding requests and responses as a stateful proxy (RFC 3261 16.4, 16.6, 16.7).
#include <algorithm>

#include "proxy/proxy.h"

namespace scn::proxy {

namespace {

using Field = sip::MessageBuilder::Field;
using Fields = std::vector<Field>;

// The header fields as written, list headers of `split` one value per field.
Fields fields_of(const sip::Message& message, std::string_view split) {
  Fields fields;
  for (const sip::Header& h : message.headers()) {
    if (!sip::same_header(h.name, split)) {
      fields.push_back({std::string(h.name), std::string(h.value)});
      continue;
    }
    for (std::string_view value : sip::split_list(h.value))
      fields.push_back({std::string(h.name), std::string(value)});
  }
  return fields;
}

Fields::iterator first_of(Fields& fields, std::string_view name) {
  return std::find_if(fields.begin(), fields.end(),
                      [&](const Field& f) { return sip::same_header(f.name, name); });
}

Fields::iterator last_of(Fields& fields, std::string_view name) {
  auto last = fields.end();
  for (auto it = fields.begin(); it != fields.end(); ++it)
    if (sip::same_header(it->name, name)) last = it;
  return last;
}

// The URI of a name-addr value ("<sip:a@b;lr>" -> "sip:a@b;lr"), or the value itself.
std::string uri_of(std::string_view value) {
  auto parsed = sip::parse_name_addr(value);
  return parsed ? std::string(parsed->uri_text) : std::string(value);
}

bool loose(std::string_view route_value) {
  auto parsed = sip::parse_name_addr(route_value);
  return parsed && parsed->uri.param("lr") != nullptr;
}

std::string via_value(const Hop& hop) {
  const std::string host = sip::is_ipv6_address(hop.host) ? "[" + hop.host + "]" : hop.host;
  return "SIP/2.0/" + hop.transport + " " + host + ":" + std::to_string(hop.port) +
         ";branch=" + hop.branch;
}

// 16.4: a Request-URI the hop recorded means a strict router sent the request here.
void undo_strict_routing(std::string& request_uri, Fields& fields, const Hop& hop) {
  if (!names_hop(request_uri, hop)) return;
  auto last = last_of(fields, "Route");
  if (last == fields.end()) return;
  request_uri = uri_of(last->value);
  fields.erase(last);
}

// 16.4: the hop's own entry on top of the route set goes.
void pop_own_route(Fields& fields, const Hop& hop) {
  auto first = first_of(fields, "Route");
  if (first != fields.end() && names_hop(uri_of(first->value), hop)) fields.erase(first);
}

// 16.6 step 6: the next hop is a strict router.
void strict_route_next(std::string& request_uri, Fields& fields) {
  auto first = first_of(fields, "Route");
  if (first == fields.end() || loose(first->value)) return;
  const std::string next = uri_of(first->value);
  auto last = last_of(fields, "Route");
  fields.insert(last + 1, Field{last->name, "<" + request_uri + ">"});
  fields.erase(first_of(fields, "Route"));
  request_uri = next;
}

// 16.6 step 3.
void decrement_max_forwards(Fields& fields) {
  auto mf = first_of(fields, "Max-Forwards");
  if (mf == fields.end()) {
    fields.insert(fields.begin(), Field{"Max-Forwards", "70"});
    return;
  }
  auto value = sip::parse_max_forwards(mf->value);
  const unsigned hops = value ? *value : 70;
  mf->value = std::to_string(hops > 0 ? hops - 1 : 0);
}

void record_route(Fields& fields, const Hop& hop) {
  auto first = first_of(fields, "Record-Route");
  fields.insert(first == fields.end() ? fields.begin() : first,
                Field{"Record-Route", record_route_value(hop)});
}

Result<sip::Message> message_of(sip::MessageBuilder builder, const Fields& fields,
                                std::string_view body) {
  for (const Field& f : fields) builder.add(f.name, f.value);
  builder.body(body);
  return builder.message();
}

}  // namespace

bool names_hop(std::string_view uri_text, const Hop& hop) {
  auto uri = sip::parse_uri(sip::trim(uri_text));
  if (!uri || !uri->is_sip()) return false;
  const bool tls = uri->kind == sip::UriScheme::Sips;
  const std::uint16_t port = uri->port.value_or(tls ? 5061 : 5060);
  return port == hop.port && sip::iequals(uri->host, hop.host);
}

std::string record_route_value(const Hop& hop) {
  const std::string host = sip::is_ipv6_address(hop.host) ? "[" + hop.host + "]" : hop.host;
  std::string uri = "sip:" + host + ":" + std::to_string(hop.port);
  if (sip::iequals(hop.transport, "TCP")) uri += ";transport=tcp";
  return "<" + uri + ";lr>";
}

bool creates_dialog(const sip::Message& request) {
  const std::string_view method = request.method();
  if (method != "INVITE" && method != "SUBSCRIBE" && method != "REFER") return false;
  auto to = sip::parse_name_addr(request.value_or("To"));
  return to && !to->tag();
}

Result<sip::Message> forward_request(const sip::Message& request, const Hop& hop) {
  if (!request.is_request()) return make_error("not a request");
  if (hop.branch.empty()) return make_error("no branch for the relaying party's Via");
  std::string request_uri(request.request_uri());
  Fields fields = fields_of(request, "Route");
  undo_strict_routing(request_uri, fields, hop);
  pop_own_route(fields, hop);
  decrement_max_forwards(fields);
  if (creates_dialog(request)) record_route(fields, hop);
  strict_route_next(request_uri, fields);
  fields.insert(fields.begin(), Field{"Via", via_value(hop)});
  return message_of(sip::MessageBuilder::request(request.method(), request_uri), fields,
                    request.body());
}

Result<sip::Message> forward_response(const sip::Message& response) {
  if (!response.is_response()) return make_error("not a response");
  Fields fields = fields_of(response, "Via");
  auto top = first_of(fields, "Via");
  if (top == fields.end()) return make_error("the response has no Via");
  fields.erase(top);
  if (first_of(fields, "Via") == fields.end())
    return make_error("the response has no Via below the relaying party's");
  return message_of(sip::MessageBuilder::response(response.status_code(), response.reason()),
                    fields, response.body());
}

}  // namespace scn::proxy
