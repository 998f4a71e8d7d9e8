// Via values (RFC 3261 20.42, 18.2.1 received, RFC 3581 rport, RFC 5118 4.5).
#include <optional>

#include "base/base.h"
#include "msg/msg.h"

namespace scn::sip {

namespace {

struct Cursor {
  std::string_view s;
  std::size_t pos = 0;
  void skip() { pos = detail::skip_lws(s, pos); }
  std::string_view token() {
    const std::size_t start = pos;
    pos = detail::token_end(s, pos);
    return s.substr(start, pos - start);
  }
  bool eat(char c) {
    skip();
    if (pos >= s.size() || s[pos] != c) return false;
    ++pos;
    skip();
    return true;
  }
};

// What nearly every Via starts with: read as the tokens of read_protocol() would read it.
constexpr std::string_view kUsualProtocol = "SIP/2.0/";

Result<void> read_protocol(Cursor& c, Via& via) {
  if (c.s.substr(c.pos, kUsualProtocol.size()) == kUsualProtocol) {
    via.protocol = c.s.substr(c.pos, 3);
    via.version = c.s.substr(c.pos + 4, 3);
    c.pos += kUsualProtocol.size();
    c.skip();
  } else {
    via.protocol = c.token();
    if (via.protocol.empty() || !c.eat('/')) return make_error("expected protocol-name '/'", c.pos);
    via.version = c.token();
    if (via.version.empty() || !c.eat('/')) return make_error("expected protocol-version '/'", c.pos);
  }
  via.transport = c.token();
  if (via.transport.empty()) return make_error("missing transport", c.pos);
  const std::size_t before = c.pos;
  c.skip();
  if (c.pos == before) return make_error("expected LWS before sent-by", c.pos);
  return {};
}

Result<void> read_sent_by(Cursor& c, Via& via) {
  const std::size_t start = c.pos;
  if (c.pos < c.s.size() && c.s[c.pos] == '[') {
    const std::size_t close = c.s.find(']', c.pos);
    if (close == std::string_view::npos) return make_error("unterminated IPv6 reference", start);
    via.host = c.s.substr(start + 1, close - start - 1);
    if (!is_ipv6_address(via.host)) return make_error("invalid IPv6 address in sent-by", start);
    via.host_kind = HostKind::IPv6;
    c.pos = close + 1;
  } else {
    c.pos = host_span(c.s, c.pos);
    via.host = c.s.substr(start, c.pos - start);
    via.host_kind = host_kind(via.host);
    if (via.host_kind == HostKind::None) {
      return make_error(via.host.empty() ? "missing sent-by host" : "invalid sent-by host", start);
    }
  }
  if (c.eat(':')) {
    const std::size_t digits = c.pos;
    while (c.pos < c.s.size() && is_digit(c.s[c.pos])) ++c.pos;
    const auto port = parse_decimal(c.s.substr(digits, c.pos - digits), 65535);
    if (!port) return make_error("invalid sent-by port", digits);
    via.port = static_cast<std::uint16_t>(*port);
  }
  return {};
}

bool valid_address(std::string_view a) {
  if (a.size() > 2 && a.front() == '[' && a.back() == ']') return is_ipv6_address(a.substr(1, a.size() - 2));
  return is_ipv4_address(a) || is_ipv6_address(a);
}

// The first of each param whose value RFC 3261 20.42 and RFC 3581 constrain, in the order
// they are judged. Kept as bits and views: an array of optional Params was cleared with
// a `rep stos` per Via, half of check_via's time.
enum KnownParam { kBranch, kReceived, kRport, kTtl, kMaddr, kKnownParams };
constexpr std::string_view kKnownNames[kKnownParams] = {"branch", "received", "rport", "ttl", "maddr"};
struct KnownParams {
  unsigned seen = 0;    // bit i: the first param named kKnownNames[i] was read
  unsigned valued = 0;  // bit i: ... and it has a value
  std::string_view value[kKnownParams];

  bool has(KnownParam i) const { return (seen >> i & 1u) != 0; }
  bool has_value(KnownParam i) const { return (valued >> i & 1u) != 0; }
  // Seen without a value, or with one that `valid` rejects.
  template <class Valid>
  bool bad(KnownParam i, Valid&& valid) const {
    return has(i) && (!has_value(i) || !valid(value[i]));
  }
};

void note_known(const Param& p, KnownParams& known) {
  for (int i = 0; i < kKnownParams; ++i) {
    if (!known.has(static_cast<KnownParam>(i)) && iequals(p.name, kKnownNames[i])) {
      known.seen |= 1u << i;
      if (p.has_value) known.valued |= 1u << i;
      known.value[i] = p.value;
      return;
    }
  }
}

Result<void> check_known(const KnownParams& known) {
  if (known.bad(kBranch, is_token)) return make_error("branch must be a token", 0);
  if (known.bad(kReceived, valid_address)) return make_error("received must be an IP address", 0);
  if (known.has_value(kRport) && !parse_decimal(known.value[kRport], 65535)) {
    return make_error("rport must be empty or a port number", 0);
  }
  if (known.bad(kTtl, [](std::string_view v) { return parse_decimal(v, 255).has_value(); })) {
    return make_error("ttl must be 0-255", 0);
  }
  if (known.bad(kMaddr, [](std::string_view v) { return valid_address(v) || is_hostname(v); })) {
    return make_error("maddr must be a host", 0);
  }
  return {};
}

// The Via grammar; `keep` sees each param. parse_via() keeps them all, check_via() none.
template <class Keep>
Result<void> read_via(std::string_view value, Via& via, Keep&& keep) {
  Cursor c{trim(value)};
  if (auto r = read_protocol(c, via); !r) return r.error();
  if (auto r = read_sent_by(c, via); !r) return r.error();
  KnownParams known;
  auto read = read_params(c.s.substr(c.pos), [&](const Param& p) {
    keep(p);
    note_known(p, known);
  });
  if (!read) return make_error(read.reason(), c.pos + read.error().offset);
  return check_known(known);
}

}  // namespace

std::optional<std::uint16_t> Via::rport() const {
  const auto v = params.get("rport");
  if (!v) return std::nullopt;
  const auto port = parse_decimal(*v, 65535);
  if (!port) return std::nullopt;
  return static_cast<std::uint16_t>(*port);
}

std::string Via::sent_by() const {
  std::string out = host_kind == HostKind::IPv6 ? "[" + std::string(host) + "]" : std::string(host);
  if (port) out += ":" + std::to_string(*port);
  return out;
}

namespace {

// The usual shape of a Via, SIP/2.0/transport SP host[:port] *(;name[=token]), checked
// in one pass without LWS, IPv6 references or quoted values: true only where read_via()
// accepts it too (each part is a narrower form of the grammar's, and the known params
// are judged as check_known() judges them), handing each param to `take` and, given a
// `via`, filling it as read_via() would. Anything else goes to the grammar, which also
// says why it fails.
template <class Take>
bool read_plain_via(std::string_view v, Via* via, Take&& take) {
  if (v.substr(0, kUsualProtocol.size()) != kUsualProtocol) return false;
  std::size_t pos = detail::token_end(v, kUsualProtocol.size());
  if (pos == kUsualProtocol.size() || pos + 1 >= v.size() || v[pos] != ' ') return false;
  const std::string_view transport = v.substr(kUsualProtocol.size(), pos - kUsualProtocol.size());
  const std::size_t host = pos + 1;
  const HostKind host_kind = read_host(v, host, pos);
  if (host_kind == HostKind::None) return false;
  const std::string_view host_text = v.substr(host, pos - host);
  std::optional<std::uint16_t> port;
  if (pos < v.size() && v[pos] == ':') {
    const std::size_t digits = pos + 1;
    for (pos = digits; pos < v.size() && is_digit(v[pos]);) ++pos;
    const auto number = parse_decimal(v.substr(digits, pos - digits), 65535);
    if (!number) return false;
    port = static_cast<std::uint16_t>(*number);
  }
  KnownParams known;
  if (!detail::read_plain_params(v, pos, [&](const Param& p) {
        note_known(p, known);
        take(p);
      }))
    return false;
  // Values here are tokens: a branch needs only to have one.
  if (known.has(kBranch) && !known.has_value(kBranch)) return false;
  known.seen &= ~(1u << kBranch);
  if (!check_known(known).ok()) return false;
  if (via) {
    via->protocol = v.substr(0, 3);
    via->version = v.substr(4, 3);
    via->transport = transport;
    via->host = host_text;
    via->host_kind = host_kind;
    via->port = port;
  }
  return true;
}

// Checked alone (parse() checks every Via): nothing is filled.
bool plainly_valid_via(std::string_view v) {
  return read_plain_via(v, nullptr, [](const Param&) {});
}

}  // namespace

// The usual shape read in one pass (a Via is parsed several times a received request:
// its transaction key, where it came from, where responses go); the grammar otherwise.
Result<Via> parse_via(std::string_view value) {
  Via via;
  const auto keep = [&](const Param& p) { via.params.add(p); };
  if (read_plain_via(trim(value), &via, keep)) return via;
  via = Via{};
  if (auto read = read_via(value, via, keep); !read) {
    return read.error();
  }
  return via;
}

Result<void> check_via(std::string_view value) {
  if (plainly_valid_via(trim(value))) return {};
  Via via;
  return read_via(value, via, [](const Param&) {});
}

}  // namespace scn::sip
