// Small members of the checked representation.
#include <array>

#include "env.h"
#include "scn/check/checked.h"
#include "scn/support/text.hpp"

namespace scn::check {

std::string ResolvedPath::key() const {
  std::string out = name;
  if (!xml_path.empty()) return out + "." + xml_path;  // XML names are case-sensitive
  if (index) out += "[" + std::to_string(*index) + "]";
  if (member_kind != MemberKind::none)
    out += "." + (listed_member ? member : support::to_lower(member));
  switch (uri_part) {
    case UriPart::none: break;
    case UriPart::user: out += ".user"; break;
    case UriPart::host: out += ".host"; break;
    case UriPart::port: out += ".port"; break;
    case UriPart::param: out += "." + support::to_lower(uri_param); break;
  }
  return out;
}

bool filled_by_runtime(std::string_view header) noexcept {
  static constexpr std::array<std::string_view, 10> filled = {
      "Via", "From", "To", "Call-ID", "CSeq", "Max-Forwards", "Content-Length",
      "Contact", "Route", "Record-Route"};
  for (auto h : filled)
    if (support::iequals(h, header)) return true;
  return false;
}

std::string MessageShape::text() const {
  if (is_request) return method + " request";
  std::string out = std::to_string(status) + " response";
  if (!method.empty()) out += " to " + method;
  return out;
}

}  // namespace scn::check
