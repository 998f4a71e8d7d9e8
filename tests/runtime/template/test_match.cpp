// Matching UE messages against matching templates: every matcher, all mismatches,
// URI comparison rules, captures, regex compilation.
#include <doctest/doctest.h>

#include <thread>
#include <vector>

#include "msg/msg.h"
#include "template/template.h"
#include "support/samples.h"

using namespace scn::sip;
using scn_test::parse_ok;

namespace {

Matcher re(std::string pattern) {
  auto m = Matcher::regex(std::move(pattern));
  REQUIRE_MESSAGE(m.ok(), m.reason());
  return m.value();
}

const Mismatch* find(const MatchResult& r, std::string_view path) {
  for (const Mismatch& m : r.mismatches) {
    if (m.path == path) return &m;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("every matcher accepts the UE's INVITE when the expectation holds") {
  const Message invite = parse_ok(scn_test::ue_invite());
  MatchTemplate t = MatchTemplate::request("INVITE");
  t.add("Request-URI", Matcher::equal("sip:mmtel@conf-factory.home1.net"));
  t.add("Via.branch", Matcher::prefix("z9hG4bK"));
  t.add("Via.rport", Matcher::present());
  t.add("P-Preferred-Identity", Matcher::absent());
  t.add("Supported", Matcher::any());
  t.add("Call-ID", re("^call-[0-9]+@"));
  t.add("CSeq.method", Matcher::one_of({"REGISTER", "INVITE"}));
  t.add("Max-Forwards", Matcher::equal("070"));  // numbers compare numerically
  t.add("Require", Matcher::equal("SEC-AGREE"));  // option tags are tokens
  t.add("Route", Matcher::equal("<sip:pcscf.home1.net:5060;lr>, <sip:scscf.3gpp.org;lr>"));
  t.add("From.tag", Matcher::capture_only("ue_tag"));
  t.add("Contact.+g.3gpp.icsi-ref",
        Matcher::equal("urn%3Aurn-7%3A3gpp-service.ims.icsi.mmtel").capture("icsi"));
  t.add("Content-Type", Matcher::equal("Application/SDP"));
  t.add("body", Matcher::prefix("v=0"));
  const MatchResult r = match(t, invite);
  for (const Mismatch& m : r.mismatches) INFO(describe(m));
  CHECK(r.ok);
  CHECK(r.mismatches.empty());
  REQUIRE(r.captured("ue_tag") != nullptr);
  CHECK(*r.captured("ue_tag") == "ue-tag-1");
  REQUIRE(r.captured("icsi") != nullptr);
  CHECK(*r.captured("icsi") == "urn%3Aurn-7%3A3gpp-service.ims.icsi.mmtel");
  CHECK(r.captured("nothing") == nullptr);
}

TEST_CASE("all mismatches are listed with path and expected and received") {
  const Message invite = parse_ok(scn_test::ue_invite());
  MatchTemplate t = MatchTemplate::request("INVITE");
  t.add("Request-URI", Matcher::equal("sip:final@conf-factory.home1.net"));
  t.add("Via.branch", Matcher::prefix("z9hG4bKxyz"));
  t.add("P-Access-Network-Info", Matcher::present());
  t.add("Supported", Matcher::absent());
  t.add("Call-ID", re("^nope"));
  t.add("CSeq.method", Matcher::one_of({"REGISTER", "BYE"}));
  t.add("Route", Matcher::equal("<sip:scscf.3gpp.org;lr>, <sip:pcscf.home1.net:5060;lr>"));
  t.add("Any-Header", Matcher::any());
  t.add("P-Asserted-Identity", Matcher::equal("<sip:alice@home1.net>").capture("pai"));
  const MatchResult r = match(t, invite);
  CHECK_FALSE(r.ok);
  CHECK(r.mismatches.size() == 8);

  const Mismatch* ruri = find(r, "Request-URI");
  REQUIRE(ruri != nullptr);
  CHECK(ruri->expected == "\"sip:final@conf-factory.home1.net\"");
  CHECK(ruri->received == "sip:mmtel@conf-factory.home1.net");

  const Mismatch* branch = find(r, "Via.branch");
  REQUIRE(branch != nullptr);
  CHECK(branch->expected == "starts \"z9hG4bKxyz\"");
  CHECK(branch->received == "z9hG4bKue1");
  CHECK(describe(*branch) == "Via.branch: expected starts \"z9hG4bKxyz\", received \"z9hG4bKue1\"");

  const Mismatch* pani = find(r, "P-Access-Network-Info");
  REQUIRE(pani != nullptr);
  CHECK(pani->expected == "present");
  CHECK(pani->received == kAbsent);
  CHECK(describe(*pani) == "P-Access-Network-Info: expected present, received <absent>");

  const Mismatch* supported = find(r, "Supported");
  REQUIRE(supported != nullptr);
  CHECK(supported->expected == "absent");
  CHECK(supported->received == "100rel, precondition");

  REQUIRE(find(r, "Call-ID") != nullptr);
  CHECK(find(r, "Call-ID")->expected == "matches /^nope/");
  REQUIRE(find(r, "CSeq.method") != nullptr);
  CHECK(find(r, "CSeq.method")->expected == "one of (\"REGISTER\", \"BYE\")");
  REQUIRE(find(r, "Route") != nullptr);  // same elements, wrong order
  CHECK(find(r, "Route")->received == "<sip:pcscf.home1.net:5060;lr>, <sip:scscf.3gpp.org;lr>");
  CHECK(find(r, "P-Asserted-Identity") != nullptr);
  CHECK(r.captured("pai") == nullptr);  // nothing to capture when absent
}

TEST_CASE("start line: method and status mismatches") {
  const Message invite = parse_ok(scn_test::ue_invite());
  const MatchResult wrong_method = match(MatchTemplate::request("REFER"), invite);
  REQUIRE(wrong_method.mismatches.size() == 1);
  CHECK(wrong_method.mismatches[0].path == "Method");
  CHECK(wrong_method.mismatches[0].expected == "\"REFER\"");
  CHECK(wrong_method.mismatches[0].received == "INVITE");

  const MatchResult not_response = match(MatchTemplate::response(200), invite);
  REQUIRE(not_response.mismatches.size() == 1);
  CHECK(not_response.mismatches[0].path == "Status");
  CHECK(not_response.mismatches[0].received == "<request INVITE>");

  const Message ok = parse_ok(scn_test::crlf(R"(SIP/2.0 200 OK
Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1
From: <sip:ss@home1.net>;tag=1
To: <sip:alice@home1.net>;tag=2
Call-ID: n1
CSeq: 1 NOTIFY
Content-Length: 0

)"));
  CHECK(match(MatchTemplate::response(200), ok).ok);
  CHECK(match(MatchTemplate::response(0), ok).ok);
  const MatchResult wrong_status = match(MatchTemplate::response(202), ok);
  REQUIRE(wrong_status.mismatches.size() == 1);
  CHECK(wrong_status.mismatches[0].received == "200");
  CHECK(match(MatchTemplate::request("NOTIFY"), ok).mismatches[0].received == "<response 200>");
}

TEST_CASE("URIs compare by RFC 3261 19.1.4 and not as strings") {
  const Message m = parse_ok(scn_test::crlf(R"(REFER sip:final@conf-factory.home1.net SIP/2.0
Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK1
From: <sip:alice@home1.net>;tag=1
To: <sip:final@conf-factory.home1.net>;tag=2
Call-ID: r1
CSeq: 3 REFER
Contact: <sip:alice@127.0.0.1:5061>
Refer-To: <sip:ALICE@Example.com;transport=TCP>
Content-Length: 0

)"));
  // Host and transport case differ: equal as URIs, different as strings.
  MatchTemplate same = MatchTemplate::request("REFER");
  same.add("Refer-To.addr-spec", Matcher::equal("sip:ALICE@example.COM;Transport=tcp"));
  same.add("Refer-To", Matcher::equal("<sip:ALICE@EXAMPLE.com;transport=tcp>"));
  same.add("Request-URI", Matcher::equal("sip:final@CONF-FACTORY.home1.net"));
  CHECK(match(same, m).ok);
  CHECK(values_equal(ValueKind::Uri, "sip:ALICE@example.COM;Transport=tcp",
                     "sip:ALICE@Example.com;transport=TCP"));
  CHECK_FALSE(values_equal(ValueKind::Text, "sip:ALICE@example.COM;Transport=tcp",
                           "sip:ALICE@Example.com;transport=TCP"));

  // The user part is case-sensitive; a port present on one side only differs.
  MatchTemplate user = MatchTemplate::request("REFER");
  user.add("Refer-To.addr-spec", Matcher::equal("sip:alice@example.com;transport=tcp"));
  user.add("Contact.addr-spec", Matcher::equal("sip:alice@127.0.0.1"));
  const MatchResult r = match(user, m);
  CHECK(r.mismatches.size() == 2);

  // Name-addr equality: the URI by the rules above and the header params as a set.
  CHECK(values_equal(ValueKind::NameAddr, "<sip:a@B.com>;tag=x;q=1", "<sip:a@b.com>;Q=1;tag=x"));
  CHECK_FALSE(values_equal(ValueKind::NameAddr, "<sip:a@b.com>;tag=x", "<sip:a@b.com>;tag=X"));
  CHECK_FALSE(values_equal(ValueKind::NameAddr, "<sip:a@b.com>", "<sip:a@b.com>;tag=x"));
  CHECK(values_equal(ValueKind::NameAddr, "<sip:a@b.com>", "\"Any Name\" <sip:a@b.com>"));
  CHECK_FALSE(values_equal(ValueKind::NameAddr, "\"Bob\" <sip:a@b.com>", "\"Any\" <sip:a@b.com>"));
  CHECK(values_equal(ValueKind::Number, "0009", "9"));
  CHECK_FALSE(values_equal(ValueKind::Text, "abc", "ABC"));
  CHECK(values_equal(ValueKind::Token, "abc", "ABC"));
}

TEST_CASE("ordered list matching on Record-Route compares each element as a name-addr") {
  const Message invite = parse_ok(scn_test::ue_invite());
  MatchTemplate t = MatchTemplate::request("INVITE");
  t.add("Record-Route",
        Matcher::equal("<sip:P1.home1.net;lr>, <sip:p2.HOME1.net;lr>, <sip:p3.home1.net;lr>"));
  CHECK(match(t, invite).ok);
  MatchTemplate shorter = MatchTemplate::request("INVITE");
  shorter.add("Record-Route", Matcher::equal("<sip:p1.home1.net;lr>, <sip:p2.home1.net;lr>"));
  CHECK_FALSE(match(shorter, invite).ok);
  MatchTemplate second = MatchTemplate::request("INVITE");
  second.add("Record-Route[3]", Matcher::equal("<sip:p3.home1.net;lr>"));
  second.add("Record-Route[3].addr-spec.host", Matcher::equal("P3.home1.net"));
  CHECK(match(second, invite).ok);
}

TEST_CASE("an empty expected list is an absent header: an empty route set sends no Route") {
  const Message invite = parse_ok(scn_test::ue_invite());
  MatchTemplate t = MatchTemplate::request("INVITE");
  t.add("P-Asserted-Identity", Matcher::equal(""));  // absent from the INVITE: holds
  CHECK(match(t, invite).ok);
  MatchTemplate route = MatchTemplate::request("INVITE");
  route.add("Route", Matcher::equal(""));  // the INVITE has two Route values
  const MatchResult r = match(route, invite);
  CHECK_FALSE(r.ok);
  REQUIRE(find(r, "Route") != nullptr);
  CHECK(describe(*find(r, "Route")).find("absent (an empty list)") != std::string::npos);
}

TEST_CASE("a regular expression is compiled once when the matcher is made") {
  auto bad = Matcher::regex("([unclosed");
  CHECK_FALSE(bad.ok());
  CHECK(bad.reason().find("([unclosed") != std::string::npos);

  Matcher m = re("^z9hG4bK[a-z0-9]+$");
  const std::regex* compiled = m.compiled();
  REQUIRE(compiled != nullptr);
  MatchTemplate t = MatchTemplate::request("INVITE");
  t.add("Via.branch", m);
  const Message invite = parse_ok(scn_test::ue_invite());
  for (int i = 0; i < 3; ++i) CHECK(match(t, invite).ok);
  // The template's copy shares the one compiled expression; matching did not replace it.
  CHECK(t.rows().front().matcher.compiled() == compiled);
  CHECK(m.compiled() == compiled);
  CHECK(Matcher::equal("x").compiled() == nullptr);
}

TEST_CASE("a regular expression on a very long value is a mismatch and not a crash") {
  const std::string body(60000, 'a');
  const Message m = parse_ok(scn_test::crlf(R"(MESSAGE sip:a@b SIP/2.0
Via: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK1
To: <sip:a@b>
From: <sip:c@d>;tag=1
Call-ID: x
CSeq: 1 MESSAGE
Content-Length: 60000

)") + body);
  MatchTemplate t = MatchTemplate::request("MESSAGE");
  t.add("body", re("(a|b)*c"));
  t.add("Call-ID", re("(a|x)+"));
  const MatchResult r = match(t, m);
  REQUIRE(r.mismatches.size() == 1);
  CHECK(r.mismatches[0].path == "body");
  CHECK(r.mismatches[0].received == "<60000 bytes, longer than the 4096 a regular expression may search>");
}

TEST_CASE("bad paths in a matching template are reported as mismatches") {
  MatchTemplate t = MatchTemplate::request("INVITE");
  t.add("Via[0]", Matcher::present());
  REQUIRE(t.path_errors().size() == 1);
  const MatchResult r = match(t, parse_ok(scn_test::ue_invite()));
  CHECK_FALSE(r.ok);
  CHECK(r.mismatches.front().path == "<template>");
}

TEST_CASE("an unparsable header shows why instead of a value") {
  const Message m = parse_ok(scn_test::crlf(R"(REFER sip:a@b SIP/2.0
Via: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK1
To: <sip:a@b>
From: <sip:c@d>;tag=1
Call-ID: x
CSeq: 1 REFER
Refer-To: not a uri
Content-Length: 0

)"));
  MatchTemplate t = MatchTemplate::request("REFER");
  t.add("Refer-To.addr-spec", Matcher::present());
  const MatchResult r = match(t, m);
  REQUIRE(r.mismatches.size() == 1);
  CHECK(r.mismatches[0].received.starts_with("<unparsable Refer-To"));
  CHECK(describe(r.mismatches[0]).find("received <unparsable") != std::string::npos);
}

TEST_CASE("a row's origin goes into its mismatch, and every row's outcome is reported") {
  const Message invite = parse_ok(scn_test::ue_invite());
  MatchTemplate t = MatchTemplate::request("INVITE");
  auto path = [](std::string_view text) {
    auto parsed = parse_path(text);
    REQUIRE_MESSAGE(parsed.ok(), parsed.reason());
    return parsed.value();
  };
  t.add(path("Via.branch"), Matcher::prefix("z9hG4bK"), "stdlib/x.scn:3 (default \"D\")");
  t.add(path("Max-Forwards"), Matcher::equal("1"), "main.scn:9 (exception of step 1)");
  const MatchResult r = match(t, invite);
  CHECK_FALSE(r.ok);
  REQUIRE(r.mismatches.size() == 1);
  CHECK(r.mismatches[0].origin == "main.scn:9 (exception of step 1)");
  REQUIRE(r.rows.size() == 2);
  CHECK(r.rows[0].ok);
  CHECK(r.rows[0].path == "Via.branch");
  CHECK(r.rows[0].origin == "stdlib/x.scn:3 (default \"D\")");
  CHECK_FALSE(r.rows[1].ok);
  CHECK(r.rows[1].expected == "\"1\"");
  CHECK(r.rows[1].received == "70");
}

TEST_CASE("without row outcomes, a match has the same verdict, mismatches and captures") {
  const Message invite = parse_ok(scn_test::ue_invite());
  MatchTemplate t = MatchTemplate::request("INVITE");
  t.add("Via.branch", Matcher::prefix("z9hG4bK"));
  t.add("Max-Forwards", Matcher::equal("1"));
  t.add("Call-ID", Matcher::capture_only("call_id"));
  const MatchResult every = match(t, invite);
  const MatchResult bare = match(t, invite, RowOutcomes::None);
  CHECK(every.rows.size() == 3);
  CHECK(bare.rows.empty());
  CHECK(bare.ok == every.ok);
  REQUIRE(bare.mismatches.size() == 1);
  CHECK(describe(bare.mismatches[0]) == describe(every.mismatches[0]));
  REQUIRE(bare.captured("call_id") != nullptr);
  CHECK(*bare.captured("call_id") == *every.captured("call_id"));
}

TEST_CASE("RegexCache: a pattern is compiled once for every thread that asks; errors are not kept") {
  RegexCache cache;
  auto first = cache.get("^z9hG4bK[a-z0-9]+$");
  REQUIRE(first.ok());
  std::vector<const std::regex*> seen(8, nullptr);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < seen.size(); ++i)
    threads.emplace_back([&, i] {
      auto got = cache.get("^z9hG4bK[a-z0-9]+$");
      if (got.ok()) seen[i] = got.value().compiled();
    });
  for (std::thread& thread : threads) thread.join();
  for (const std::regex* compiled : seen) CHECK(compiled == first.value().compiled());

  auto bad = cache.get("([unclosed");
  CHECK_FALSE(bad.ok());
  CHECK(bad.reason().find("([unclosed") != std::string::npos);
  CHECK_FALSE(cache.get("([unclosed").ok());
  CHECK(cache.get("other").value().compiled() != first.value().compiled());
}

TEST_CASE("MatchRowCache: a row is kept as made, by its static row's address, once") {
  MatchRowCache cache;
  const int row_a = 0, row_b = 0;  // two static rows: only their addresses count
  CHECK(cache.find(&row_a) == nullptr);
  MatchTemplate made = MatchTemplate::any_message();
  made.add(Path::header_value("Route"), Matcher::equal("<sip:a;lr>, <sip:b;lr>"));  // split once
  cache.keep(&row_a, std::make_shared<const MatchRow>(made.rows().front()));
  auto kept = cache.find(&row_a);
  REQUIRE(kept != nullptr);
  CHECK(cache.find(&row_b) == nullptr);
  cache.keep(&row_a, std::make_shared<const MatchRow>(MatchRow{Path::status(), Matcher::any()}));
  CHECK(cache.find(&row_a) == kept);  // the first one stays
  MatchTemplate again = MatchTemplate::any_message();
  again.add_made(*kept);
  CHECK(again.rows().front().matcher.values() == std::vector<std::string>{"<sip:a;lr>", "<sip:b;lr>"});
}
