// Message header lookups (case-insensitive, compact forms, list splitting).
#include <algorithm>

#include "msg/msg.h"

namespace scn::sip {

namespace {

// True for a header field of `name` (any case, long or compact form).
auto named(std::string_view name) {
  return [canonical = comparable_header_name(name)](const Header& h) {
    return iequals(h.canonical, canonical);
  };
}

}  // namespace

const Header* Message::find(std::string_view name) const {
  auto found = std::ranges::find_if(headers(), named(name));
  return found == headers().end() ? nullptr : &*found;
}

std::vector<const Header*> Message::find_all(std::string_view name) const {
  const auto is_named = named(name);
  std::vector<const Header*> out;
  for (const Header& h : headers())
    if (is_named(h)) out.push_back(&h);
  return out;
}

std::size_t Message::count(std::string_view name) const {
  return static_cast<std::size_t>(std::ranges::count_if(headers(), named(name)));
}

// Read in place: no list of the fields nor of each field's elements on the way (matching
// reads a header's values a dozen times a call).
std::vector<std::string_view> Message::values(std::string_view name) const {
  const bool list = is_list_header(name);
  const auto is_named = named(name);
  std::vector<std::string_view> out;
  for (const Header& h : headers()) {
    if (!is_named(h)) continue;
    if (list)
      append_elements(h.value, out);
    else
      out.push_back(h.value);
  }
  return out;
}

std::optional<std::string_view> Message::first(std::string_view name) const {
  const Header* h = find(name);
  if (h == nullptr) return std::nullopt;
  // Without a comma a list's first element is its whole value trimmed, which a parsed
  // value is: the name's lookup in the list headers is left out (91 calls a load call).
  const std::string_view value = h->value;
  if (value.find(',') == std::string_view::npos && trim(value).size() == value.size())
    return value;
  if (!is_list_header(name)) return h->value;
  return first_element(h->value).value_or(std::string_view(h->value.data(), 0));
}

std::string_view Message::value_or(std::string_view name, std::string_view fallback) const {
  return first(name).value_or(fallback);
}

}  // namespace scn::sip

// Message serialisation: the parsed form written back with unfolded values.
namespace scn::sip {

namespace {

// serialize()'s writing; `replaced`, when not null, is written with `value`.
std::string write_message(const Message& message, const Header* replaced, std::string_view value) {
  if (message.empty()) return {};
  std::string out;
  out.reserve(message.raw().size() + value.size() + 2);
  out += message.start_line();
  out += "\r\n";
  for (const Header& h : message.headers()) {
    out += h.name;
    out += ": ";
    out += &h == replaced ? value : h.value;
    out += "\r\n";
  }
  out += "\r\n";
  out += message.body();
  return out;
}

}  // namespace

std::string serialize(const Message& message) { return write_message(message, nullptr, {}); }

std::string serialize(const Message& message, const Header& replaced, std::string_view value) {
  return write_message(message, &replaced, value);
}

}  // namespace scn::sip
