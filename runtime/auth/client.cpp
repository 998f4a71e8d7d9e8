// Credentials a played UE sends in answer to a challenge (RFC 3261 22.4, RFC 7616 3.4,
// RFC 3310 3.3): what the registrar's verify() checks, computed from the other side.
#include "auth/auth.h"

namespace scn::auth {

namespace {

// RFC 7616 3.3: qop is a list of options; "auth" is the one computed here.
bool offers_auth(std::string_view qop) {
  std::size_t start = 0;
  while (start <= qop.size()) {
    std::size_t comma = qop.find(',', start);
    if (comma == std::string_view::npos) comma = qop.size();
    if (sip::trim(qop.substr(start, comma - start)) == "auth") return true;
    start = comma + 1;
  }
  return false;
}

Result<std::string> aka_password(const ChallengeAnswer& answer, std::string_view nonce) {
  auto decoded = decode_aka_nonce(nonce);
  if (!decoded) return Error{"AKA nonce: " + decoded.reason()};
  auto subscriber = Subscriber::from_hex(answer.k, answer.op, answer.opc);
  if (!subscriber) return subscriber.error();
  const Res res = milenage::f2(*subscriber, decoded->rand);
  return std::string(reinterpret_cast<const char*>(res.data()), res.size());
}

std::string quoted(std::string_view name, std::string_view value) {
  return std::string(name) + "=\"" + std::string(value) + "\"";
}

}  // namespace

Result<std::string> answer_challenge(const ChallengeAnswer& answer) {
  auto header = parse_digest(answer.challenge);
  if (!header) return Error{"challenge: " + header.reason()};
  const auto realm = header->get("realm");
  const auto nonce = header->get("nonce");
  if (!realm || !nonce) return Error{std::string("challenge: no ") + (realm ? "nonce" : "realm")};
  const std::string algorithm_text = header->get("algorithm").value_or("MD5");
  const auto algorithm = algorithm_from(algorithm_text);
  if (!algorithm) return Error{"challenge: algorithm " + algorithm_text + " is not computed here"};
  const auto qop_options = header->get("qop");
  const bool with_qop = qop_options.has_value();
  if (with_qop && !offers_auth(*qop_options))
    return Error{"challenge: qop " + *qop_options + " offers no auth"};

  std::string password(answer.password);
  if (*algorithm == Algorithm::akav1_md5) {
    auto res = aka_password(answer, *nonce);
    if (!res) return res.error();
    password = std::move(*res);
  }
  std::string cnonce(answer.cnonce);
  if (with_qop && cnonce.empty()) {
    auto octets = random_octets(8);
    if (!octets) return octets.error();
    cnonce = to_hex(*octets);
  }
  DigestInput input;
  input.algorithm = *algorithm;
  input.username = answer.username;
  input.realm = *realm;
  input.password = password;
  input.method = answer.method;
  input.uri = answer.uri;
  input.nonce = *nonce;
  input.qop = with_qop ? "auth" : "";
  input.nc = with_qop ? "00000001" : "";
  input.cnonce = with_qop ? std::string_view(cnonce) : std::string_view();
  auto response = digest_response(input);
  if (!response) return response.error();

  std::string out = "Digest " + quoted("username", answer.username) + ", " +
                    quoted("realm", *realm) + ", " + quoted("nonce", *nonce) + ", " +
                    quoted("uri", answer.uri) + ", " + quoted("response", *response) +
                    ", algorithm=" + std::string(algorithm_name(*algorithm));
  if (with_qop) out += ", " + quoted("cnonce", cnonce) + ", qop=auth, nc=00000001";
  if (auto opaque = header->get("opaque")) out += ", " + quoted("opaque", *opaque);
  return out;
}

}  // namespace scn::auth
