// Digest responses against the published examples, and the codecs beneath them.
#include <doctest/doctest.h>

#include <nettle/md5.h>

#include "auth/auth.h"

namespace {

using namespace scn::auth;

std::string response_of(const DigestInput& input) {
  auto r = digest_response(input);
  REQUIRE_MESSAGE(r.ok(), r.reason());
  return *r;
}

std::string md5_hex(std::string_view text) {
  md5_ctx ctx;
  md5_init(&ctx);
  md5_update(&ctx, text.size(), reinterpret_cast<const std::uint8_t*>(text.data()));
  std::array<std::uint8_t, MD5_DIGEST_SIZE> digest{};
  md5_digest(&ctx, digest.size(), digest.data());
  return to_hex(digest);
}

// RFC 7616 section 3.9.1.
DigestInput rfc7616(Algorithm algorithm) {
  DigestInput in;
  in.algorithm = algorithm;
  in.username = "Mufasa";
  in.realm = "http-auth@example.org";
  in.password = "Circle of Life";
  in.method = "GET";
  in.uri = "/dir/index.html";
  in.nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
  in.qop = "auth";
  in.nc = "00000001";
  in.cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
  return in;
}

}  // namespace

TEST_CASE("auth: RFC 7616 3.9.1 responses for MD5 and SHA-256") {
  CHECK(response_of(rfc7616(Algorithm::md5)) == "8ca523f5e9506fed4657c9700eebdbec");
  CHECK(response_of(rfc7616(Algorithm::sha256)) ==
        "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
}

TEST_CASE("auth: RFC 2617 3.5 (qop=auth) and RFC 2069 (no qop, erratum 749) responses") {
  DigestInput in;
  in.username = "Mufasa";
  in.realm = "testrealm@host.com";
  in.password = "Circle Of Life";
  in.method = "GET";
  in.uri = "/dir/index.html";
  in.nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093";
  in.qop = "auth";
  in.nc = "00000001";
  in.cnonce = "0a4f113b";
  CHECK(response_of(in) == "6629fae49393a05397450978507c4ef1");

  DigestInput old;  // RFC 2069 section 2.4, as corrected by erratum 749
  old.username = "Mufasa";
  old.realm = "testrealm@host.com";
  old.password = "CircleOfLife";
  old.method = "GET";
  old.uri = "/dir/index.html";
  old.nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093";
  CHECK(response_of(old) == "1949323746fe6a43ef61f9606e7febea");
}

TEST_CASE("auth: -sess variants hash nonce and cnonce into HA1") {
  DigestInput in = rfc7616(Algorithm::md5_sess);
  const std::string ha1 =
      md5_hex(md5_hex("Mufasa:http-auth@example.org:Circle of Life") + ":" + std::string(in.nonce) +
              ":" + std::string(in.cnonce));
  const std::string ha2 = md5_hex("GET:/dir/index.html");
  CHECK(response_of(in) == md5_hex(ha1 + ":" + std::string(in.nonce) + ":00000001:" +
                                   std::string(in.cnonce) + ":auth:" + ha2));
  DigestInput sha = rfc7616(Algorithm::sha256_sess);
  CHECK(response_of(sha).size() == 64);
  CHECK(response_of(sha) != response_of(rfc7616(Algorithm::sha256)));
}

TEST_CASE("auth: AKAv1-MD5 is MD5 over a binary password") {
  DigestInput md5 = rfc7616(Algorithm::md5);
  DigestInput aka = rfc7616(Algorithm::akav1_md5);
  CHECK(response_of(aka) == response_of(md5));
  const std::string binary("\x00\xff\x10\x00", 4);  // a RES may hold NULs
  aka.password = binary;
  md5.password = "";
  CHECK(response_of(aka) != response_of(md5));
  CHECK(response_of(aka) ==
        md5_hex(md5_hex("Mufasa:http-auth@example.org:" + binary) + ":" + std::string(aka.nonce) +
                ":00000001:" + std::string(aka.cnonce) + ":auth:" + md5_hex("GET:/dir/index.html")));
}

TEST_CASE("auth: qop other than auth is refused") {
  DigestInput in = rfc7616(Algorithm::md5);
  in.qop = "auth-int";
  CHECK(digest_response(in).reason().find("auth-int") != std::string::npos);
  in.qop = "AUTH";  // qop values compare case-insensitively, and hash as written
  CHECK(digest_response(in).ok());
}

TEST_CASE("auth: algorithm names") {
  CHECK(algorithm_from("md5") == Algorithm::md5);
  CHECK(algorithm_from("MD5-SESS") == Algorithm::md5_sess);
  CHECK(algorithm_from("SHA-256") == Algorithm::sha256);
  CHECK(algorithm_from("sha-256-sess") == Algorithm::sha256_sess);
  CHECK(algorithm_from("akav1-md5") == Algorithm::akav1_md5);
  CHECK(algorithm_from("AKAv2-MD5") == std::nullopt);
  CHECK(algorithm_from("") == std::nullopt);
  CHECK(algorithm_name(Algorithm::akav1_md5) == "AKAv1-MD5");
}

TEST_CASE("auth: hex and base64") {
  const std::array<std::uint8_t, 4> octets{0x00, 0x9f, 0xa0, 0xff};
  CHECK(to_hex(octets) == "009fa0ff");
  CHECK(from_hex("009FA0ff").value() == Bytes{0x00, 0x9f, 0xa0, 0xff});
  CHECK(from_hex("").value().empty());
  CHECK(from_hex("abc").reason() == "odd number of hex digits");
  CHECK(from_hex("0g").reason() == "not a hex digit");
  CHECK(from_hex("0g").error().offset == 1);
  CHECK(to_base64(octets_of("Man")) == "TWFu");
  CHECK(to_base64(octets_of("Ma")) == "TWE=");
  CHECK(to_base64(octets_of("M")) == "TQ==");
  CHECK(from_base64("TWE=").value() == Bytes{'M', 'a'});
  CHECK(from_base64("TQ==").value() == Bytes{'M'});
  CHECK_FALSE(from_base64("T!==").ok());
  CHECK_FALSE(from_base64("TQ=").ok());  // padding cut short
  auto a = random_octets(16);
  auto b = random_octets(16);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(a->size() == 16);
  CHECK(*a != *b);
}
