#include "scn/schema/model.hpp"

#include <algorithm>

#include "scn/support/suggest.hpp"
#include "scn/support/text.hpp"

namespace scn::schema {

using support::iequals;

bool ValueSet::contains(std::string_view word) const noexcept {
  return std::any_of(words.begin(), words.end(),
                     [&](const std::string& w) { return iequals(w, word); });
}

bool Where::covers(int status) const noexcept {
  return std::any_of(statuses.begin(), statuses.end(),
                     [&](const auto& r) { return status >= r.first && status <= r.second; });
}

int Where::width() const noexcept {
  int total = 0;
  for (const auto& [lo, hi] : statuses) total += hi - lo + 1;
  return total;
}

const PartSpec* Header::find_part(std::string_view part) const noexcept {
  for (const auto& p : parts) {
    if (!iequals(p.name, part)) continue;
    if (p.alias_of.empty()) return &p;
    return find_part(p.alias_of);  // the loader rejects alias chains and cycles
  }
  return nullptr;
}

const ParamSpec* Header::find_param(std::string_view param) const noexcept {
  for (const auto& p : params)
    if (iequals(p.name, param)) return &p;
  return nullptr;
}

std::vector<std::string_view> Header::part_names() const {
  std::vector<std::string_view> out;
  for (const auto& p : parts) out.emplace_back(p.name);
  return out;
}

std::vector<std::string_view> Header::param_names() const {
  std::vector<std::string_view> out;
  for (const auto& p : params) out.emplace_back(p.name);
  return out;
}

std::optional<std::string> Header::suggest_part(std::string_view part) const {
  const auto names = part_names();
  return support::suggest(part, std::span<const std::string_view>(names));
}

std::optional<std::string> Header::suggest_param(std::string_view param) const {
  const auto names = param_names();
  return support::suggest(param, std::span<const std::string_view>(names));
}

Field Header::find_field(std::string_view name) const noexcept {
  if (const auto* part = find_part(name)) return {part, nullptr};
  return {nullptr, find_param(name)};
}

std::optional<std::string> Header::suggest_field(std::string_view name) const {
  auto names = part_names();
  const auto params = param_names();
  names.insert(names.end(), params.begin(), params.end());
  return support::suggest(name, std::span<const std::string_view>(names));
}

bool ContentType::matches(std::string_view media_type) const noexcept {
  if (!is_family()) return iequals(name, media_type);
  const std::string_view stem(name.data(), name.size() - 1);
  return support::istarts_with(media_type, stem) && media_type.size() > stem.size();
}

}  // namespace scn::schema
