// The dispatcher's look at a raw message: which Call-ID, and whether it may begin a call.
// A scan of the header section, no parse: every datagram passes here.
#include <cstring>

#include "load/load.h"

namespace scn::load {

namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
    text.remove_suffix(1);
  return text;
}

// The value of the first header named `name` or `compact` (any case), "" if none; nullopt
// tells "absent" from "empty".
std::optional<std::string_view> header_value(std::string_view bytes, std::string_view name,
                                             std::string_view compact) {
  std::size_t line = bytes.find('\n');
  while (line != std::string_view::npos && line + 1 < bytes.size()) {
    const std::size_t start = line + 1;
    std::size_t end = bytes.find('\n', start);
    if (end == std::string_view::npos) end = bytes.size();
    const std::string_view text = bytes.substr(start, end - start);
    if (text.empty() || text == "\r") return std::nullopt;  // the header section ended
    const std::size_t colon = text.find(':');
    if (colon != std::string_view::npos) {
      const std::string_view field = trim(text.substr(0, colon));
      if (iequals(field, name) || iequals(field, compact)) return trim(text.substr(colon + 1));
    }
    line = end;
  }
  return std::nullopt;
}

// A `tag` parameter in a name-addr or addr-spec header value (after the URI's `>` when
// there is one: a URI parameter named tag is no header parameter).
bool has_tag(std::string_view value) {
  const std::size_t close = value.rfind('>');
  std::string_view params = close == std::string_view::npos ? value : value.substr(close + 1);
  for (std::size_t semi = params.find(';'); semi != std::string_view::npos;
       semi = params.find(';', semi + 1)) {
    std::string_view rest = trim(params.substr(semi + 1));
    if (rest.size() >= 3 && iequals(rest.substr(0, 3), "tag")) {
      rest = trim(rest.substr(3));
      if (rest.starts_with('=')) return true;
    }
  }
  return false;
}

}  // namespace

std::string_view call_id_of(std::string_view bytes) {
  return header_value(bytes, "Call-ID", "i").value_or(std::string_view());
}

bool starts_dialog(std::string_view bytes) {
  if (bytes.starts_with("SIP/")) return false;  // a response
  const std::size_t space = bytes.find(' ');
  if (space == std::string_view::npos || space == 0) return false;
  const std::string_view method = bytes.substr(0, space);
  if (method == "ACK" || method == "CANCEL") return false;
  auto to = header_value(bytes, "To", "t");
  return to && !has_tag(*to);
}

}  // namespace scn::load
