// The table of parts and their names (parts.h).
#include "template/parts.h"

#include <array>

namespace scn::sip::detail {

namespace {

struct PartRow {
  PathPart part;
  std::string_view name;    // as a path writes it; "" when the path names it (Param, UriParam)
  std::string_view header;  // the only header whose value has this part; "" for any
  PartOf of;
  bool in_uri = false;      // named after "addr-spec." / "Request-URI.", not after "Header."
};

// Every part has a row; the first row of a part is how to_string() writes it, later
// ones are other names parse_path() accepts.
constexpr std::array<PartRow, 22> kParts{{
    {PathPart::Whole, "", "", PartOf::Value},
    {PathPart::AddrSpec, "addr-spec", "", PartOf::NameAddr},
    {PathPart::AddrSpec, "uri", "", PartOf::NameAddr},
    {PathPart::DisplayName, "display-name", "", PartOf::NameAddr},
    {PathPart::DisplayName, "display", "", PartOf::NameAddr},
    {PathPart::Param, "", "", PartOf::Param},
    {PathPart::UriUser, "user", "", PartOf::NameAddr, true},
    {PathPart::UriHost, "host", "", PartOf::NameAddr, true},
    {PathPart::UriPort, "port", "", PartOf::NameAddr, true},
    {PathPart::UriParam, "", "", PartOf::NameAddr, true},
    {PathPart::Token, "value", "", PartOf::Token},
    {PathPart::CSeqSeq, "seq", "CSeq", PartOf::CSeq},
    {PathPart::CSeqSeq, "number", "CSeq", PartOf::CSeq},
    {PathPart::CSeqMethod, "method", "CSeq", PartOf::CSeq},
    {PathPart::RAckRSeq, "rseq", "RAck", PartOf::RAck},
    {PathPart::RAckCSeq, "cseq", "RAck", PartOf::RAck},
    {PathPart::CSeqMethod, "method", "RAck", PartOf::RAck},
    {PathPart::ViaSentBy, "sent-by", "Via", PartOf::Via},
    {PathPart::ViaTransport, "transport", "Via", PartOf::Via},
    {PathPart::ViaTransport, "protocol", "Via", PartOf::Via},
    {PathPart::ViaHost, "host", "Via", PartOf::Via},
    {PathPart::ViaPort, "port", "Via", PartOf::Via},
}};

bool of_header(const PartRow& row, std::string_view header) {
  return row.header.empty() || iequals(row.header, header);
}

}  // namespace

std::optional<PathPart> part_named(std::string_view word, std::string_view header, bool in_uri) {
  for (const PartRow& row : kParts) {
    if (!row.name.empty() && row.in_uri == in_uri && of_header(row, header) &&
        iequals(row.name, word))
      return row.part;
  }
  return std::nullopt;
}

std::string_view part_name(PathPart part) {
  for (const PartRow& row : kParts) {
    if (row.part == part) return row.name;
  }
  return "";
}

PartOf part_of(const Path& path) {
  const PartRow* first = nullptr;
  for (const PartRow& row : kParts) {
    if (row.part != path.part) continue;
    if (of_header(row, path.header)) return row.of;
    if (first == nullptr) first = &row;
  }
  // A header-specific part on another header (only generated code could ask): read the
  // value as the part's first header would have it.
  return first != nullptr ? first->of : PartOf::NameAddr;
}

bool is_auth_header(std::string_view header) {
  return iequals(header, "WWW-Authenticate") || iequals(header, "Authorization") ||
         iequals(header, "Proxy-Authenticate") || iequals(header, "Proxy-Authorization");
}

}  // namespace scn::sip::detail
