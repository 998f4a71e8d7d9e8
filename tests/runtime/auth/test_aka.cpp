// IMS AKA vectors, the AKAv1-MD5 nonce and resynchronisation with AUTS.
#include <doctest/doctest.h>

#include "auth/auth.h"

namespace {

using namespace scn::auth;

Block block(const char* hex) { return parse_block(hex).value(); }

// TS 35.207 test set 1.
const Subscriber kSet1 = Subscriber::with_opc(block("465b5ce8b199b49faa5f0a2ee238a6bc"),
                                              block("cd63cb71954a9f4e48a5994e37a02baf"));
const Block kRand1 = block("23553cbe9637a89d218ae64dae47bf35");

// libosmocore's tests/auth/milenage_test: K = OPc = 00..0f, RAND = 0.
const Subscriber kOsmo = Subscriber::with_opc(block("000102030405060708090a0b0c0d0e0f"),
                                              block("000102030405060708090a0b0c0d0e0f"));

}  // namespace

TEST_CASE("auth: an AKA vector is AUTN = (SQN xor AK) || AMF || MAC-A, XRES, CK, IK") {
  const AkaVector v = make_vector(kSet1, 0xff9bb4d0b607, kRand1, parse_amf("b9b9").value());
  // ff9bb4d0b607 xor aa689c648370 = 55f328b43577
  CHECK(to_hex(v.autn) == "55f328b43577b9b94a9ffac354dfafb3");
  CHECK(to_hex(v.xres) == "a54211d5e3ba50bf");
  CHECK(to_hex(v.ck) == "b40ba9a3c58b2a05bbf0d987b21bf8cb");
  CHECK(to_hex(v.ik) == "f769bcd751044604127672711c6d3441");
  CHECK(v.password() == std::string("\xa5\x42\x11\xd5\xe3\xba\x50\xbf", 8));

  // The vector libosmocore's test prints for SQN 34 and AMF 0000.
  const AkaVector o = make_vector(kOsmo, 34, Block{}, Amf{0x00, 0x00});
  CHECK(to_hex(o.autn) == "ec9320c2c2120000c8b7de2a3449f1bd");
  CHECK(to_hex(o.xres) == "e9fc88ccc8a35381");
  CHECK(to_hex(o.ck) == "7200a184d8f2c758fbdf87900ddbf275");
  CHECK(to_hex(o.ik) == "12cb2dd3e0ec8378f6fc1d606c619f47");
}

TEST_CASE("auth: the AKAv1-MD5 nonce is base64(RAND || AUTN) and decodes back") {
  const AkaVector v = make_vector(kSet1, 0x20, kRand1);
  const std::string nonce = v.nonce();
  CHECK(nonce.size() == 44);
  CHECK(nonce.back() == '=');
  auto decoded = decode_aka_nonce(nonce);
  REQUIRE(decoded.ok());
  CHECK(decoded->rand == v.rand);
  CHECK(decoded->autn == v.autn);
  CHECK(decoded->server_data.empty());

  Bytes with_data(v.rand.begin(), v.rand.end());
  with_data.insert(with_data.end(), v.autn.begin(), v.autn.end());
  with_data.insert(with_data.end(), {'s', 'r', 'v'});
  auto extended = decode_aka_nonce(to_base64(with_data));
  REQUIRE(extended.ok());
  CHECK(extended->autn == v.autn);
  CHECK(extended->server_data == Bytes{'s', 'r', 'v'});

  CHECK(decode_aka_nonce("not base64!").reason() == "the AKA nonce is not base64");
  CHECK(decode_aka_nonce(to_base64(v.rand)).reason() ==
        "the AKA nonce holds 16 octets, fewer than RAND and AUTN (32)");
}

TEST_CASE("auth: AUTS made by the UE gives SQN_MS back, a changed octet does not verify") {
  const Auts auts = make_auts(kSet1, kRand1, 0x123456789abc);
  auto sqn = verify_auts(kSet1, kRand1, auts);
  REQUIRE_MESSAGE(sqn.ok(), sqn.reason());
  CHECK(*sqn == 0x123456789abcu);

  for (std::size_t i = 0; i < auts.size(); ++i) {
    Auts tampered = auts;
    tampered[i] ^= 0x01;
    auto r = verify_auts(kSet1, kRand1, tampered);
    CAPTURE(i);
    CHECK(r.reason().starts_with("AUTS: MAC-S does not verify"));
  }
  const Subscriber other = Subscriber::with_opc(block("0396eb317b6d1c36f19c1c84cd6ffd16"), kSet1.opc);
  CHECK(verify_auts(other, kRand1, auts).reason().starts_with("AUTS: MAC-S does not verify"));
  CHECK(verify_auts(kSet1, block("00000000000000000000000000000001"), auts)
            .reason()
            .starts_with("AUTS: MAC-S does not verify"));
  CHECK(verify_auts(kSet1, kRand1, std::span(auts).first(13)).reason() ==
        "AUTS: 13 octets, not 14");
}

TEST_CASE("auth: AUTS of libosmocore's test resynchronises to SQN_MS 31") {
  auto octets = from_hex("8711a0ec9e1637df17f80b384ee4");
  REQUIRE(octets.ok());
  auto sqn = verify_auts(kOsmo, Block{}, *octets);
  REQUIRE_MESSAGE(sqn.ok(), sqn.reason());
  CHECK(*sqn == 31u);
  CHECK(to_hex(make_auts(kOsmo, Block{}, 31)) == "8711a0ec9e1637df17f80b384ee4");
}
