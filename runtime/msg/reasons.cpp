// Default reason phrases: the schema's (schema_statuses(), generated from
// stdlib/sip/status-codes.schema).
#include <algorithm>

#include "msg/msg.h"

namespace scn::sip {

std::string_view default_reason(int status) {
  const std::span<const StatusInfo> statuses = schema_statuses();
  const auto it = std::ranges::lower_bound(statuses, status, {}, &StatusInfo::code);
  return (it != statuses.end() && it->code == status) ? it->reason : "Unknown";
}

}  // namespace scn::sip
