// Equality of expected and received values by kind (RFC 3261 7.3.1, 19.1.4, 20.10).
#include "msg/msg.h"
#include "template/template.h"

namespace scn::sip {

namespace {

std::string_view strip_angles(std::string_view text) {
  text = trim(text);
  if (text.size() >= 2 && text.front() == '<' && text.back() == '>') {
    text = text.substr(1, text.size() - 2);
  }
  return text;
}

bool uris_equal(std::string_view expected, std::string_view received) {
  expected = strip_angles(expected);
  received = strip_angles(received);
  auto a = parse_uri(expected);
  auto b = parse_uri(received);
  if (!a || !b) return expected == received;
  return uri_equal(*a, *b);
}

// Header params as a set: names case-insensitive; tag and quoted values exact, token
// values case-insensitive.
bool param_values_equal(const Param& a, const Param& b) {
  if (a.has_value != b.has_value) return false;
  const bool exact = iequals(a.name, "tag") || (!a.value.empty() && a.value.front() == '"') ||
                     (!b.value.empty() && b.value.front() == '"');
  return exact ? unquote(a.value) == unquote(b.value) : iequals(a.value, b.value);
}

bool params_equal(const Params& expected, const Params& received) {
  if (expected.size() != received.size()) return false;
  for (const Param& e : expected.items) {
    const Param* r = received.find(e.name);
    if (r == nullptr || !param_values_equal(e, *r)) return false;
  }
  return true;
}

// The display name counts only when the expected value has one.
bool name_addrs_equal(std::string_view expected, std::string_view received) {
  // The same text is the same address (the comparison below is reflexive), unparsed.
  if (trim(expected) == trim(received)) return true;
  auto a = parse_name_addr(expected);
  auto b = parse_name_addr(received);
  if (!a || !b) return false;  // unparsable: only the same text, as above, is the same
  if (!uri_equal(a->uri, b->uri) || !params_equal(a->params, b->params)) return false;
  return a->display_name.empty() || a->display() == b->display();
}

bool numbers_equal(std::string_view expected, std::string_view received) {
  expected = trim(expected);
  received = trim(received);
  const auto a = parse_decimal(expected, UINT64_MAX);
  const auto b = parse_decimal(received, UINT64_MAX);
  if (!a || !b) return expected == received;
  return *a == *b;
}

}  // namespace

bool values_equal(ValueKind kind, std::string_view expected, std::string_view received) {
  switch (kind) {
    case ValueKind::Text: return trim(expected) == trim(received);
    case ValueKind::Token: return iequals(trim(expected), trim(received));
    case ValueKind::Number: return numbers_equal(expected, received);
    case ValueKind::Uri: return uris_equal(expected, received);
    case ValueKind::NameAddr: return name_addrs_equal(expected, received);
  }
  return false;
}

}  // namespace scn::sip
