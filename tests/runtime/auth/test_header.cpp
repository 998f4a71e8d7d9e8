// Digest header values: challenges and credentials as UEs write them, and what is no
// Digest value at all (an error with a reason, never a crash).
#include <doctest/doctest.h>

#include "auth/auth.h"

namespace {

using namespace scn::auth;

DigestHeader parsed(std::string_view value) {
  auto r = parse_digest(value);
  REQUIRE_MESSAGE(r.ok(), r.reason());
  return *r;
}

std::string error_of(std::string_view value) {
  auto r = parse_digest(value);
  REQUIRE_FALSE(r.ok());
  return r.reason();
}

}  // namespace

TEST_CASE("auth: Digest credentials of RFC 7616 3.9.1 parse with folded LWS") {
  const DigestHeader h = parsed(
      "Digest username=\"Mufasa\",\r\n     realm=\"http-auth@example.org\",\r\n"
      "     uri=\"/dir/index.html\",\r\n     algorithm=SHA-256,\r\n"
      "     nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\",\r\n     nc=00000001,\r\n"
      "     cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\",\r\n     qop=auth,\r\n"
      "     response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\",\r\n"
      "     opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"");
  CHECK(h.params.size() == 10);
  CHECK(h.get("username") == "Mufasa");
  CHECK(h.get("realm") == "http-auth@example.org");
  CHECK(h.get("uri") == "/dir/index.html");
  CHECK(h.get("algorithm") == "SHA-256");
  CHECK(h.get("nc") == "00000001");
  CHECK(h.get("qop") == "auth");
  CHECK(h.get("opaque") == "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS");
  CHECK(h.find("nonce")->quoted);
  CHECK_FALSE(h.find("nc")->quoted);
  CHECK(h.get("auts") == std::nullopt);
  CHECK(h.find("stale") == nullptr);
}

TEST_CASE("auth: Digest values: escapes, case, spacing, empty list elements") {
  const DigestHeader h =
      parsed("  dIGEST   Realm = \"a\\\"b\\\\c\" ,, NONCE=\"\" ,qop=\"auth,auth-int\",auts=\"AAAA\",");
  CHECK(h.get("realm") == "a\"b\\c");
  CHECK(h.get("nonce") == "");
  CHECK(h.find("Nonce")->name == "NONCE");
  CHECK(h.get("QOP") == "auth,auth-int");
  CHECK(h.get("auts") == "AAAA");
  CHECK(parsed("Digest\tusername=u").get("username") == "u");
}

TEST_CASE("auth: what is not a Digest value is an error, not a crash") {
  CHECK(error_of("") == "no authentication scheme");
  CHECK(error_of("   ") == "no authentication scheme");
  CHECK(error_of("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==") == "scheme Basic, not Digest");
  CHECK(error_of("Digest") == "Digest without parameters");
  CHECK(error_of("Digest  , ,") == "Digest without parameters");
  CHECK(error_of("Digestrealm=\"x\"") == "scheme Digestrealm, not Digest");
  CHECK(error_of("Digest, realm=\"x\"") == "expected white space after Digest");
  CHECK(error_of("Digest realm") == "parameter realm has no '=' and value");
  CHECK(error_of("Digest realm, nonce=\"n\"") == "parameter realm has no '=' and value");
  CHECK(error_of("Digest realm=") ==
        "parameter realm: value is neither a token nor a quoted-string");
  CHECK(error_of("Digest realm=\"abc, nonce=1") ==
        "unterminated quoted-string in parameter realm");
  CHECK(error_of("Digest realm=\"abc\\\"") == "unterminated quoted-string in parameter realm");
  CHECK(error_of("Digest realm=\"a\" nonce=\"b\"") == "expected ',' after parameter realm");
  CHECK(error_of("Digest realm=\"a\", REALM=\"b\"") == "parameter REALM appears twice");
  CHECK(error_of("Digest nonce=abc==") == "expected ',' after parameter nonce");
  CHECK(error_of("Digest =\"a\"") == "expected a parameter name");
  CHECK(error_of("Digest uri=<sip:a@b>") ==
        "parameter uri: value is neither a token nor a quoted-string");
  CHECK(parse_digest("Digest realm=\"abc").error().offset == 13);
}

TEST_CASE("auth: every cut and every byte of a Digest value parses or fails cleanly") {
  const std::string good =
      "Digest username=\"u\\\"1\", realm=\"r\", nonce=\"n\", uri=\"sip:r\", response=\"00\", "
      "nc=00000001, cnonce=\"c\", qop=auth";
  for (std::size_t cut = 0; cut <= good.size(); ++cut) (void)parse_digest(good.substr(0, cut));
  for (std::size_t at = 0; at < good.size(); ++at) {
    for (int byte : {0, int{'"'}, int{'\\'}, int{','}, int{'='}, int{' '}, 0x80, 0xff}) {
      std::string bad = good;
      bad[at] = static_cast<char>(byte);
      auto r = parse_digest(bad);
      if (!r) CHECK(r.error().offset <= bad.size());
    }
  }
}
