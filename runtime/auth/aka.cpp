// IMS AKA on Milenage: the vector an S-CSCF gets from the HSS (TS 33.102 6.3.2), the
// AKAv1-MD5 nonce that carries RAND and AUTN (RFC 3310 3.2), and resynchronisation with
// AUTS (TS 33.102 6.3.3 and 6.3.5).
#include "auth/auth.h"

#include <algorithm>

namespace scn::auth {

namespace {

template <std::size_t N>
Result<std::array<std::uint8_t, N>> fixed_hex(std::string_view hex, std::string_view what) {
  auto octets = from_hex(hex);
  if (!octets || octets->size() != N)
    return make_error(std::string(what) + " is not " + std::to_string(N * 2) + " hex digits: \"" +
                      std::string(hex) + "\"");
  std::array<std::uint8_t, N> out{};
  std::copy(octets->begin(), octets->end(), out.begin());
  return out;
}

Sqn xored(const Sqn& sqn, const Ak& ak) {
  Sqn out{};
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = sqn[i] ^ ak[i];
  return out;
}

// TS 33.102 6.3.3: the AMF in MAC-S is a dummy of zeros, so that no AMF can be replayed.
constexpr Amf kResyncAmf{0x00, 0x00};

}  // namespace

Result<Block> parse_block(std::string_view hex) { return fixed_hex<16>(hex, "a 128-bit value"); }
Result<Amf> parse_amf(std::string_view hex) { return fixed_hex<2>(hex, "an AMF"); }

Sqn sqn_octets(std::uint64_t sqn) {
  Sqn out{};
  for (std::size_t i = 0; i < out.size(); ++i)
    out[out.size() - 1 - i] = static_cast<std::uint8_t>(sqn >> (8 * i));
  return out;
}

std::uint64_t sqn_value(const Sqn& sqn) {
  std::uint64_t value = 0;
  for (std::uint8_t o : sqn) value = value << 8 | o;
  return value;
}

std::string AkaVector::nonce() const {
  std::array<std::uint8_t, 32> octets{};
  std::copy(rand.begin(), rand.end(), octets.begin());
  std::copy(autn.begin(), autn.end(), octets.begin() + 16);
  return to_base64(octets);
}

std::string AkaVector::password() const { return std::string(xres.begin(), xres.end()); }

AkaVector make_vector(const Subscriber& subscriber, std::uint64_t sqn, const Block& rand,
                      const Amf& amf) {
  AkaVector v;
  v.rand = rand;
  v.sqn = sqn & 0xffff'ffff'ffffu;
  v.amf = amf;
  const Sqn sqn_o = sqn_octets(v.sqn);
  const Sqn concealed = xored(sqn_o, milenage::f5(subscriber, rand));
  const Mac mac_a = milenage::f1(subscriber, rand, sqn_o, amf);
  std::copy(concealed.begin(), concealed.end(), v.autn.begin());
  std::copy(amf.begin(), amf.end(), v.autn.begin() + 6);
  std::copy(mac_a.begin(), mac_a.end(), v.autn.begin() + 8);
  v.xres = milenage::f2(subscriber, rand);
  v.ck = milenage::f3(subscriber, rand);
  v.ik = milenage::f4(subscriber, rand);
  return v;
}

Result<AkaNonce> decode_aka_nonce(std::string_view nonce) {
  auto octets = from_base64(nonce);
  if (!octets) return make_error("the AKA nonce is not base64");
  if (octets->size() < 32)
    return make_error("the AKA nonce holds " + std::to_string(octets->size()) +
                      " octets, fewer than RAND and AUTN (32)");
  AkaNonce out;
  std::copy_n(octets->begin(), 16, out.rand.begin());
  std::copy_n(octets->begin() + 16, 16, out.autn.begin());
  out.server_data.assign(octets->begin() + 32, octets->end());
  return out;
}

Auts make_auts(const Subscriber& subscriber, const Block& rand, std::uint64_t sqn_ms) {
  const Sqn sqn_o = sqn_octets(sqn_ms);
  const Sqn concealed = xored(sqn_o, milenage::f5_star(subscriber, rand));
  const Mac mac_s = milenage::f1_star(subscriber, rand, sqn_o, kResyncAmf);
  Auts out{};
  std::copy(concealed.begin(), concealed.end(), out.begin());
  std::copy(mac_s.begin(), mac_s.end(), out.begin() + 6);
  return out;
}

Result<std::uint64_t> verify_auts(const Subscriber& subscriber, const Block& rand,
                                  std::span<const std::uint8_t> auts) {
  if (auts.size() != Auts{}.size())
    return make_error("AUTS: " + std::to_string(auts.size()) + " octets, not 14");
  Sqn concealed{};
  std::copy_n(auts.begin(), 6, concealed.begin());
  const Sqn sqn_ms = xored(concealed, milenage::f5_star(subscriber, rand));
  const Mac expected = milenage::f1_star(subscriber, rand, sqn_ms, kResyncAmf);
  if (!std::equal(expected.begin(), expected.end(), auts.begin() + 6))
    return make_error("AUTS: MAC-S does not verify (received " + to_hex(auts.subspan(6)) +
                      ", expected " + to_hex(expected) +
                      "): the UE computed it with another K or OP, or for another RAND");
  return sqn_value(sqn_ms);
}

}  // namespace scn::auth
