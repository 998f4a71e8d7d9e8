// auth: authentication at the registrar the SS plays. HTTP Digest as SIP uses it (RFC 2617,
// RFC 7616: MD5, SHA-256 and their -sess variants), the Digest header values (challenges
// and credentials), Milenage (3GPP TS 35.206) and the IMS AKA vectors built on it
// (TS 33.102 6.3, RFC 3310 AKAv1-MD5), and the state of one run's registrar: the nonces it
// issued, the sequence numbers of its subscribers, the nonce counts it has seen.
//
// Nettle does the hashing and AES; random octets come from getrandom(2). A Registrar takes
// its clock and random source from RegistrarOptions, so tests can fix both.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/base.h"

// Octets, hex and base64: the forms keys, RANDs and nonces travel in.
namespace scn::auth {

using Bytes = std::vector<std::uint8_t>;

// Lowercase hex, two digits per octet.
std::string to_hex(std::span<const std::uint8_t> octets);
// Hex digits of either case, an even number of them; anything else is an error.
Result<Bytes> from_hex(std::string_view hex);

// RFC 4648 base64 with padding (RFC 3310 nonces and auts use it).
std::string to_base64(std::span<const std::uint8_t> octets);
Result<Bytes> from_base64(std::string_view text);

// `size` octets from getrandom(2).
Result<Bytes> random_octets(std::size_t size);

// The octets of a text, as a password or a hash input takes them.
inline std::span<const std::uint8_t> octets_of(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

}  // namespace scn::auth

// HTTP Digest (RFC 2617, RFC 7616) as SIP uses it (RFC 3261 22.4).
namespace scn::auth {

enum class Algorithm { md5, md5_sess, sha256, sha256_sess, akav1_md5 };

// "MD5", "MD5-sess", "SHA-256", "SHA-256-sess", "AKAv1-MD5".
std::string_view algorithm_name(Algorithm algorithm);
// Case-insensitive; nullopt for an algorithm this module does not compute.
std::optional<Algorithm> algorithm_from(std::string_view name);

// What the response is computed from. Views: the caller keeps the texts alive.
struct DigestInput {
  Algorithm algorithm = Algorithm::md5;
  std::string_view username;
  std::string_view realm;
  // Octets, not necessarily text: AKAv1-MD5 passes the RES (RFC 3310 3.3), or nothing
  // with auts (3.4).
  std::string_view password;
  std::string_view method;
  std::string_view uri;  // the digest-uri as the credentials carry it
  std::string_view nonce;
  // "" for the RFC 2069 form (no qop, nc, cnonce), else the qop as written ("auth").
  std::string_view qop;
  std::string_view nc;      // 8 hex digits as written
  std::string_view cnonce;
};

// The expected `response`, lowercase hex (32 digits for MD5, 64 for SHA-256). An error
// for qop=auth-int (this module never offers it: it would hash the body) or another qop.
Result<std::string> digest_response(const DigestInput& input);

// One auth-param of a challenge or credentials: the name as written, the value with a
// quoted-string unquoted (backslash escapes resolved).
struct AuthParam {
  std::string name;
  std::string value;
  bool quoted = false;
};

// A `Digest ...` header value (WWW-Authenticate, Authorization, Proxy-...): its
// parameters in order (username, realm, nonce, uri, response, algorithm, cnonce, nc, qop,
// opaque, auts, ...).
struct DigestHeader {
  std::vector<AuthParam> params;

  // Case-insensitive lookup; nullptr / nullopt when absent.
  const AuthParam* find(std::string_view name) const;
  std::optional<std::string> get(std::string_view name) const;
};

// Parses `Digest name=value, name="quoted", ...` (scheme case-insensitive, LWS anywhere
// between items, empty list elements ignored as RFC 7230 7 asks). An error, with the
// offset, for another scheme, a parameter without '=' or value, an unterminated
// quoted-string, a value that is neither token nor quoted-string, a parameter given twice.
Result<DigestHeader> parse_digest(std::string_view value);

}  // namespace scn::auth

// Milenage (3GPP TS 35.206) on AES-128, with the constants c1..c5 and r1..r5 the
// specification gives as defaults.
namespace scn::auth {

using Block = std::array<std::uint8_t, 16>;  // K, OP, OPc, RAND, CK, IK
using Sqn = std::array<std::uint8_t, 6>;     // big-endian, 48 bits
using Amf = std::array<std::uint8_t, 2>;
using Mac = std::array<std::uint8_t, 8>;     // MAC-A, MAC-S
using Res = std::array<std::uint8_t, 8>;     // RES/XRES, the 64 bits of f2
using Ak = std::array<std::uint8_t, 6>;      // AK, AK*

// A 128-bit value written as 32 hex digits (K, OP, OPc and RAND as a test sets them).
Result<Block> parse_block(std::string_view hex);
// An AMF written as 4 hex digits.
Result<Amf> parse_amf(std::string_view hex);

Sqn sqn_octets(std::uint64_t sqn);  // the low 48 bits
std::uint64_t sqn_value(const Sqn& sqn);

// OPc = AES_K(OP) xor OP.
Block opc_from_op(const Block& k, const Block& op);

// What the AuC (and the USIM) knows of a subscriber. The registrar keeps OPc only: OP is
// needed once, to derive it.
struct Subscriber {
  Block k{};
  Block opc{};

  static Subscriber with_op(const Block& k, const Block& op) { return {k, opc_from_op(k, op)}; }
  static Subscriber with_opc(const Block& k, const Block& opc) { return {k, opc}; }
  // From K and OP, or OPc when OP is empty, as 32 hex digits each; the error names the
  // one that is wrong ("K: ...", "OP: ...", "OPc: ...").
  static Result<Subscriber> from_hex(std::string_view k, std::string_view op,
                                     std::string_view opc);
};

namespace milenage {

Mac f1(const Subscriber& s, const Block& rand, const Sqn& sqn, const Amf& amf);       // MAC-A
Mac f1_star(const Subscriber& s, const Block& rand, const Sqn& sqn, const Amf& amf);  // MAC-S
Res f2(const Subscriber& s, const Block& rand);      // RES
Block f3(const Subscriber& s, const Block& rand);    // CK
Block f4(const Subscriber& s, const Block& rand);    // IK
Ak f5(const Subscriber& s, const Block& rand);       // AK
Ak f5_star(const Subscriber& s, const Block& rand);  // AK* (resynchronisation)

}  // namespace milenage

}  // namespace scn::auth

// IMS AKA (TS 33.102 6.3, TS 33.203, RFC 3310): authentication vectors, the AKAv1-MD5
// nonce, resynchronisation.
namespace scn::auth {

using Autn = std::array<std::uint8_t, 16>;  // (SQN xor AK) || AMF || MAC-A
using Auts = std::array<std::uint8_t, 14>;  // (SQN_MS xor AK*) || MAC-S

// TS 33.102 Annex H: the separation bit set, the rest 0.
inline constexpr Amf kDefaultAmf{0x80, 0x00};

struct AkaVector {
  Block rand{};
  Autn autn{};
  Res xres{};
  Block ck{};
  Block ik{};
  std::uint64_t sqn = 0;
  Amf amf = kDefaultAmf;

  // The AKAv1-MD5 nonce: base64(RAND || AUTN), no server data (RFC 3310 3.2).
  std::string nonce() const;
  // The Digest password that goes with it: XRES as octets (RFC 3310 3.3).
  std::string password() const;
};

// The vector for `sqn` (48 bits) and a given RAND (random in a run, fixed in tests).
AkaVector make_vector(const Subscriber& subscriber, std::uint64_t sqn, const Block& rand,
                      const Amf& amf = kDefaultAmf);

// An AKAv1-MD5 nonce taken apart: RAND, AUTN and whatever server data follows.
struct AkaNonce {
  Block rand{};
  Autn autn{};
  Bytes server_data;
};
Result<AkaNonce> decode_aka_nonce(std::string_view nonce);

// The UE's side of a synchronisation failure (TS 33.102 6.3.3): AUTS for its SQN_MS,
// with AK* = f5*(RAND) and MAC-S = f1*(SQN_MS, RAND, AMF = 0000). For tests and played UEs.
Auts make_auts(const Subscriber& subscriber, const Block& rand, std::uint64_t sqn_ms);

// The AuC's side: SQN_MS from an AUTS (the 14 octets the base64 auts parameter decodes to)
// that answers `rand`, once its MAC-S verifies; otherwise an error saying what is wrong.
Result<std::uint64_t> verify_auts(const Subscriber& subscriber, const Block& rand,
                                  std::span<const std::uint8_t> auts);

}  // namespace scn::auth

// The registrar of one run: issues challenges and verifies the credentials that answer
// them. One object per run, owned by the executor; nothing global.
//
// Sequence numbers follow TS 33.102 Annex C.1.1.2 with IND of 5 bits kept at 0: SQN =
// SEQ || IND, each new vector for a subscriber increases SEQ by 1 (SQN by 32), and after a
// valid AUTS the next SEQ is SEQ_MS + 1. Subscribers are told apart by K.
namespace scn::auth {

struct RegistrarOptions {
  // A nonce older than this, answered with a right digest, is reported stale.
  std::int64_t nonce_lifetime_ms = 300'000;
  // The SQN of a subscriber's first vector (SEQ 1, IND 0).
  std::uint64_t first_sqn = 32;
  // Milliseconds on a monotonic clock (the event loop's); empty: std::chrono::steady_clock.
  std::function<std::int64_t()> now_ms;
  // Fills RANDs and digest nonces; empty: getrandom(2).
  std::function<Result<void>(std::span<std::uint8_t>)> random;
};

struct Challenge {
  std::string header;  // the WWW-Authenticate value
  std::string nonce;
  std::optional<AkaVector> vector;  // AKA: CK and IK for the security association
};

// What was wrong with credentials; parameter_of() names the parameter at fault.
enum class Fault {
  none,
  malformed,  // not a Digest header value at all (parameter "")
  username,
  realm,
  nonce,      // never issued in this run, issued to someone else, not the latest
  stale,      // right digest on a nonce past its lifetime (parameter "nonce")
  algorithm,
  qop,
  nc,         // missing or not 8 hex digits
  replay,     // nc not above the last one seen with this nonce (parameter "nc")
  cnonce,
  uri,
  response,   // missing, or the wrong digest
  auts,       // not 14 octets of base64, or MAC-S does not verify
};

// "username", "nonce", "nc", ..., "" for none and malformed.
std::string_view parameter_of(Fault fault);

// The registrar's judgement on one Authorization: accepted, or the fault and a reason in
// the words of a verdict (`Authorization.<parameter>: <reason>`). Like a match result it
// is not a Result: a rejection is a finding about the UE, not a failure of the call.
struct Verification {
  Fault fault = Fault::none;
  std::string reason;  // "" when accepted
  // Right credentials carrying a valid auts: the SQN of the subscriber is now past
  // SQN_MS, no one was authenticated, and the next challenge_aka carries the new SQN.
  bool resynchronised = false;
  std::uint64_t sqn_ms = 0;

  bool ok() const { return fault == Fault::none; }
  explicit operator bool() const { return ok(); }
  std::string_view parameter() const { return parameter_of(fault); }
};

class Registrar {
 public:
  explicit Registrar(RegistrarOptions options = {});

  // `Digest realm="...", nonce="<32 hex digits>", algorithm=MD5, qop="auth"` for `user`
  // (the username the credentials must carry). The nonce becomes the user's latest. An
  // error for AKAv1-MD5 (challenge_aka) or when no random octets could be had.
  Result<Challenge> challenge_digest(std::string_view user, std::string_view realm,
                                     Algorithm algorithm = Algorithm::md5);

  // `Digest realm="...", nonce="<base64 RAND||AUTN>", algorithm=AKAv1-MD5, qop="auth"`,
  // with a fresh vector at the subscriber's next SQN.
  Result<Challenge> challenge_aka(std::string_view user, std::string_view realm,
                                  const Subscriber& subscriber, const Amf& amf = kDefaultAmf);

  // Judges an Authorization value sent with `method` by `user`. `password` is the user's
  // Digest password; for an AKA nonce it is ignored (XRES, or nothing with auts, is).
  // Accepted credentials record their nc: the same nonce and nc again is a replay.
  Verification verify(std::string_view method, std::string_view authorization,
                      std::string_view user, std::string_view password);

  // The SQN the subscriber's next vector gets.
  std::uint64_t next_sqn(const Block& k) const;

 private:
  struct Issued {
    std::string user;
    std::string realm;
    Algorithm algorithm = Algorithm::md5;
    std::int64_t issued_ms = 0;
    std::optional<std::uint32_t> last_nc;
    std::optional<AkaVector> vector;  // AKA nonces
    Subscriber subscriber;            // AKA nonces
    bool resynchronised = false;      // answered with auts: the UE rejected its AUTN
  };

  std::int64_t now() const;
  Result<void> fill_random(std::span<std::uint8_t> out);
  void resynchronise(const Block& k, std::uint64_t sqn_ms);
  Result<Challenge> issue(std::string_view user, std::string_view realm, Algorithm algorithm,
                          std::string nonce, Issued issued);

  RegistrarOptions options_;
  std::map<std::string, Issued, std::less<>> issued_;          // by nonce
  std::map<std::string, std::string, std::less<>> latest_;     // user -> nonce
  std::map<Block, std::uint64_t> next_sqn_;                    // by K
};

}  // namespace scn::auth

// The UE's side of a challenge (a played UE, the mirror): the credentials that answer it.
namespace scn::auth {

struct ChallengeAnswer {
  std::string_view challenge;  // the whole WWW-Authenticate / Proxy-Authenticate value
  std::string_view method;     // of the request that carries the credentials
  std::string_view uri;        // its digest-uri: the challenged request's Request-URI
  std::string_view username;
  std::string_view password;   // Digest; unused for AKAv1-MD5 (the RES is the password)
  std::string_view k, op, opc; // AKAv1-MD5: hex, one of op and opc empty
  std::string_view cnonce;     // empty: a random one
};

// `Digest username=..., realm=..., nonce=..., uri=..., response=..., algorithm=...`, with
// qop=auth, nc=00000001 and cnonce when the challenge offers qop auth, and its opaque
// returned; for AKAv1-MD5 the RES of Milenage on the nonce's RAND (RFC 3310 3.3). An
// error for a challenge that is no Digest, lacks realm or nonce, or names an algorithm
// or qop this module does not compute.
Result<std::string> answer_challenge(const ChallengeAnswer& answer);

}  // namespace scn::auth
