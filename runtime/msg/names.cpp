// Header names (long and compact forms), list-valued headers and method names.
#include <algorithm>
#include <array>

#include "base/base.h"
#include "msg/msg.h"

namespace scn::sip {

namespace {

struct Compact {
  char letter;
  std::string_view name;
};

// RFC 3261 7.3.3 and the extensions that registered compact forms.
constexpr std::array<Compact, 20> kCompact{{
    {'a', "Accept-Contact"}, {'b', "Referred-By"},       {'c', "Content-Type"},
    {'d', "Request-Disposition"}, {'e', "Content-Encoding"}, {'f', "From"},
    {'i', "Call-ID"},        {'j', "Reject-Contact"},    {'k', "Supported"},
    {'l', "Content-Length"}, {'m', "Contact"},           {'n', "Identity-Info"},
    {'o', "Event"},          {'r', "Refer-To"},          {'s', "Subject"},
    {'t', "To"},             {'u', "Allow-Events"},      {'v', "Via"},
    {'x', "Session-Expires"}, {'y', "Identity"},
}};

// Names whose grammar is a comma-separated list (1#element / #element).
constexpr std::array<std::string_view, 45> kListHeaders{
    "Accept", "Accept-Contact", "Accept-Encoding", "Accept-Language", "Accept-Resource-Priority",
    "Alert-Info", "Allow", "Allow-Events", "Call-Info", "Contact", "Content-Encoding",
    "Content-Language", "Error-Info", "Feature-Caps", "Geolocation", "History-Info",
    "In-Reply-To", "P-Access-Network-Info", "P-Asserted-Identity", "P-Associated-URI",
    "P-Early-Media", "P-Preferred-Identity", "P-Visited-Network-ID", "Path",
    "Permission-Missing", "Proxy-Require", "Reason", "Record-Route", "Recv-Info",
    "Reject-Contact", "Request-Disposition", "Require", "Resource-Priority", "Route",
    "Security-Client", "Security-Server", "Security-Verify", "Service-Route", "Supported",
    "Unsupported", "Via", "Warning", "P-Called-Party-ID-List", "Policy-Contact", "Trigger-Consent"};

// Other known names, for canonical spelling only.
constexpr std::array<std::string_view, 40> kOtherNames{
    "Authentication-Info", "Authorization", "CSeq", "Content-Disposition", "Date", "Expires",
    "Info-Package", "Max-Forwards", "MIME-Version", "Min-Expires", "Min-SE", "Organization",
    "P-Media-Authorization", "P-Called-Party-ID", "P-Charging-Function-Addresses",
    "P-Charging-Vector", "Priority", "Privacy", "Proxy-Authenticate", "Proxy-Authorization",
    "RAck", "Refer-Sub", "Reply-To", "Retry-After", "RSeq", "Server", "SIP-ETag",
    "SIP-If-Match", "Subscription-State", "Target-Dialog", "Timestamp", "User-Agent",
    "WWW-Authenticate", "Replaces", "Join", "Content-ID", "P-Served-User", "Session-ID",
    "Content-Transfer-Encoding", "Suppress-If-Match"};

constexpr char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Case-insensitive ordering, usable at compile time to sort the tables.
constexpr bool iless(std::string_view a, std::string_view b) {
  const std::size_t n = a.size() < b.size() ? a.size() : b.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (lower(a[i]) != lower(b[i])) return lower(a[i]) < lower(b[i]);
  }
  return a.size() < b.size();
}

template <std::size_t N>
constexpr std::array<std::string_view, N> sorted(std::array<std::string_view, N> names) {
  std::sort(names.begin(), names.end(), iless);
  return names;
}

constexpr auto kSortedList = sorted(kListHeaders);

constexpr auto kSortedAll = [] {
  std::array<std::string_view, kCompact.size() + kListHeaders.size() + kOtherNames.size()> all{};
  std::size_t i = 0;
  for (const Compact& c : kCompact) all[i++] = c.name;
  for (std::string_view n : kListHeaders) all[i++] = n;
  for (std::string_view n : kOtherNames) all[i++] = n;
  return sorted(all);
}();

template <std::size_t N>
const std::string_view* lookup(const std::array<std::string_view, N>& table, std::string_view name) {
  const auto* it = std::lower_bound(table.begin(), table.end(), name, iless);
  return (it != table.end() && iequals(*it, name)) ? it : nullptr;
}

}  // namespace

std::string_view canonical_header_name(std::string_view name) {
  if (name.size() == 1) {
    for (const Compact& c : kCompact) {
      if (lower(name[0]) == c.letter) return c.name;
    }
    return name;
  }
  const std::string_view* known = lookup(kSortedAll, name);
  return known != nullptr ? *known : name;
}

char compact_form(std::string_view name) {
  const std::string_view canonical = canonical_header_name(name);
  for (const Compact& c : kCompact) {
    if (c.name == canonical) return c.letter;
  }
  return 0;
}

bool same_header(std::string_view a, std::string_view b) {
  return iequals(canonical_header_name(a), canonical_header_name(b));
}

bool is_list_header(std::string_view name) {
  return lookup(kSortedList, canonical_header_name(name)) != nullptr;
}

std::vector<std::string_view> split_list(std::string_view value) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= value.size()) {
    std::size_t comma = detail::find_unquoted(value, ',', start);
    if (comma == std::string_view::npos) comma = value.size();
    const std::string_view element = trim(value.substr(start, comma - start));
    if (!element.empty()) out.push_back(element);
    start = comma + 1;
  }
  return out;
}

bool is_known_method(std::string_view method) {
  for (std::string_view m : {"INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "PRACK",
                             "SUBSCRIBE", "NOTIFY", "PUBLISH", "INFO", "REFER", "MESSAGE",
                             "UPDATE"}) {
    if (m == method) return true;
  }
  return false;
}

}  // namespace scn::sip
