// The loaded SIP header schema and its queries. Built by load_schema (load.hpp).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "scn/schema/model.hpp"

namespace scn::schema {

// Everything the schema files declare, after resolution.
struct SchemaData {
  std::vector<MethodSpec> methods;
  std::vector<Header> headers;
  std::vector<OptionTag> option_tags;
  std::vector<EventPackage> event_packages;
  std::vector<ContentType> content_types;
  std::vector<StatusCode> status_codes;
  std::vector<PseudoPath> pseudo_paths;
};

class Schema {
 public:
  explicit Schema(SchemaData data);

  // Headers: by canonical name or compact form, ignoring case.
  const Header* find_header(std::string_view name) const noexcept;
  std::span<const Header> headers() const noexcept { return data_.headers; }
  std::vector<std::string_view> header_names() const;  // canonical, in schema order
  std::optional<std::string> suggest_header(std::string_view name) const;

  // Methods are case-sensitive in SIP; find_method matches exactly.
  const MethodSpec* find_method(std::string_view name) const noexcept;
  std::span<const MethodSpec> methods() const noexcept { return data_.methods; }
  std::vector<std::string_view> method_names() const;
  std::optional<std::string> suggest_method(std::string_view name) const;

  // Presence of a header in a request of this method.
  Presence applicability(const Header& header, std::string_view method) const noexcept;
  // Presence in a response with this status to a request of this method.
  Presence applicability(const Header& header, std::string_view method,
                         int status) const noexcept;
  // Presence in a response with this status whatever the method: the common value when
  // every method agrees, "conditional" when they differ, unspecified when no rule covers.
  Presence applicability(const Header& header, int status) const noexcept;
  // Headers whose presence is "m" (not "m*"), in schema order.
  std::vector<const Header*> mandatory_headers(std::string_view method) const;
  std::vector<const Header*> mandatory_headers(std::string_view method, int status) const;

  const OptionTag* find_option_tag(std::string_view name) const noexcept;
  std::vector<std::string_view> option_tag_names() const;
  const EventPackage* find_event_package(std::string_view name) const noexcept;
  std::vector<std::string_view> event_package_names() const;
  // Exact names first, then families such as application/vnd.3gpp.*.
  const ContentType* find_content_type(std::string_view media_type) const noexcept;
  std::span<const ContentType> content_types() const noexcept { return data_.content_types; }
  const StatusCode* find_status(int code) const noexcept;
  const PseudoPath* find_pseudo_path(std::string_view name) const noexcept;
  std::span<const PseudoPath> pseudo_paths() const noexcept { return data_.pseudo_paths; }

 private:
  const Rule* best_rule(const Header& header, std::size_t method, bool request,
                        int status) const noexcept;
  std::optional<std::size_t> method_index(std::string_view name) const noexcept;

  SchemaData data_;
  std::unordered_map<std::string, std::size_t> header_index_;  // lower-case name/compact
  std::unordered_map<std::string, std::size_t> method_index_;  // exact name
};

}  // namespace scn::schema
