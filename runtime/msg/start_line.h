// Private: start-line parsing for parse().
#pragma once

#include <string_view>

#include "base/base.h"

namespace scn::sip::detail {

struct StartLine {
  std::string_view method, request_uri, version, reason;
  int status = 0;  // 0 for a request
};

// Views point into `line`. Errors carry offsets relative to the line start.
Result<StartLine> parse_start_line(std::string_view line);

}  // namespace scn::sip::detail
