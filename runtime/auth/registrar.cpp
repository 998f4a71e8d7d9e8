// The registrar's challenges (RFC 2617 3.2.1, RFC 3310 3.2): fresh nonces, remembered with
// what verifying their answers needs, and the sequence numbers of the AKA subscribers.
#include "auth/auth.h"

#include <algorithm>
#include <chrono>

namespace scn::auth {

namespace {

// Drawing the same nonce twice in a run takes a broken random source; give up after this.
constexpr int kDraws = 8;

// TS 33.102 C.1.1.2: SQN = SEQ || IND with IND of 5 bits, kept at 0 here.
constexpr std::uint64_t kSeqStep = 32;
constexpr std::uint64_t kSqnMask = 0xffff'ffff'ffffu;

}  // namespace

std::string_view parameter_of(Fault fault) {
  switch (fault) {
    case Fault::none:
    case Fault::malformed: return "";
    case Fault::username: return "username";
    case Fault::realm: return "realm";
    case Fault::nonce:
    case Fault::stale: return "nonce";
    case Fault::algorithm: return "algorithm";
    case Fault::qop: return "qop";
    case Fault::nc:
    case Fault::replay: return "nc";
    case Fault::cnonce: return "cnonce";
    case Fault::uri: return "uri";
    case Fault::response: return "response";
    case Fault::auts: return "auts";
  }
  return "";
}

Registrar::Registrar(RegistrarOptions options) : options_(std::move(options)) {}

std::int64_t Registrar::now() const {
  if (options_.now_ms) return options_.now_ms();
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

Result<void> Registrar::fill_random(std::span<std::uint8_t> out) {
  if (options_.random) return options_.random(out);
  auto octets = random_octets(out.size());
  if (!octets) return octets.error();
  std::copy(octets->begin(), octets->end(), out.begin());
  return {};
}

std::uint64_t Registrar::next_sqn(const Block& k) const {
  const auto it = next_sqn_.find(k);
  return it == next_sqn_.end() ? options_.first_sqn & kSqnMask : it->second;
}

void Registrar::resynchronise(const Block& k, std::uint64_t sqn_ms) {
  // TS 33.102 6.3.5: the HE takes SQN_MS as its own; the next vector is the next SEQ.
  next_sqn_[k] = ((sqn_ms / kSeqStep + 1) * kSeqStep) & kSqnMask;
}

Result<Challenge> Registrar::challenge_digest(std::string_view user, std::string_view realm,
                                              Algorithm algorithm) {
  if (algorithm == Algorithm::akav1_md5)
    return make_error("an AKAv1-MD5 challenge needs the subscriber's K and OPc (challenge_aka)");
  for (int draw = 0; draw < kDraws; ++draw) {
    Block octets{};
    if (auto r = fill_random(octets); !r) return make_error("cannot draw a nonce: " + r.reason());
    std::string nonce = to_hex(octets);
    if (!issued_.contains(nonce)) return issue(user, realm, algorithm, std::move(nonce), Issued{});
  }
  return make_error("cannot draw a nonce: the random source repeats itself");
}

Result<Challenge> Registrar::challenge_aka(std::string_view user, std::string_view realm,
                                           const Subscriber& subscriber, const Amf& amf) {
  for (int draw = 0; draw < kDraws; ++draw) {
    Block rand{};
    if (auto r = fill_random(rand); !r) return make_error("cannot draw a RAND: " + r.reason());
    AkaVector vector = make_vector(subscriber, next_sqn(subscriber.k), rand, amf);
    std::string nonce = vector.nonce();
    if (issued_.contains(nonce)) continue;
    next_sqn_[subscriber.k] = (vector.sqn + kSeqStep) & kSqnMask;
    Issued issued;
    issued.vector = vector;
    issued.subscriber = subscriber;
    return issue(user, realm, Algorithm::akav1_md5, std::move(nonce), std::move(issued));
  }
  return make_error("cannot draw a RAND: the random source repeats itself");
}

Result<Challenge> Registrar::issue(std::string_view user, std::string_view realm,
                                   Algorithm algorithm, std::string nonce, Issued issued) {
  issued.user = std::string(user);
  issued.realm = std::string(realm);
  issued.algorithm = algorithm;
  issued.issued_ms = now();
  Challenge out;
  out.header = "Digest realm=" + sip::quote(realm) + ", nonce=" + sip::quote(nonce) +
               ", algorithm=" + std::string(algorithm_name(algorithm)) + ", qop=\"auth\"";
  out.nonce = nonce;
  out.vector = issued.vector;
  latest_[std::string(user)] = nonce;
  issued_.emplace(std::move(nonce), std::move(issued));
  return out;
}

}  // namespace scn::auth
