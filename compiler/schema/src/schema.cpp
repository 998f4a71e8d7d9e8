#include "scn/schema/schema.hpp"

#include <algorithm>

#include "scn/support/suggest.hpp"
#include "scn/support/text.hpp"

namespace scn::schema {

using support::iequals;
using support::to_lower;

namespace {

template <class T>
std::vector<std::string_view> names_of(const std::vector<T>& items) {
  std::vector<std::string_view> out;
  out.reserve(items.size());
  for (const auto& item : items) out.emplace_back(item.name);
  return out;
}

template <class T>
const T* find_named(const std::vector<T>& items, std::string_view name) noexcept {
  for (const auto& item : items)
    if (iequals(item.name, name)) return &item;
  return nullptr;
}

}  // namespace

Schema::Schema(SchemaData data) : data_(std::move(data)) {
  for (std::size_t i = 0; i < data_.headers.size(); ++i) {
    header_index_.emplace(to_lower(data_.headers[i].name), i);
    if (!data_.headers[i].compact.empty())
      header_index_.emplace(to_lower(data_.headers[i].compact), i);
  }
  for (std::size_t i = 0; i < data_.methods.size(); ++i)
    method_index_.emplace(data_.methods[i].name, i);
}

const Header* Schema::find_header(std::string_view name) const noexcept {
  const auto it = header_index_.find(to_lower(name));
  return it == header_index_.end() ? nullptr : &data_.headers[it->second];
}

std::vector<std::string_view> Schema::header_names() const { return names_of(data_.headers); }

std::optional<std::string> Schema::suggest_header(std::string_view name) const {
  const auto names = header_names();
  return support::suggest(name, std::span<const std::string_view>(names));
}

std::optional<std::size_t> Schema::method_index(std::string_view name) const noexcept {
  const auto it = method_index_.find(std::string(name));
  if (it == method_index_.end()) return std::nullopt;
  return it->second;
}

const MethodSpec* Schema::find_method(std::string_view name) const noexcept {
  const auto index = method_index(name);
  return index ? &data_.methods[*index] : nullptr;
}

std::vector<std::string_view> Schema::method_names() const { return names_of(data_.methods); }

std::optional<std::string> Schema::suggest_method(std::string_view name) const {
  const auto names = method_names();
  return support::suggest(name, std::span<const std::string_view>(names));
}

std::vector<const Header*> Schema::mandatory_headers(std::string_view method) const {
  std::vector<const Header*> out;
  for (const auto& h : data_.headers)
    if (applicability(h, method) == Presence::mandatory) out.push_back(&h);
  return out;
}

std::vector<const Header*> Schema::mandatory_headers(std::string_view method,
                                                     int status) const {
  std::vector<const Header*> out;
  for (const auto& h : data_.headers)
    if (applicability(h, method, status) == Presence::mandatory) out.push_back(&h);
  return out;
}

const OptionTag* Schema::find_option_tag(std::string_view name) const noexcept {
  return find_named(data_.option_tags, name);
}

std::vector<std::string_view> Schema::option_tag_names() const {
  return names_of(data_.option_tags);
}

const EventPackage* Schema::find_event_package(std::string_view name) const noexcept {
  return find_named(data_.event_packages, name);
}

std::vector<std::string_view> Schema::event_package_names() const {
  return names_of(data_.event_packages);
}

const ContentType* Schema::find_content_type(std::string_view media_type) const noexcept {
  for (const auto& c : data_.content_types)
    if (!c.is_family() && c.matches(media_type)) return &c;
  for (const auto& c : data_.content_types)
    if (c.is_family() && c.matches(media_type)) return &c;
  return nullptr;
}

const StatusCode* Schema::find_status(int code) const noexcept {
  for (const auto& s : data_.status_codes)
    if (s.code == code) return &s;
  return nullptr;
}

const PseudoPath* Schema::find_pseudo_path(std::string_view name) const noexcept {
  return find_named(data_.pseudo_paths, name);
}

}  // namespace scn::schema
