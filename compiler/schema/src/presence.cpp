#include "scn/schema/presence.hpp"

namespace scn::schema {

std::string_view presence_code(Presence p) noexcept {
  switch (p) {
    case Presence::mandatory: return "m";
    case Presence::should: return "m*";
    case Presence::optional: return "o";
    case Presence::conditional: return "c";
    case Presence::stream: return "t";
    case Presence::if_body: return "*";
    case Presence::not_applicable: return "-";
    case Presence::unspecified: return "?";
  }
  return "?";
}

std::optional<Presence> presence_from_code(std::string_view code) noexcept {
  if (code == "m") return Presence::mandatory;
  if (code == "m*") return Presence::should;
  if (code == "o") return Presence::optional;
  if (code == "c") return Presence::conditional;
  if (code == "t") return Presence::stream;
  if (code == "*") return Presence::if_body;
  if (code == "-") return Presence::not_applicable;
  return std::nullopt;
}

bool allows(Presence p) noexcept {
  return p != Presence::not_applicable && p != Presence::unspecified;
}

}  // namespace scn::schema
