#include "types.h"

#include <cctype>

namespace scn::check {

using schema::ValueType;

namespace {

bool is_integer(ValueType t) { return schema::is_integer_type(t) || t == ValueType::port; }
bool is_address(ValueType t) { return schema::is_address_type(t); }

// Types whose values are free text: a URI or a number fits them as text.
bool is_free_text(ValueType t) {
  switch (t) {
    case ValueType::text: case ValueType::quoted_string: case ValueType::gen_value:
    case ValueType::param_list: case ValueType::body: case ValueType::feature_value:
      return true;
    default: return false;
  }
}

bool all_digits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// The leading literal text of a value: "sip:" of "sip:" + x, or the text of "abc".
std::optional<std::string> leading_text(const Value& value) {
  if (const auto* t = std::get_if<TextValue>(&value.node)) return t->text;
  if (const auto* c = std::get_if<ConcatValue>(&value.node))
    if (!c->parts.empty()) return leading_text(c->parts.front());
  return std::nullopt;
}

// RFC 3986 scheme ":" at the start (sip:, sips:, tel:, urn:), or a <...> name-addr.
bool has_scheme(const std::string& text) {
  if (!text.empty() && text.front() == '<') return true;
  std::size_t i = 0;
  while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) ||
                             text[i] == '+' || text[i] == '-' || text[i] == '.'))
    ++i;
  return i > 0 && i < text.size() && text[i] == ':' &&
         std::isalpha(static_cast<unsigned char>(text[0]));
}

// A display name followed by <uri> ("Anonymous" <sip:...>) is an address too.
bool looks_like_address(const std::string& text) {
  return has_scheme(text) || text.find('<') != std::string::npos;
}

std::optional<std::string> integer_mismatch(ValueType expected, const Value& value) {
  std::optional<std::int64_t> number;
  if (const auto* i = std::get_if<IntValue>(&value.node)) number = i->value;
  if (const auto* t = std::get_if<TextValue>(&value.node)) {
    if (!all_digits(t->text)) return ", not \"" + t->text + "\"";
    if (t->text.size() < 12) number = std::stoll(t->text);
  }
  if (!number) return std::nullopt;
  const bool out_of_range =
      (expected == ValueType::status_code && (*number < 100 || *number > 699)) ||
      (expected == ValueType::port && *number > 65535) ||
      (expected == ValueType::uint32 && (*number < 1 || *number > 4294967295LL));
  if (out_of_range) return ", not " + std::to_string(*number);
  return std::nullopt;
}

std::optional<std::string> kind_mismatch(ValueType expected, const StaticType& type) {
  const Kind k = type.kind;
  const std::string not_this = ", not " + describe(type);
  if (k == Kind::unknown) return std::nullopt;
  if (k == Kind::duration) return not_this;
  const bool address_field = k == Kind::field && is_address(type.field_type);
  if (is_integer(expected)) {
    const bool host_field = k == Kind::field && (type.field_type == ValueType::host ||
                                                 type.field_type == ValueType::hostport);
    if (k == Kind::uri || address_field || host_field || k == Kind::boolean) return not_this;
    return std::nullopt;
  }
  if (is_address(expected)) {
    if (k == Kind::integer || k == Kind::boolean ||
        (k == Kind::field && is_integer(type.field_type)))
      return not_this;
    return std::nullopt;
  }
  if (expected == ValueType::boolean) {
    if (k == Kind::uri || k == Kind::integer) return not_this;
    return std::nullopt;
  }
  if (!is_free_text(expected) && (k == Kind::uri || address_field)) return not_this;
  return std::nullopt;
}

}  // namespace

std::string describe(const StaticType& type) {
  switch (type.kind) {
    case Kind::unknown: return "a stored value";
    case Kind::text: return "text";
    case Kind::integer: return "a number";
    case Kind::boolean: return "true or false";
    case Kind::duration: return "a duration";
    case Kind::uri: return "a URI";
    case Kind::field:
      if (is_address(type.field_type)) return type.list ? "a list of addresses" : "an address";
      if (is_integer(type.field_type)) return "a number";
      if (type.field_type == ValueType::host) return "a host";
      if (type.field_type == ValueType::hostport) return "a host and port";
      return "a " + std::string(schema::to_string(type.field_type)) + " value";
  }
  return "a value";
}

std::string expectation(ValueType type) {
  if (is_address(type)) return "a URI";
  if (type == ValueType::status_code) return "a status code from 100 to 699";
  if (type == ValueType::port) return "a port number from 0 to 65535";
  if (type == ValueType::uint32) return "a whole number from 1 to 4294967295";
  if (is_integer(type)) return "a whole number";
  switch (type) {
    case ValueType::boolean: return "true or false";
    case ValueType::host: return "a host name or address";
    case ValueType::hostport: return "a host[:port]";
    case ValueType::method: return "a SIP method";
    case ValueType::option_tag: return "an option tag";
    case ValueType::event_type: return "an event package";
    case ValueType::media_type: return "a media type";
    case ValueType::token: return "a word";
    case ValueType::flag: return "no value (a flag)";
    default: return "a " + std::string(schema::to_string(type)) + " value";
  }
}

std::optional<std::string> literal_text(const Value& value) {
  if (const auto* t = std::get_if<TextValue>(&value.node)) return t->text;
  if (const auto* i = std::get_if<IntValue>(&value.node)) return std::to_string(i->value);
  return std::nullopt;
}

std::optional<std::string> mismatch(ValueType expected, const StaticType& type,
                                    const Value& value) {
  if (auto why = kind_mismatch(expected, type)) return why;
  if (is_integer(expected)) return integer_mismatch(expected, value);
  if (is_address(expected)) {
    auto text = leading_text(value);
    if (text && !looks_like_address(*text))
      return "; \"" + *text + "\" has no scheme such as sip: or tel:";
  }
  if (expected == ValueType::boolean) {
    auto text = literal_text(value);
    if (text && *text != "true" && *text != "false") return ", not \"" + *text + "\"";
  }
  return std::nullopt;
}

}  // namespace scn::check
