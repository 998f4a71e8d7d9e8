// Host classification and percent-encoding for URIs (RFC 3261 25.1, RFC 3986 2.1).
#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "base/base.h"
#include "base/simd.h"
#include "uri/uri.h"

namespace scn::sip {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The octet the escape at text[at] (a '%') stands for; -1 when two hex digits do not
// follow it.
int escaped_octet(std::string_view text, std::size_t at) {
  if (at + 2 >= text.size()) return -1;
  const int hi = hex_value(text[at + 1]);
  const int lo = hex_value(text[at + 2]);
  return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
}

bool is_unreserved(char c) {
  return is_alpha(c) || is_digit(c) || std::string_view("-_.!~*'()").find(c) != std::string_view::npos;
}

// inet_pton needs a NUL-terminated string; addresses are short, so copy to the stack.
bool pton(int family, std::string_view text) {
  std::array<char, 64> buf{};
  if (text.empty() || text.size() >= buf.size()) return false;
  if (text.find('\0') != std::string_view::npos) return false;
  std::memcpy(buf.data(), text.data(), text.size());
  std::array<unsigned char, 16> out{};
  return inet_pton(family, buf.data(), out.data()) == 1;
}

// inet_pton accepts no other octets than these, and most names are no addresses: the
// check spares the copy and the call.
bool ipv6_chars(std::string_view text) {
  for (char c : text) {
    if (!is_hex(c) && c != ':' && c != '.') return false;
  }
  return true;
}

}  // namespace

// What inet_pton(AF_INET) accepts: four decimal parts of 0-255 without leading zeros.
// Read by hand: every Via and URI host that is all digits comes here.
bool is_ipv4_address(std::string_view text) {
  int dots = 0;
  unsigned part = 0;
  std::size_t digits = 0;
  for (char c : text) {
    if (is_digit(c)) {
      if (digits == 1 && part == 0) return false;  // "01"
      part = part * 10 + static_cast<unsigned>(c - '0');
      if (part > 255) return false;
      ++digits;
    } else if (c == '.' && digits != 0 && dots < 3) {
      ++dots;
      part = 0;
      digits = 0;
    } else {
      return false;
    }
  }
  return dots == 3 && digits != 0;
}

bool is_ipv6_address(std::string_view text) { return ipv6_chars(text) && pton(AF_INET6, text); }

#if !defined(__SSE2__)
// What an octet is to a hostname: one table lookup per octet, since every host of every
// received URI and Via is checked.
enum HostOctet : unsigned char { kNotHost, kHostDigit, kHostOther, kHostDot };
constexpr std::array<unsigned char, 256> host_octets() {
  std::array<unsigned char, 256> table{};
  for (int c = 0; c < 256; ++c) {
    if (is_digit(static_cast<char>(c))) table[c] = kHostDigit;
    else if (is_alpha(static_cast<char>(c)) || c == '-') table[c] = kHostOther;
  }
  table['.'] = kHostDot;
  return table;
}
constexpr std::array<unsigned char, 256> kHostOctets = host_octets();
#endif

#if defined(__SSE2__)
// Of 16 octets: which are hostname octets, which are dots, which letters or '-'.
struct HostLanes {
  unsigned host, dot, other;
};
[[gnu::always_inline]] inline HostLanes host_lanes(__m128i block) {
  const __m128i alpha = detail::in_range(_mm_or_si128(block, _mm_set1_epi8(0x20)), 'a', 'z');
  const __m128i other = _mm_or_si128(alpha, _mm_cmpeq_epi8(block, _mm_set1_epi8('-')));
  const __m128i dot = _mm_cmpeq_epi8(block, _mm_set1_epi8('.'));
  const __m128i host = _mm_or_si128(_mm_or_si128(other, dot), detail::in_range(block, '0', '9'));
  return {detail::mask_of(host), detail::mask_of(dot), detail::mask_of(other)};
}
#endif

// RFC 3261 hostname, relaxed to RFC 1123 (a top label may start with a digit) except
// that an all-numeric dotted name must be a valid IPv4 address. A label is 1-63
// letters, digits and '-', neither first nor last a '-'; a final dot ("example.com.")
// ends the last label. Every host of every received URI and Via comes here: with SSE2
// its octets are classed 16 at a time and only the dots are visited one by one.
HostKind read_host(std::string_view s, std::size_t pos, std::size_t& end) {
  bool all_numeric = true;
  std::size_t label = pos;
  // The label from `label` ends at the dot at i.
  const auto label_ends = [&](std::size_t i) {
    if (i == label || i - label > 63 || s[label] == '-' || s[i - 1] == '-') return false;
    label = i + 1;
    return true;
  };
  end = s.size();
#if defined(__SSE2__)
  for (std::size_t i = pos; i < s.size(); i += 16) {
    const std::size_t n = std::min<std::size_t>(16, s.size() - i);
    const HostLanes l = host_lanes(detail::load_partial(s.data() + i, n));
    const unsigned stop = ~l.host & detail::lanes(n);
    const unsigned in = stop != 0 ? detail::lanes(static_cast<std::size_t>(__builtin_ctz(stop))) : detail::lanes(n);
    all_numeric &= (l.other & in) == 0;
    for (unsigned dots = l.dot & in; dots != 0; dots &= dots - 1) {
      if (!label_ends(i + static_cast<std::size_t>(__builtin_ctz(dots)))) return HostKind::None;
    }
    if (stop != 0) {
      end = i + static_cast<std::size_t>(__builtin_ctz(stop));
      break;
    }
  }
#else
  for (std::size_t i = pos; i < s.size(); ++i) {
    const unsigned char kind = kHostOctets[static_cast<unsigned char>(s[i])];
    if (kind == kNotHost) {
      end = i;
      break;
    }
    all_numeric &= kind != kHostOther;
    if (kind == kHostDot && !label_ends(i)) return HostKind::None;
  }
#endif
  std::string_view text = s.substr(pos, end - pos);
  if (text.empty() || text.size() > 255) return HostKind::None;
  const bool qualified = text.back() == '.';  // its dot closed the last label
  if (qualified) {
    text.remove_suffix(1);
  } else if (end - label > 63 || s[label] == '-' || s[end - 1] == '-' || end == label) {
    return HostKind::None;
  }
  if (!all_numeric) return HostKind::Name;
  if (!is_ipv4_address(text)) return HostKind::None;
  return qualified ? HostKind::Name : HostKind::IPv4;  // "192.0.2.1." is no address
}

HostKind host_kind(std::string_view text) {
  std::size_t end = 0;
  const HostKind kind = read_host(text, 0, end);
  return end == text.size() ? kind : HostKind::None;
}

std::size_t host_span(std::string_view s, std::size_t pos) {
#if defined(__SSE2__)
  for (; pos < s.size(); pos += 16) {
    const std::size_t n = std::min<std::size_t>(16, s.size() - pos);
    const unsigned stop = ~host_lanes(detail::load_partial(s.data() + pos, n)).host & detail::lanes(n);
    if (stop != 0) return pos + static_cast<std::size_t>(__builtin_ctz(stop));
  }
  return s.size();
#else
  while (pos < s.size() && kHostOctets[static_cast<unsigned char>(s[pos])] != kNotHost) ++pos;
  return pos;
#endif
}

bool is_hostname(std::string_view text) { return host_kind(text) != HostKind::None; }

std::optional<std::string> percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    const int octet = escaped_octet(text, i);
    if (octet < 0) return std::nullopt;
    out.push_back(static_cast<char>(octet));
    i += 2;
  }
  return out;
}

bool escapes_well_formed(std::string_view text) {
  for (std::size_t i = detail::find_char(text, '%'); i != std::string_view::npos; i = detail::find_char(text, '%', i + 3))
    if (escaped_octet(text, i) < 0) return false;
  return true;
}

std::string percent_encode(std::string_view text, std::string_view allowed) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (is_unreserved(c) || allowed.find(c) != std::string_view::npos) {
      out.push_back(c);
    } else {
      const auto b = static_cast<unsigned char>(c);
      out.push_back('%');
      out.push_back(digits[b >> 4]);
      out.push_back(digits[b & 0xF]);
    }
  }
  return out;
}

}  // namespace scn::sip
