// URI serialisation: re-escapes each component with the characters its grammar allows.
#include "uri/uri.h"

namespace scn::sip {

namespace {

void append_items(std::string& out, const std::vector<UriParam>& items, char first, char sep,
                  std::string_view allowed) {
  char lead = first;
  for (const UriParam& p : items) {
    out += lead;
    lead = sep;
    out += percent_encode(p.name, allowed);
    if (p.has_value) {
      out += '=';
      out += percent_encode(p.value, allowed);
    }
  }
}

}  // namespace

std::string serialize(const Uri& uri) {
  std::string out = uri.scheme + ":";
  if (uri.kind == UriScheme::Other) return out + uri.opaque;
  if (uri.kind == UriScheme::Tel) {
    out += percent_encode(uri.user, "*#+-.()");
    append_items(out, uri.params, ';', ';', "[]/:&+$");
    return out;
  }
  if (uri.has_user) {
    out += percent_encode(uri.user, "&=+$,;?/");
    if (uri.has_password) out += ":" + percent_encode(uri.password, "&=+$,");
    out += '@';
  }
  out += uri.host_reference();
  if (uri.port) out += ":" + std::to_string(*uri.port);
  append_items(out, uri.params, ';', ';', "[]/:&+$");
  append_items(out, uri.headers, '?', '&', "[]/?:+$");
  return out;
}

}  // namespace scn::sip
