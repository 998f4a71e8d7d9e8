// The editable message of a template build: fields addressed by header and value index.
#include "template/draft.h"

#include <algorithm>

#include "msg/msg.h"

namespace scn::sip::detail {

std::vector<std::string> Draft::elements(std::size_t field) const {
  const DraftField& f = fields[field];
  std::vector<std::string> out;
  if (!is_list_header(f.name)) {
    out.push_back(f.value);
    return out;
  }
  for (std::string_view e : split_list(f.value)) out.emplace_back(e);
  return out;
}

std::size_t Draft::element_count(std::size_t field) const {
  const DraftField& f = fields[field];
  if (!is_list_header(f.name)) return 1;
  std::vector<std::string_view> found;
  append_elements(f.value, found);
  return found.size();
}

std::vector<Draft::Slot> Draft::slots(std::string_view name) const {
  std::vector<Slot> out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (!same_header(fields[i].name, name)) continue;
    const std::size_t n = element_count(i);
    for (std::size_t e = 0; e < n; ++e) out.push_back({i, e});
  }
  return out;
}

std::string Draft::value_at(Slot slot) const { return elements(slot.field).at(slot.element); }

namespace {
std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}
}  // namespace

void Draft::replace_at(Slot slot, std::string value) {
  std::vector<std::string> items = elements(slot.field);
  items.at(slot.element) = std::move(value);
  fields[slot.field].value = join(items);
}

void Draft::remove_at(Slot slot) {
  std::vector<std::string> items = elements(slot.field);
  items.erase(items.begin() + static_cast<std::ptrdiff_t>(slot.element));
  if (items.empty()) {
    fields.erase(fields.begin() + static_cast<std::ptrdiff_t>(slot.field));
  } else {
    fields[slot.field].value = join(items);
  }
}

bool Draft::has(std::string_view name) const {
  return std::any_of(fields.begin(), fields.end(),
                     [&](const DraftField& f) { return same_header(f.name, name); });
}

void Draft::set(std::string_view name, std::string value) {
  auto first = std::find_if(fields.begin(), fields.end(),
                            [&](const DraftField& f) { return same_header(f.name, name); });
  if (first == fields.end()) {
    fields.push_back({std::string(canonical_header_name(name)), std::move(value)});
    return;
  }
  first->value = std::move(value);
  const std::size_t keep = static_cast<std::size_t>(first - fields.begin());
  std::vector<DraftField> kept;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i == keep || !same_header(fields[i].name, name)) kept.push_back(std::move(fields[i]));
  }
  fields = std::move(kept);
}

void Draft::remove(std::string_view name) {
  std::erase_if(fields, [&](const DraftField& f) { return same_header(f.name, name); });
}

void Draft::append(std::string_view name, std::string value) {
  auto last = std::find_if(fields.rbegin(), fields.rend(),
                           [&](const DraftField& f) { return same_header(f.name, name); });
  DraftField field{std::string(canonical_header_name(name)), std::move(value)};
  if (last == fields.rend()) {
    fields.push_back(std::move(field));
  } else {
    fields.insert(last.base(), std::move(field));
  }
}

// One allocation: the size is counted before the text is appended (a message is built
// for every send of every load call).
std::string Draft::serialize() const {
  const std::string status_text = request ? std::string() : std::to_string(status);
  const std::string_view phrase = reason.empty() ? default_reason(status) : std::string_view(reason);
  std::size_t size = request ? method.size() + request_uri.size() + 11
                             : status_text.size() + phrase.size() + 11;
  for (const DraftField& f : fields) size += f.name.size() + f.value.size() + 4;
  size += 2 + (body ? body->size() : 0);
  std::string out;
  out.reserve(size);
  if (request)
    out.append(method).append(" ").append(request_uri).append(" SIP/2.0\r\n");
  else
    out.append("SIP/2.0 ").append(status_text).append(" ").append(phrase).append("\r\n");
  for (const DraftField& f : fields) out.append(f.name).append(": ").append(f.value).append("\r\n");
  out.append("\r\n");
  if (body) out.append(*body);
  return out;
}

}  // namespace scn::sip::detail
