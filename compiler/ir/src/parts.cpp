#include "scn/ir/parts.h"

#include <array>

#include "scn/support/text.hpp"

namespace scn::ir {

namespace {

// Parts the runtime reads (scn_path_part); the schema names a few more. A Part with
// several names or headers has a row for each.
constexpr std::array<NamedPart, 13> kParts{{
    {"", "addr-spec", Part::addr_spec},      {"", "uri", Part::addr_spec},
    {"", "display-name", Part::display_name}, {"CSeq", "seq", Part::cseq_seq},
    {"CSeq", "method", Part::cseq_method},   {"RAck", "rseq", Part::rack_rseq},
    {"RAck", "cseq", Part::rack_cseq},       {"RAck", "method", Part::cseq_method},
    {"Via", "sent-by", Part::via_sent_by},   {"Via", "transport", Part::via_transport},
    {"Via", "host", Part::via_host},         {"Via", "port", Part::via_port},
    {"", "package", Part::token},
}};

}  // namespace

std::span<const NamedPart> named_parts() { return kParts; }

std::optional<Part> named_part(std::string_view header, std::string_view name) {
  for (const NamedPart& p : kParts)
    if ((p.header.empty() || support::iequals(p.header, header)) &&
        support::iequals(p.name, name))
      return p.part;
  return std::nullopt;
}

std::string_view part_name(Part part) {
  for (const NamedPart& p : kParts)
    if (p.part == part) return p.name;
  return {};
}

}  // namespace scn::ir
