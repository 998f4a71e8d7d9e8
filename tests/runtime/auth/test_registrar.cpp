// The registrar of a run: challenges, and the verdict-ready judgement of the credentials a
// UE answers with. The UE side is computed here the way a UE does it.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "auth/auth.h"

namespace {

using namespace scn::auth;

constexpr std::string_view kUser = "user1_private@home1.net";
constexpr std::string_view kRealm = "home1.net";
constexpr std::string_view kPassword = "secret";

Block block(const char* hex) { return parse_block(hex).value(); }

const Subscriber kSubscriber = Subscriber::with_op(block("465b5ce8b199b49faa5f0a2ee238a6bc"),
                                                   block("cdc202d5123e20f62b6d676ac72cb318"));

// A registrar on a clock and random source the test controls.
struct Run {
  std::int64_t now = 1'000;
  std::uint8_t next_octet = 0;
  Registrar registrar{options()};

  RegistrarOptions options() {
    RegistrarOptions o;
    o.now_ms = [this] { return now; };
    o.random = [this](std::span<std::uint8_t> out) -> scn::Result<void> {
      for (std::uint8_t& octet : out) octet = ++next_octet;
      return {};
    };
    return o;
  }
};

// What a UE puts into its Authorization, before the edits a test makes to it.
struct Answer {
  std::string user{kUser};
  std::string realm;
  std::string nonce;
  std::string algorithm;
  std::string uri = "sip:home1.net";
  std::string nc = "00000001";
  std::string cnonce = "0a4f113b";
  std::string password{kPassword};
  std::optional<std::string> auts;
  // Parameter text replacing what the UE would write ("" removes the parameter), or added.
  std::map<std::string, std::string> edits;
};

Answer answer_to(const Challenge& challenge) {
  const DigestHeader h = parse_digest(challenge.header).value();
  Answer a;
  a.realm = h.get("realm").value();
  a.nonce = h.get("nonce").value();
  a.algorithm = h.get("algorithm").value();
  return a;
}

std::string authorization(const Answer& a, std::string_view method = "REGISTER") {
  DigestInput in;
  in.algorithm = algorithm_from(a.algorithm).value();
  in.username = a.user;
  in.realm = a.realm;
  in.password = a.password;
  in.method = method;
  in.uri = a.uri;
  in.nonce = a.nonce;
  in.qop = "auth";
  in.nc = a.nc;
  in.cnonce = a.cnonce;
  std::vector<std::pair<std::string, std::string>> params{
      {"username", scn::sip::quote(a.user)}, {"realm", scn::sip::quote(a.realm)},
      {"nonce", scn::sip::quote(a.nonce)},   {"uri", scn::sip::quote(a.uri)},
      {"response", scn::sip::quote(digest_response(in).value())},
      {"algorithm", a.algorithm},            {"cnonce", scn::sip::quote(a.cnonce)},
      {"nc", a.nc},                          {"qop", "auth"}};
  if (a.auts) params.emplace_back("auts", scn::sip::quote(*a.auts));
  for (auto& [name, text] : params) {
    const auto edit = a.edits.find(name);
    if (edit != a.edits.end()) text = edit->second;
  }
  for (const auto& edit : a.edits) {
    const bool known = std::any_of(params.begin(), params.end(),
                                   [&](const auto& p) { return p.first == edit.first; });
    if (!known) params.push_back(edit);
  }
  std::string out = "Digest ";
  for (const auto& [name, text] : params) {
    if (text.empty()) continue;
    if (out.size() > 7) out += ", ";
    out += name + "=" + text;
  }
  return out;
}

// A UE's answer to an AKA challenge: RES of the RAND in the nonce as password (RFC 3310 3.3).
Answer aka_answer(const Challenge& challenge, const Subscriber& usim) {
  Answer a = answer_to(challenge);
  const AkaNonce n = decode_aka_nonce(a.nonce).value();
  const Res res = milenage::f2(usim, n.rand);
  a.password = std::string(res.begin(), res.end());
  return a;
}

// The SQN an AUTN carries, as the USIM recovers it (and checks its MAC-A).
std::uint64_t sqn_in(const Challenge& challenge, const Subscriber& usim) {
  const AkaNonce n = decode_aka_nonce(challenge.nonce).value();
  const Ak ak = milenage::f5(usim, n.rand);
  Sqn sqn{};
  for (std::size_t i = 0; i < sqn.size(); ++i) sqn[i] = n.autn[i] ^ ak[i];
  const Amf amf{n.autn[6], n.autn[7]};
  const Mac mac = milenage::f1(usim, n.rand, sqn, amf);
  CHECK(std::equal(mac.begin(), mac.end(), n.autn.begin() + 8));
  return sqn_value(sqn);
}

Verification judge(Run& run, const Answer& a) {
  return run.registrar.verify("REGISTER", authorization(a), kUser, kPassword);
}

void check_fault(const Verification& v, Fault fault, std::string_view parameter,
                 std::string_view reason) {
  CHECK(v.fault == fault);
  CHECK(v.parameter() == parameter);
  CHECK(v.reason == reason);
}

}  // namespace

TEST_CASE("auth: registrar: a Digest challenge answered right, then again with the next nc") {
  Run run;
  auto challenge = run.registrar.challenge_digest(kUser, kRealm);
  REQUIRE_MESSAGE(challenge.ok(), challenge.reason());
  CHECK(challenge->header ==
        "Digest realm=\"home1.net\", nonce=\"0102030405060708090a0b0c0d0e0f10\", "
        "algorithm=MD5, qop=\"auth\"");
  CHECK(challenge->nonce == "0102030405060708090a0b0c0d0e0f10");
  CHECK_FALSE(challenge->vector);
  Answer a = answer_to(*challenge);
  const Verification first = judge(run, a);
  CHECK_MESSAGE(first.ok(), first.reason);
  CHECK(first.parameter() == "");
  CHECK_FALSE(first.resynchronised);
  a.nc = "00000002";
  CHECK(judge(run, a).ok());
  a.nc = "0000000A";  // hex digits of either case
  CHECK(judge(run, a).ok());
}

TEST_CASE("auth: registrar: the same nonce and nc twice is a replay") {
  Run run;
  Answer a = answer_to(run.registrar.challenge_digest(kUser, kRealm).value());
  a.nc = "00000005";
  REQUIRE(judge(run, a).ok());
  check_fault(judge(run, a), Fault::replay, "nc",
              "00000005 does not grow: the SS already accepted 00000005 with this nonce "
              "(a replay, RFC 7616 3.4.5)");
  a.nc = "00000004";
  CHECK(judge(run, a).fault == Fault::replay);
  a.nc = "00000006";
  CHECK(judge(run, a).ok());
}

TEST_CASE("auth: registrar: a wrong password is a wrong digest") {
  Run run;
  Answer a = answer_to(run.registrar.challenge_digest(kUser, kRealm).value());
  a.password = "guess";
  const Verification v = judge(run, a);
  CHECK(v.fault == Fault::response);
  CHECK(v.parameter() == "response");
  CHECK(v.reason.starts_with("wrong digest for user1_private@home1.net (expected "));
  CHECK(v.reason.ends_with(", computed with algorithm=MD5, qop=auth and the user's password)"));
  // A rejected answer uses up nothing: the right one with the same nc still passes.
  a.password = std::string(kPassword);
  CHECK(judge(run, a).ok());
}

TEST_CASE("auth: registrar: nonces never issued, issued to someone else, or superseded") {
  Run run;
  const Challenge first = run.registrar.challenge_digest(kUser, kRealm).value();
  Answer a = answer_to(first);
  a.nonce = "0f0e0d0c0b0a09080706050403020100";
  check_fault(judge(run, a), Fault::nonce, "nonce",
              "\"0f0e0d0c0b0a09080706050403020100\" was never issued by the SS in this run");

  const Challenge other = run.registrar.challenge_digest("user2_private@home1.net", kRealm).value();
  a.nonce = other.nonce;
  check_fault(judge(run, a), Fault::nonce, "nonce",
              "\"" + other.nonce +
                  "\" was issued to user2_private@home1.net, not to user1_private@home1.net");

  const Challenge second = run.registrar.challenge_digest(kUser, kRealm).value();
  a = answer_to(first);
  check_fault(judge(run, a), Fault::nonce, "nonce",
              "\"" + first.nonce +
                  "\" is not the last nonce the SS issued to user1_private@home1.net (that is \"" +
                  second.nonce + "\")");
  CHECK(judge(run, answer_to(second)).ok());
}

TEST_CASE("auth: registrar: each parameter at fault is named") {
  Run run;
  const Challenge challenge = run.registrar.challenge_digest(kUser, kRealm).value();
  std::uint32_t nc = 0;  // a fresh nc each time: an accepted answer is no replay later
  auto with = [&](std::string name, std::string text) {
    Answer a = answer_to(challenge);
    const std::string count = std::to_string(++nc);
    a.nc = std::string(8 - count.size(), '0') + count;
    a.edits[std::move(name)] = std::move(text);
    return judge(run, a);
  };
  check_fault(with("username", ""), Fault::username, "username", "missing");
  check_fault(with("username", "\"bob@home1.net\""), Fault::username, "username",
              "expected \"user1_private@home1.net\", received \"bob@home1.net\"");
  check_fault(with("nonce", ""), Fault::nonce, "nonce", "missing");
  check_fault(with("realm", ""), Fault::realm, "realm", "missing");
  check_fault(with("realm", "\"home2.net\""), Fault::realm, "realm",
              "expected \"home1.net\", received \"home2.net\"");
  check_fault(with("algorithm", "SHA-256"), Fault::algorithm, "algorithm",
              "expected MD5 (the challenge's), received SHA-256");
  check_fault(with("algorithm", "FOO"), Fault::algorithm, "algorithm",
              "expected MD5 (the challenge's), received FOO");
  CHECK(with("algorithm", "").ok());     // absent means MD5
  CHECK(with("algorithm", "md5").fault == Fault::none);
  check_fault(with("qop", ""), Fault::qop, "qop",
              "missing, although the challenge offered qop=\"auth\"");
  check_fault(with("qop", "auth-int"), Fault::qop, "qop", "expected \"auth\", received \"auth-int\"");
  check_fault(with("cnonce", ""), Fault::cnonce, "cnonce", "missing, although qop=auth");
  check_fault(with("nc", ""), Fault::nc, "nc", "missing, although qop=auth");
  check_fault(with("nc", "1"), Fault::nc, "nc", "\"1\" is not 8 hex digits");
  check_fault(with("nc", "0000000g"), Fault::nc, "nc", "\"0000000g\" is not 8 hex digits");
  check_fault(with("uri", ""), Fault::uri, "uri", "missing");
  check_fault(with("response", ""), Fault::response, "response", "missing");
  check_fault(with("auts", "\"AAAA\""), Fault::auts, "auts",
              "auts answers an AKA challenge, and this nonce is a MD5 one");

  Answer a = answer_to(challenge);
  std::string upper = authorization(a);
  const std::size_t at = upper.find("response=\"") + 10;
  for (std::size_t i = at; upper[i] != '"'; ++i) upper[i] = static_cast<char>(std::toupper(upper[i]));
  REQUIRE(upper.substr(at, 32) != authorization(a).substr(at, 32));  // a letter was raised
  check_fault(run.registrar.verify("REGISTER", upper, kUser, kPassword), Fault::response,
              "response", "right digest in upper case; RFC 2617 3.2.2 writes it in lowercase hex");

  check_fault(run.registrar.verify("REGISTER", "Basic dXNlcjpwYXNz", kUser, kPassword),
              Fault::malformed, "", "not Digest credentials: scheme Basic, not Digest (at offset 0)");
  check_fault(run.registrar.verify("REGISTER", "Digest username=\"u", kUser, kPassword),
              Fault::malformed, "",
              "not Digest credentials: unterminated quoted-string in parameter username (at offset "
              "16)");
  // The method is part of the digest.
  CHECK(run.registrar.verify("INVITE", authorization(a), kUser, kPassword).fault ==
        Fault::response);
}

TEST_CASE("auth: registrar: a right digest on an old nonce is stale") {
  Run run;
  Answer a = answer_to(run.registrar.challenge_digest(kUser, kRealm).value());
  run.now += 300'000;  // the default lifetime
  check_fault(judge(run, a), Fault::stale, "nonce",
              "right digest on a stale nonce, issued 300000 ms ago (lifetime 300000 ms)");
  a.password = "guess";  // a wrong digest stays a wrong digest
  CHECK(judge(run, a).fault == Fault::response);

  Run brief;
  brief.registrar = Registrar([&] {
    RegistrarOptions o = brief.options();
    o.nonce_lifetime_ms = 0;
    return o;
  }());
  CHECK(judge(brief, answer_to(brief.registrar.challenge_digest(kUser, kRealm).value())).fault ==
        Fault::stale);
}

TEST_CASE("auth: registrar: SHA-256 and MD5-sess challenges") {
  Run run;
  const Challenge sha = run.registrar.challenge_digest(kUser, kRealm, Algorithm::sha256).value();
  CHECK(sha.header.find(", algorithm=SHA-256, ") != std::string::npos);
  Answer a = answer_to(sha);
  CHECK(judge(run, a).ok());
  a.nc = "00000002";
  a.edits["algorithm"] = "";
  check_fault(judge(run, a), Fault::algorithm, "algorithm",
              "expected SHA-256 (the challenge's), received none, which means MD5");

  const Challenge sess = run.registrar.challenge_digest(kUser, kRealm, Algorithm::md5_sess).value();
  CHECK(judge(run, answer_to(sess)).ok());
}

TEST_CASE("auth: registrar: AKA round trip, SQN growing by 32 per vector") {
  Run run;
  auto challenge = run.registrar.challenge_aka(kUser, kRealm, kSubscriber);
  REQUIRE_MESSAGE(challenge.ok(), challenge.reason());
  CHECK(challenge->header == "Digest realm=\"home1.net\", nonce=\"" + challenge->nonce +
                                 "\", algorithm=AKAv1-MD5, qop=\"auth\"");
  REQUIRE(challenge->vector);
  CHECK(challenge->vector->sqn == 32);
  CHECK(challenge->vector->amf == kDefaultAmf);
  CHECK(challenge->nonce == challenge->vector->nonce());
  CHECK(sqn_in(*challenge, kSubscriber) == 32);

  Answer a = aka_answer(*challenge, kSubscriber);
  // The password argument is ignored for AKA: the vector's XRES is the password.
  const Verification v = run.registrar.verify("REGISTER", authorization(a), kUser, "ignored");
  CHECK_MESSAGE(v.ok(), v.reason);
  CHECK_FALSE(v.resynchronised);

  const Challenge next = run.registrar.challenge_aka(kUser, kRealm, kSubscriber).value();
  CHECK(sqn_in(next, kSubscriber) == 64);
  CHECK(run.registrar.next_sqn(kSubscriber.k) == 96);
  CHECK(judge(run, aka_answer(next, kSubscriber)).ok());
  // Another subscriber has its own SQN.
  const Subscriber other =
      Subscriber::with_opc(block("0396eb317b6d1c36f19c1c84cd6ffd16"), kSubscriber.opc);
  CHECK(run.registrar.challenge_aka("user2_private@home1.net", kRealm, other).value().vector->sqn ==
        32);
}

TEST_CASE("auth: registrar: AKA answered by a USIM with another K") {
  Run run;
  const Challenge challenge = run.registrar.challenge_aka(kUser, kRealm, kSubscriber).value();
  const Subscriber wrong =
      Subscriber::with_op(block("0396eb317b6d1c36f19c1c84cd6ffd16"),
                          block("cdc202d5123e20f62b6d676ac72cb318"));
  const Verification v = judge(run, aka_answer(challenge, wrong));
  CHECK(v.fault == Fault::response);
  CHECK(v.reason.starts_with("wrong digest for user1_private@home1.net (expected "));
  CHECK(v.reason.ends_with(
      ", computed with algorithm=AKAv1-MD5, qop=auth and the XRES of the challenge's AKA vector "
      "as password)"));

  // A UE that rejected the AUTN answers with an empty password and no auts.
  Answer rejecting = answer_to(challenge);
  rejecting.password.clear();
  const Verification r = judge(run, rejecting);
  CHECK(r.fault == Fault::response);
  CHECK(r.reason.ends_with("; it was computed with an empty password and no auts: the UE seems to "
                           "have rejected the AUTN (another K, OP or OPc?)"));
}

TEST_CASE("auth: registrar: AUTS resynchronises the subscriber's SQN") {
  Run run;
  const Challenge challenge = run.registrar.challenge_aka(kUser, kRealm, kSubscriber).value();
  const Block rand = challenge.vector->rand;
  // The USIM has seen SQN 1000 already: it sends AUTS, with an empty password (RFC 3310 3.4).
  Answer a = answer_to(challenge);
  a.password.clear();
  a.auts = to_base64(make_auts(kSubscriber, rand, 1000));
  const Verification v = judge(run, a);
  CHECK_MESSAGE(v.ok(), v.reason);
  CHECK(v.resynchronised);
  CHECK(v.sqn_ms == 1000);
  CHECK(run.registrar.next_sqn(kSubscriber.k) == 1024);  // SEQ_MS + 1, IND 0

  // That nonce is spent; the next challenge carries the new SQN and succeeds.
  a.nc = "00000002";
  CHECK(judge(run, a).fault == Fault::nonce);
  const Challenge next = run.registrar.challenge_aka(kUser, kRealm, kSubscriber).value();
  CHECK(sqn_in(next, kSubscriber) == 1024);
  CHECK(judge(run, aka_answer(next, kSubscriber)).ok());

  // With auts the response is checked with an empty password: the RES is wrong there.
  const Challenge third = run.registrar.challenge_aka(kUser, kRealm, kSubscriber).value();
  Answer with_res = aka_answer(third, kSubscriber);
  with_res.auts = to_base64(make_auts(kSubscriber, third.vector->rand, 5000));
  const Verification w = judge(run, with_res);
  CHECK(w.fault == Fault::response);
  CHECK(w.reason.ends_with("and an empty password, as with auts (RFC 3310 3.4))"));
}

TEST_CASE("auth: registrar: AUTS from a USIM with another K does not verify") {
  Run run;
  const Challenge challenge = run.registrar.challenge_aka(kUser, kRealm, kSubscriber).value();
  const Subscriber wrong =
      Subscriber::with_opc(block("0396eb317b6d1c36f19c1c84cd6ffd16"), kSubscriber.opc);
  Answer a = answer_to(challenge);
  a.password.clear();
  a.auts = to_base64(make_auts(wrong, challenge.vector->rand, 1000));
  const Verification v = judge(run, a);
  CHECK(v.fault == Fault::auts);
  CHECK(v.parameter() == "auts");
  CHECK(v.reason.starts_with("AUTS: MAC-S does not verify (received "));
  CHECK(run.registrar.next_sqn(kSubscriber.k) == 64);  // unchanged

  a.auts = "!!";
  check_fault(judge(run, a), Fault::auts, "auts", "\"!!\" is not base64");
  a.auts = to_base64(std::array<std::uint8_t, 3>{1, 2, 3});
  check_fault(judge(run, a), Fault::auts, "auts", "AUTS: 3 octets, not 14");
}

TEST_CASE("auth: registrar: challenges that cannot be made") {
  Run run;
  CHECK(run.registrar.challenge_digest(kUser, kRealm, Algorithm::akav1_md5).reason() ==
        "an AKAv1-MD5 challenge needs the subscriber's K and OPc (challenge_aka)");
  RegistrarOptions broken;
  broken.random = [](std::span<std::uint8_t>) -> scn::Result<void> {
    return scn::make_error("no entropy");
  };
  Registrar r(broken);
  CHECK(r.challenge_digest(kUser, kRealm).reason() == "cannot draw a nonce: no entropy");
  CHECK(r.challenge_aka(kUser, kRealm, kSubscriber).reason() == "cannot draw a RAND: no entropy");
  RegistrarOptions stuck;
  stuck.random = [](std::span<std::uint8_t> out) -> scn::Result<void> {
    std::fill(out.begin(), out.end(), 7);
    return {};
  };
  Registrar same(stuck);
  REQUIRE(same.challenge_digest(kUser, kRealm).ok());
  CHECK(same.challenge_digest(kUser, kRealm).reason() ==
        "cannot draw a nonce: the random source repeats itself");
}

TEST_CASE("auth: registrar: with the real clock and getrandom") {
  Registrar registrar;
  const Challenge challenge = registrar.challenge_digest(kUser, kRealm).value();
  CHECK(challenge.nonce.size() == 32);
  CHECK(registrar.challenge_digest(kUser, kRealm).value().nonce != challenge.nonce);
  CHECK(registrar.verify("REGISTER", authorization(answer_to(challenge)), kUser, kPassword).fault ==
        Fault::nonce);  // superseded by the second
}

// The played UE's side (answer_challenge, the mirror's credentials) against the registrar.
TEST_CASE("auth: answer_challenge: a played UE's Digest and AKA credentials verify") {
  Run run;
  auto digest = run.registrar.challenge_digest(kUser, kRealm);
  REQUIRE(digest.ok());
  const std::string uri = "sip:home1.net";
  auto credentials = answer_challenge({digest->header, "REGISTER", uri, kUser, kPassword,
                                       "", "", "", "0a0b0c0d"});
  REQUIRE_MESSAGE(credentials.ok(), credentials.reason());
  CHECK(credentials->find("cnonce=\"0a0b0c0d\", qop=auth, nc=00000001") != std::string::npos);
  const Verification ok = run.registrar.verify("REGISTER", *credentials, kUser, kPassword);
  CHECK_MESSAGE(ok.ok(), ok.reason);

  auto aka = run.registrar.challenge_aka(kUser, kRealm, kSubscriber);
  REQUIRE(aka.ok());
  auto aka_credentials = answer_challenge({aka->header, "REGISTER", uri, kUser, "",
                                           "465b5ce8b199b49faa5f0a2ee238a6bc",
                                           "cdc202d5123e20f62b6d676ac72cb318", "", ""});
  REQUIRE_MESSAGE(aka_credentials.ok(), aka_credentials.reason());
  const Verification aka_ok = run.registrar.verify("REGISTER", *aka_credentials, kUser, "");
  CHECK_MESSAGE(aka_ok.ok(), aka_ok.reason);
}

TEST_CASE("auth: answer_challenge: what cannot be answered says why") {
  auto no_nonce = answer_challenge({"Digest realm=\"r\"", "REGISTER", "sip:r", "u", "p",
                                    "", "", "", ""});
  REQUIRE_FALSE(no_nonce.ok());
  CHECK(no_nonce.reason() == "challenge: no nonce");
  auto bad_k = answer_challenge({"Digest realm=\"r\", nonce=\"AAAA\", algorithm=AKAv1-MD5",
                                 "REGISTER", "sip:r", "u", "", "xyz", "", "00", ""});
  REQUIRE_FALSE(bad_k.ok());
  CHECK(bad_k.reason().starts_with("AKA nonce: "));
  CHECK(Subscriber::from_hex("xyz", "", "").reason().starts_with("K: "));
  CHECK(Subscriber::from_hex("465b5ce8b199b49faa5f0a2ee238a6bc", "", "12").reason()
            .starts_with("OPc: "));
}
