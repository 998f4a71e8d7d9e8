// The header parts the runtime reads and writes (scn_path_part), by the names the schema
// gives them (`parts-of` in stdlib/sip/types.schema): the one place the compiler spells
// them. The lowering maps a checked path's part through it; the dump prints it back.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "scn/ir/ir.h"

namespace scn::ir {

struct NamedPart {
  std::string_view header;  // canonical header name; empty: any header with that part
  std::string_view name;    // the schema's name of the part
  Part part;
};

// The first row of a Part gives its name in dumps.
std::span<const NamedPart> named_parts();
// Names compare ignoring ASCII case.
std::optional<Part> named_part(std::string_view header, std::string_view name);
// "" for a Part no row names (whole, params and URI pieces).
std::string_view part_name(Part part);

}  // namespace scn::ir
