// The dialog part of requests the SS sends inside a dialog (RFC 3261 12.2.1.1).
#include "dialog/dialog.h"
#include "dialog/parts.h"
#include "msg/msg.h"

namespace scn::sip {

namespace {

// A route-set entry without ";lr" on its URI designates a strict router.
bool is_strict_router(std::string_view route) {
  auto na = parse_name_addr(route);
  return na && na->uri.param("lr") == nullptr;
}

// The URI of a route-set entry, for use as Request-URI.
std::string route_uri(std::string_view route) {
  auto na = parse_name_addr(route);
  return na ? std::string(na->uri_text) : std::string(route);
}

}  // namespace

std::string Dialog::local_party() const {
  return local_tag_.empty() ? local_uri_ : local_uri_ + ";tag=" + local_tag_;
}

std::string Dialog::remote_party() const {
  return remote_tag_.empty() ? remote_uri_ : remote_uri_ + ";tag=" + remote_tag_;
}

DialogRequestFields Dialog::request_fields(std::string_view method, bool with_cseq) {
  DialogRequestFields out;
  out.request_uri = remote_target_;
  std::vector<std::string> routes = route_set_;
  if (!routes.empty() && is_strict_router(routes.front())) {
    out.request_uri = route_uri(routes.front());
    routes.erase(routes.begin());
    routes.push_back("<" + remote_target_ + ">");
  }
  for (std::string& r : routes) out.fields.push_back({"Route", std::move(r)});
  out.fields.push_back({"From", local_party()});
  out.fields.push_back({"To", remote_party()});
  out.fields.push_back({"Call-ID", call_id_});
  if (with_cseq) out.fields.push_back({"CSeq", detail::cseq_text(next_local_cseq(method), method)});
  return out;
}

}  // namespace scn::sip
