// The Digest response (RFC 2617 3.2.2.1, RFC 7616 3.4.1-3.4.3) for the algorithms a
// registrar offers: MD5 and SHA-256, their -sess variants, and AKAv1-MD5, which is MD5 with
// the RES as password (RFC 3310 3.3).
#include "auth/auth.h"

#include <nettle/md5.h>
#include <nettle/sha2.h>

namespace scn::auth {

namespace {

// Lowercase hex of the hash of `text` with the algorithm's hash function.
std::string hash_hex(Algorithm algorithm, std::string_view text) {
  const bool sha256 = algorithm == Algorithm::sha256 || algorithm == Algorithm::sha256_sess;
  if (sha256) {
    sha256_ctx ctx;
    sha256_init(&ctx);
    sha256_update(&ctx, text.size(), octets_of(text).data());
    std::array<std::uint8_t, SHA256_DIGEST_SIZE> digest{};
    sha256_digest(&ctx, digest.size(), digest.data());
    return to_hex(digest);
  }
  md5_ctx ctx;
  md5_init(&ctx);
  md5_update(&ctx, text.size(), octets_of(text).data());
  std::array<std::uint8_t, MD5_DIGEST_SIZE> digest{};
  md5_digest(&ctx, digest.size(), digest.data());
  return to_hex(digest);
}

// a:b:c...
std::string joined(std::initializer_list<std::string_view> parts) {
  std::string out;
  bool first = true;
  for (std::string_view p : parts) {
    if (!first) out += ':';
    out += p;
    first = false;
  }
  return out;
}

}  // namespace

std::string_view algorithm_name(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::md5: return "MD5";
    case Algorithm::md5_sess: return "MD5-sess";
    case Algorithm::sha256: return "SHA-256";
    case Algorithm::sha256_sess: return "SHA-256-sess";
    case Algorithm::akav1_md5: return "AKAv1-MD5";
  }
  return "MD5";
}

std::optional<Algorithm> algorithm_from(std::string_view name) {
  for (Algorithm a : {Algorithm::md5, Algorithm::md5_sess, Algorithm::sha256,
                      Algorithm::sha256_sess, Algorithm::akav1_md5}) {
    if (sip::iequals(name, algorithm_name(a))) return a;
  }
  return std::nullopt;
}

Result<std::string> digest_response(const DigestInput& in) {
  const bool with_qop = !in.qop.empty();
  if (with_qop && !sip::iequals(in.qop, "auth"))
    return make_error("qop=" + std::string(in.qop) + " is not supported (only auth)");
  // The password is octets: a binary RES goes into the hash as it is.
  std::string ha1 = hash_hex(in.algorithm, joined({in.username, in.realm, in.password}));
  if (in.algorithm == Algorithm::md5_sess || in.algorithm == Algorithm::sha256_sess)
    ha1 = hash_hex(in.algorithm, joined({ha1, in.nonce, in.cnonce}));
  const std::string ha2 = hash_hex(in.algorithm, joined({in.method, in.uri}));
  if (!with_qop) return hash_hex(in.algorithm, joined({ha1, in.nonce, ha2}));  // RFC 2069
  return hash_hex(in.algorithm, joined({ha1, in.nonce, in.nc, in.cnonce, in.qop, ha2}));
}

}  // namespace scn::auth
