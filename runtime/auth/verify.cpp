// Judging credentials against the challenges of this run (RFC 2617 3.2.2, RFC 7616 3.4,
// RFC 3310 3.3 and 3.4). The checks run in the order a test engineer would look: who,
// which challenge, how the response was formed, the response itself, then what only a
// right response makes meaningful (replay, resynchronisation, staleness).
#include "auth/auth.h"

namespace scn::auth {

namespace {

Verification rejected(Fault fault, std::string reason) {
  Verification v;
  v.fault = fault;
  v.reason = std::move(reason);
  return v;
}

std::string quoted(std::string_view text) { return sip::quote(text); }

std::string expected_received(std::string_view expected, std::string_view received) {
  return "expected " + quoted(expected) + ", received " + quoted(received);
}

// nc is exactly 8 hex digits (RFC 2617 3.2.2: nc-value = 8LHEX).
std::optional<std::uint32_t> parse_nc(std::string_view nc) {
  if (nc.size() != 8) return std::nullopt;
  std::uint32_t value = 0;
  for (char c : nc) {
    if (!sip::is_hex(c)) return std::nullopt;
    const int d = sip::is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10;
    value = value << 4 | static_cast<std::uint32_t>(d);
  }
  return value;
}

std::string nc_text_of(std::uint32_t nc) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out(8, '0');
  for (std::size_t i = 0; i < out.size(); ++i) out[7 - i] = digits[(nc >> (4 * i)) & 0xf];
  return out;
}

}  // namespace

Verification Registrar::verify(std::string_view method, std::string_view authorization,
                               std::string_view user, std::string_view password) {
  auto parsed = parse_digest(authorization);
  if (!parsed)
    return rejected(Fault::malformed, "not Digest credentials: " + parsed.reason() +
                                          " (at offset " + std::to_string(parsed.error().offset) +
                                          ")");
  const DigestHeader& creds = *parsed;

  const auto username = creds.get("username");
  if (!username) return rejected(Fault::username, "missing");
  if (*username != user) return rejected(Fault::username, expected_received(user, *username));

  const auto nonce = creds.get("nonce");
  if (!nonce) return rejected(Fault::nonce, "missing");
  const auto found = issued_.find(*nonce);
  if (found == issued_.end())
    return rejected(Fault::nonce, quoted(*nonce) + " was never issued by the SS in this run");
  Issued& issued = found->second;
  if (issued.user != user)
    return rejected(Fault::nonce, quoted(*nonce) + " was issued to " + issued.user + ", not to " +
                                      std::string(user));
  const auto latest = latest_.find(user);
  if (latest != latest_.end() && latest->second != *nonce)
    return rejected(Fault::nonce, quoted(*nonce) + " is not the last nonce the SS issued to " +
                                      std::string(user) + " (that is " + quoted(latest->second) +
                                      ")");
  if (issued.resynchronised)
    return rejected(Fault::nonce, quoted(*nonce) +
                                      " was answered with auts: the UE rejected its AUTN and "
                                      "needs a new challenge");

  const auto realm = creds.get("realm");
  if (!realm) return rejected(Fault::realm, "missing");
  if (*realm != issued.realm) return rejected(Fault::realm, expected_received(issued.realm, *realm));

  // RFC 2617 3.2.2: no algorithm means MD5.
  const auto algorithm_text = creds.get("algorithm");
  const std::optional<Algorithm> algorithm =
      algorithm_text ? algorithm_from(*algorithm_text) : Algorithm::md5;
  if (algorithm != issued.algorithm)
    return rejected(Fault::algorithm,
                    "expected " + std::string(algorithm_name(issued.algorithm)) +
                        " (the challenge's), received " +
                        (algorithm_text ? *algorithm_text : std::string("none, which means MD5")));

  // The challenge offered qop="auth": the credentials must use it (RFC 2617 3.2.2).
  const auto qop = creds.get("qop");
  if (!qop) return rejected(Fault::qop, "missing, although the challenge offered qop=\"auth\"");
  if (!sip::iequals(*qop, "auth")) return rejected(Fault::qop, expected_received("auth", *qop));
  const auto cnonce = creds.get("cnonce");
  if (!cnonce) return rejected(Fault::cnonce, "missing, although qop=auth");
  const auto nc_text = creds.get("nc");
  if (!nc_text) return rejected(Fault::nc, "missing, although qop=auth");
  const auto nc = parse_nc(*nc_text);
  if (!nc) return rejected(Fault::nc, quoted(*nc_text) + " is not 8 hex digits");
  const auto uri = creds.get("uri");
  if (!uri) return rejected(Fault::uri, "missing");
  const auto response = creds.get("response");
  if (!response) return rejected(Fault::response, "missing");

  const AuthParam* auts = creds.find("auts");
  if (auts != nullptr && !issued.vector)
    return rejected(Fault::auts, "auts answers an AKA challenge, and this nonce is a " +
                                     std::string(algorithm_name(issued.algorithm)) + " one");

  // The password: the user's, the XRES of the nonce's vector, or nothing with auts.
  std::string secret(password);
  std::string secret_words = "the user's password";
  if (issued.vector) {
    secret = auts != nullptr ? std::string() : issued.vector->password();
    secret_words = auts != nullptr ? "an empty password, as with auts (RFC 3310 3.4)"
                                   : "the XRES of the challenge's AKA vector as password";
  }
  DigestInput input{*algorithm, *username, *realm, secret, method, *uri, *nonce, *qop, *nc_text,
                    *cnonce};
  auto expected = digest_response(input);
  if (!expected) return rejected(Fault::qop, expected.reason());
  if (*response != *expected) {
    if (sip::iequals(*response, *expected))
      return rejected(Fault::response,
                      "right digest in upper case; RFC 2617 3.2.2 writes it in lowercase hex");
    std::string reason = "wrong digest for " + std::string(user) + " (expected " + *expected +
                         ", computed with algorithm=" + std::string(algorithm_name(*algorithm)) +
                         ", qop=auth and " + secret_words + ")";
    if (issued.vector && auts == nullptr) {
      input.password = {};
      auto empty = digest_response(input);
      if (empty && *empty == *response)
        reason += "; it was computed with an empty password and no auts: the UE seems to have "
                  "rejected the AUTN (another K, OP or OPc?)";
    }
    return rejected(Fault::response, reason);
  }

  // RFC 7616 3.4.5: the nonce count grows with each request on the same nonce.
  if (issued.last_nc && *nc <= *issued.last_nc)
    return rejected(Fault::replay, *nc_text + " does not grow: the SS already accepted " +
                                       nc_text_of(*issued.last_nc) +
                                       " with this nonce (a replay, RFC 7616 3.4.5)");

  if (auts != nullptr) {
    auto octets = from_base64(auts->value);
    if (!octets) return rejected(Fault::auts, quoted(auts->value) + " is not base64");
    auto sqn_ms = verify_auts(issued.subscriber, issued.vector->rand, *octets);
    if (!sqn_ms) return rejected(Fault::auts, sqn_ms.reason());
    resynchronise(issued.subscriber.k, *sqn_ms);
    issued.last_nc = *nc;
    issued.resynchronised = true;
    Verification v;
    v.resynchronised = true;
    v.sqn_ms = *sqn_ms;
    return v;
  }

  const std::int64_t age = now() - issued.issued_ms;
  if (age >= options_.nonce_lifetime_ms)
    return rejected(Fault::stale, "right digest on a stale nonce, issued " + std::to_string(age) +
                                      " ms ago (lifetime " +
                                      std::to_string(options_.nonce_lifetime_ms) + " ms)");
  issued.last_nc = *nc;
  return {};
}

}  // namespace scn::auth
