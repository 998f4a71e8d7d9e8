// Milenage against the six test sets of 3GPP TS 35.207 (section 4.3, the first six
// conformance sets of TS 35.208), each value cross-checked in two public implementations'
// test tables.
#include <doctest/doctest.h>

#include "auth/auth.h"

namespace {

using namespace scn::auth;

struct TestSet {
  int number;
  const char* k;
  const char* rand;
  const char* sqn;
  const char* amf;
  const char* op;
  const char* opc;
  const char* f1;
  const char* f1_star;
  const char* f2;
  const char* f5;
  const char* f3;
  const char* f4;
  const char* f5_star;
};

constexpr TestSet kSets[] = {
    {1, "465b5ce8b199b49faa5f0a2ee238a6bc", "23553cbe9637a89d218ae64dae47bf35", "ff9bb4d0b607",
     "b9b9", "cdc202d5123e20f62b6d676ac72cb318", "cd63cb71954a9f4e48a5994e37a02baf",
     "4a9ffac354dfafb3", "01cfaf9ec4e871e9", "a54211d5e3ba50bf", "aa689c648370",
     "b40ba9a3c58b2a05bbf0d987b21bf8cb", "f769bcd751044604127672711c6d3441", "451e8beca43b"},
    {2, "0396eb317b6d1c36f19c1c84cd6ffd16", "c00d603103dcee52c4478119494202e8", "fd8eef40df7d",
     "af17", "ff53bade17df5d4e793073ce9d7579fa", "53c15671c60a4b731c55b4a441c0bde2",
     "5df5b31807e258b0", "a8c016e51ef4a343", "d3a628ed988620f0", "c47783995f72",
     "58c433ff7a7082acd424220f2b67c556", "21a8c1f929702adb3e738488b9f5c5da", "30f1197061c1"},
    {3, "fec86ba6eb707ed08905757b1bb44b8f", "9f7c8d021accf4db213ccff0c7f71a6a", "9d0277595ffc",
     "725c", "dbc59adcb6f9a0ef735477b7fadf8374", "1006020f0a478bf6b699f15c062e42b3",
     "9cabc3e99baf7281", "95814ba2b3044324", "8011c48c0c214ed2", "33484dc2136b",
     "5dbdbb2954e8f3cde665b046179a5098", "59a92d3b476a0443487055cf88b2307b", "deacdd848cc6"},
    {4, "9e5944aea94b81165c82fbf9f32db751", "ce83dbc54ac0274a157c17f80d017bd6", "0b604a81eca8",
     "9e09", "223014c5806694c007ca1eeef57f004f", "a64a507ae1a2a98bb88eb4210135dc87",
     "74a58220cba84c49", "ac2cc74a96871837", "f365cd683cd92e96", "f0b9c08ad02e",
     "e203edb3971574f5a94b0d61b816345d", "0c4524adeac041c4dd830d20854fc46b", "6085a86c6f63"},
    {5, "4ab1deb05ca6ceb051fc98e77d026a84", "74b0cd6031a1c8339b2b6ce2b8c4a186", "e880a1b580b6",
     "9f07", "2d16c5cd1fdf6b22383584e3bef2a8d8", "dcf07cbd51855290b92a07a9891e523e",
     "49e785dd12626ef2", "9e85790336bb3fa2", "5860fc1bce351e7e", "31e11a609118",
     "7657766b373d1c2138f307e3de9242f9", "1c42e960d89b8fa99f2744e0708ccb53", "fe2555e54aa9"},
    {6, "6c38a116ac280c454f59332ee35c8c4f", "ee6466bc96202c5a557abbeff8babf63", "414b98222181",
     "4464", "1ba00a1a7c6700ac8c3ff3e96ad08725", "3803ef5363b947c6aaa225e58fae3934",
     "078adfb488241a57", "80246b8d0186bcf1", "16c8233f05a0ac28", "45b0f69ab06c",
     "3f8c7587fe8e4b233af676aede30ba3b", "a7466cc1e6b2a1337d49d3b66e95d7b4", "1f53cd2b1113"},
};

Block block(const char* hex) {
  auto b = parse_block(hex);
  REQUIRE_MESSAGE(b.ok(), b.reason());
  return *b;
}

Sqn sqn(const char* hex) {
  auto octets = from_hex(hex);
  REQUIRE(octets.ok());
  REQUIRE(octets->size() == 6);
  Sqn out{};
  std::copy(octets->begin(), octets->end(), out.begin());
  return out;
}

void check_set(const TestSet& t) {
  CAPTURE(t.number);
  const Block k = block(t.k);
  const Block rand = block(t.rand);
  CHECK(to_hex(opc_from_op(k, block(t.op))) == t.opc);
  const Subscriber from_op = Subscriber::with_op(k, block(t.op));
  const Subscriber from_opc = Subscriber::with_opc(k, block(t.opc));
  CHECK(from_op.opc == from_opc.opc);
  const Sqn s = sqn(t.sqn);
  const Amf amf = parse_amf(t.amf).value();
  for (const Subscriber& sub : {from_op, from_opc}) {
    CHECK(to_hex(milenage::f1(sub, rand, s, amf)) == t.f1);
    CHECK(to_hex(milenage::f1_star(sub, rand, s, amf)) == t.f1_star);
    CHECK(to_hex(milenage::f2(sub, rand)) == t.f2);
    CHECK(to_hex(milenage::f3(sub, rand)) == t.f3);
    CHECK(to_hex(milenage::f4(sub, rand)) == t.f4);
    CHECK(to_hex(milenage::f5(sub, rand)) == t.f5);
    CHECK(to_hex(milenage::f5_star(sub, rand)) == t.f5_star);
  }
}

}  // namespace

TEST_CASE("auth: Milenage TS 35.207 test set 1") { check_set(kSets[0]); }
TEST_CASE("auth: Milenage TS 35.207 test set 2") { check_set(kSets[1]); }
TEST_CASE("auth: Milenage TS 35.207 test set 3") { check_set(kSets[2]); }
TEST_CASE("auth: Milenage TS 35.207 test set 4") { check_set(kSets[3]); }
TEST_CASE("auth: Milenage TS 35.207 test set 5") { check_set(kSets[4]); }
TEST_CASE("auth: Milenage TS 35.207 test set 6") { check_set(kSets[5]); }

TEST_CASE("auth: keys, AMFs and SQNs as a test writes them") {
  CHECK(parse_block("465B5CE8B199B49FAA5F0A2EE238A6BC").ok());
  CHECK(parse_block("465b5ce8").reason() ==
        "a 128-bit value is not 32 hex digits: \"465b5ce8\"");
  CHECK_FALSE(parse_block("465b5ce8b199b49faa5f0a2ee238a6bcx").ok());
  CHECK(parse_amf("8000").value() == kDefaultAmf);
  CHECK_FALSE(parse_amf("800").ok());
  CHECK(to_hex(sqn_octets(0xff9bb4d0b607)) == "ff9bb4d0b607");
  CHECK(sqn_value(sqn_octets(0xff9bb4d0b607)) == 0xff9bb4d0b607u);
  CHECK(sqn_value(sqn_octets(0x1'0000'0000'0020)) == 0x20u);  // 48 bits
}
