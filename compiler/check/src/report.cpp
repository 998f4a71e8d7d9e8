#include "report.h"

#include "scn/support/suggest.hpp"

namespace scn::check {

std::string did_you_mean(const std::string& name, const std::vector<std::string>& candidates,
                         const char* quote) {
  auto hint = support::suggest(name, std::span<const std::string>(candidates));
  if (!hint) return "";
  return std::string("; did you mean ") + quote + *hint + quote + "?";
}

}  // namespace scn::check
