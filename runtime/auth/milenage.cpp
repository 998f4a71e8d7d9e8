// Milenage (3GPP TS 35.206 section 4.1) on nettle's AES-128, with the default constants:
// c1 = 0, c2 = 1, c3 = 2, c4 = 4, c5 = 8 (in the last octet), r1 = 64, r2 = 0, r3 = 32,
// r4 = 64, r5 = 96 bits.
//   TEMP = E_K(RAND xor OPc)
//   OUT1 = E_K(TEMP xor rot(IN1 xor OPc, r1) xor c1) xor OPc, IN1 = SQN||AMF||SQN||AMF
//   OUTi = E_K(rot(TEMP xor OPc, ri) xor ci) xor OPc, i = 2..5
// f1 = OUT1[0..63], f1* = OUT1[64..127], f5 = OUT2[0..47], f2 = OUT2[64..127],
// f3 = OUT3, f4 = OUT4, f5* = OUT5[0..47].
#include "auth/auth.h"

#include <algorithm>

#include <nettle/aes.h>

namespace scn::auth {

namespace {

Block encrypt(const Block& k, const Block& in) {
  aes128_ctx ctx;
  aes128_set_encrypt_key(&ctx, k.data());
  Block out{};
  aes128_encrypt(&ctx, out.size(), out.data(), in.data());
  return out;
}

Block xored(Block a, const Block& b) {
  for (std::size_t i = 0; i < a.size(); ++i) a[i] ^= b[i];
  return a;
}

// Cyclic rotation towards the most significant bit by `bits`, a multiple of 8 for every
// r of the specification.
Block rotated(const Block& x, std::size_t bits) {
  Block out{};
  const std::size_t by = bits / 8;
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = x[(i + by) % x.size()];
  return out;
}

Block temp_of(const Subscriber& s, const Block& rand) { return encrypt(s.k, xored(rand, s.opc)); }

// OUT1 for f1 and f1*.
Block out1(const Subscriber& s, const Block& rand, const Sqn& sqn, const Amf& amf) {
  Block in1{};
  for (std::size_t half : {0u, 8u}) {
    std::copy(sqn.begin(), sqn.end(), in1.begin() + half);
    std::copy(amf.begin(), amf.end(), in1.begin() + half + 6);
  }
  const Block arg = xored(temp_of(s, rand), rotated(xored(in1, s.opc), 64));  // c1 = 0
  return xored(encrypt(s.k, arg), s.opc);
}

// OUT2..OUT5: r in bits, c the last octet of the constant.
Block out_n(const Subscriber& s, const Block& rand, std::size_t r, std::uint8_t c) {
  Block arg = rotated(xored(temp_of(s, rand), s.opc), r);
  arg[15] ^= c;
  return xored(encrypt(s.k, arg), s.opc);
}

template <std::size_t N>
std::array<std::uint8_t, N> slice(const Block& b, std::size_t from) {
  std::array<std::uint8_t, N> out{};
  std::copy_n(b.begin() + static_cast<std::ptrdiff_t>(from), N, out.begin());
  return out;
}

}  // namespace

Block opc_from_op(const Block& k, const Block& op) { return xored(encrypt(k, op), op); }

Result<Subscriber> Subscriber::from_hex(std::string_view k, std::string_view op,
                                        std::string_view opc) {
  auto key = parse_block(k);
  if (!key) return Error{"K: " + key.reason()};
  const bool with_op_given = !op.empty();
  auto second = parse_block(with_op_given ? op : opc);
  if (!second) return Error{std::string(with_op_given ? "OP: " : "OPc: ") + second.reason()};
  return with_op_given ? with_op(*key, *second) : with_opc(*key, *second);
}

namespace milenage {

Mac f1(const Subscriber& s, const Block& rand, const Sqn& sqn, const Amf& amf) {
  return slice<8>(out1(s, rand, sqn, amf), 0);
}

Mac f1_star(const Subscriber& s, const Block& rand, const Sqn& sqn, const Amf& amf) {
  return slice<8>(out1(s, rand, sqn, amf), 8);
}

Res f2(const Subscriber& s, const Block& rand) { return slice<8>(out_n(s, rand, 0, 1), 8); }
Block f3(const Subscriber& s, const Block& rand) { return out_n(s, rand, 32, 2); }
Block f4(const Subscriber& s, const Block& rand) { return out_n(s, rand, 64, 4); }
Ak f5(const Subscriber& s, const Block& rand) { return slice<6>(out_n(s, rand, 0, 1), 0); }
Ak f5_star(const Subscriber& s, const Block& rand) { return slice<6>(out_n(s, rand, 96, 8), 0); }

}  // namespace milenage

}  // namespace scn::auth
