#include "scn/schema/value_type.hpp"

#include <array>

namespace scn::schema {

namespace {

struct Entry {
  ValueType type;
  std::string_view name;
};

// Kept in enum order; value_type_names() exposes the names for suggestions.
constexpr std::array kEntries{
    Entry{ValueType::name_addr, "name-addr"},
    Entry{ValueType::contact, "contact"},
    Entry{ValueType::angle_uri, "angle-uri"},
    Entry{ValueType::uri, "uri"},
    Entry{ValueType::host, "host"},
    Entry{ValueType::port, "port"},
    Entry{ValueType::hostport, "hostport"},
    Entry{ValueType::token, "token"},
    Entry{ValueType::method, "method"},
    Entry{ValueType::option_tag, "option-tag"},
    Entry{ValueType::event_type, "event-type"},
    Entry{ValueType::media_type, "media-type"},
    Entry{ValueType::media_range, "media-range"},
    Entry{ValueType::content_coding, "content-coding"},
    Entry{ValueType::language_tag, "language-tag"},
    Entry{ValueType::call_id, "call-id"},
    Entry{ValueType::boolean, "boolean"},
    Entry{ValueType::star, "star"},
    Entry{ValueType::param_list, "param-list"},
    Entry{ValueType::integer, "integer"},
    Entry{ValueType::uint32, "uint32"},
    Entry{ValueType::delta_seconds, "delta-seconds"},
    Entry{ValueType::qvalue, "qvalue"},
    Entry{ValueType::status_code, "status-code"},
    Entry{ValueType::text, "text"},
    Entry{ValueType::quoted_string, "quoted-string"},
    Entry{ValueType::gen_value, "gen-value"},
    Entry{ValueType::flag, "flag"},
    Entry{ValueType::feature_value, "feature-value"},
    Entry{ValueType::via, "via"},
    Entry{ValueType::sent_protocol, "sent-protocol"},
    Entry{ValueType::cseq, "cseq"},
    Entry{ValueType::rack, "rack"},
    Entry{ValueType::warning, "warning"},
    Entry{ValueType::auth, "auth"},
    Entry{ValueType::date, "date"},
    Entry{ValueType::body, "body"},
};

constexpr auto kNames = [] {
  std::array<std::string_view, kEntries.size()> names{};
  for (std::size_t i = 0; i < kEntries.size(); ++i) names[i] = kEntries[i].name;
  return names;
}();

}  // namespace

std::string_view to_string(ValueType type) noexcept {
  for (const auto& e : kEntries)
    if (e.type == type) return e.name;
  return "?";
}

std::optional<ValueType> value_type_from_string(std::string_view name) noexcept {
  for (const auto& e : kEntries)
    if (e.name == name) return e.type;
  return std::nullopt;
}

std::span<const std::string_view> value_type_names() noexcept { return kNames; }

bool is_integer_type(ValueType type) noexcept {
  return type == ValueType::integer || type == ValueType::uint32 ||
         type == ValueType::delta_seconds || type == ValueType::status_code;
}

bool is_address_type(ValueType type) noexcept {
  return type == ValueType::name_addr || type == ValueType::contact ||
         type == ValueType::angle_uri || type == ValueType::uri;
}

}  // namespace scn::schema
