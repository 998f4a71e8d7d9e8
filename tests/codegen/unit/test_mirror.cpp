// The mirror's lowering: the values a played party sends for the matchers of a UE's rows
// (compiler/ir/src/lower_mirror.h), and the mirrored test case's steps.
#include <regex>

#include "lower_mirror.h"
#include "support.h"

namespace scn::test {

namespace {

bool matches(const std::string& pattern, const std::string& text) {
  return std::regex_search(text, std::regex(pattern, std::regex::ECMAScript));
}

}  // namespace

TEST_CASE("mirror: a regular expression's example is its shortest match") {
  CHECK(ir::regex_example("(^|[ ,])100rel([ ,;]|$)") == "100rel");
  CHECK(ir::regex_example("^SIP\\/2\\.0 100 ") == "SIP/2.0 100 ");
  CHECK(ir::regex_example("^active([ \\t;]|$)") == "active");
  CHECK(ir::regex_example("^message\\/sipfrag[ \\t]*(;|$)") == "message/sipfrag");
  CHECK(ir::regex_example("a+b{2}c?\\d") == "abb0");
  CHECK(ir::regex_example("[^;,]x") == "xx");
}

TEST_CASE("mirror: lookaheads each give a list element") {
  const std::string accept =
      "^(?=(.*[ ,])?application\\/sdp([ ,;]|$))(?=(.*[ ,])?application\\/3gpp-ims\\+xml([ ,;]|$))";
  auto example = ir::regex_example(accept);
  REQUIRE(example);
  CHECK(*example == "application/sdp, application/3gpp-ims+xml");
  CHECK(matches(accept, *example));
}

TEST_CASE("mirror: what cannot be inverted gives no example") {
  CHECK_FALSE(ir::regex_example("(a)\\1"));      // back-reference
  CHECK_FALSE(ir::regex_example("(?!x)y"));      // negative lookahead
  CHECK_FALSE(ir::regex_example("a$b"));         // the shortest text does not match
  CHECK_FALSE(ir::regex_example("[abc"));        // does not compile
}

TEST_CASE("mirror: present gives a value of the path's type, none where the runtime fills") {
  check::ResolvedPath path;
  path.root = check::PathRoot::header;
  path.name = "P-Access-Network-Info";
  path.type = schema::ValueType::text;
  CHECK(ir::present_example(path) == "mirror");
  path.name = "Route";
  path.type = schema::ValueType::name_addr;
  CHECK(ir::present_example(path) == "<sip:mirror.invalid;lr>");
  path.name = "RAck";
  path.type = schema::ValueType::rack;
  CHECK(ir::present_example(path) == "1 1 INVITE");
  for (const char* filled : {"Via", "Contact", "Call-ID", "CSeq", "Content-Type"}) {
    path.name = filled;
    CHECK_FALSE(ir::present_example(path));
  }
}

TEST_CASE("mirror: a relay by the proxy under test is expected as the played sender sent it") {
  const std::string text = R"(testcase relay_mirror "a proxy between two UEs" {
  party UE1 ue "caller"
  party UE2 ue "callee"
  party SS  ss "the proxy"
  1  UE1 -> SS  MESSAGE  "UE1 sends a message"
       except { Content-Type = "text/plain"  body = "hello" }
  2  SS -> UE2  MESSAGE  "the SS forwards it"
       relay 1 except { Request-URI = "sip:ue2@example.net" }
  3  UE2 -> SS  200 OK  "UE2 accepts"
  4  SS -> UE1  200 OK  "the SS forwards the 200"  relay 3
  5  media UE1 -> SS  check for 2s  "UE1 speaks"  { tone 440 Hz }
  6  media SS -> UE1  tone 1000 Hz  "the network speaks"
  7  media UE1 -> SS  check for 1s  "UE1 speaks on"
}
)";
  check::CheckOptions mirror;
  mirror.mirror = true;
  ir::LowerResult lowered = lower_text(text, mirror);
  REQUIRE(lowered.ok());
  const std::string ir = ir::dump(lowered.program);
  INFO(ir);
  CHECK(contains(ir, "  step 1  UE1 -> SS  MESSAGE  \"UE1 sends a message\"\n    send request MESSAGE"));
  CHECK(contains(ir, "    expect MESSAGE\n      Request-URI equal \"sip:ue2@example.net\"\n"
                     "      Call-ID equal step(1).Call-ID\n"
                     "      From.addr-spec equal step(1).From.addr-spec\n"
                     "      From.tag equal step(1).From.tag\n"
                     "      To.addr-spec equal step(1).To.addr-spec\n"
                     "      CSeq equal step(1).CSeq\n      body equal step(1).body\n"));
  CHECK(contains(ir, "    expect response 200\n      Call-ID equal step(3).Call-ID\n"));
  CHECK_FALSE(contains(ir, "step(3).body"));  // neither 200 OK speaks of a body
  // UE1 sends what the network checked for, as long; the network's tone is judged
  // while UE1 next sends.
  CHECK(contains(ir, "    media tone \"440\"\n    wait 2000 ms\n"));
  CHECK(contains(ir, "  step 6  media SS -> UE1  tone  \"the network speaks\"\n    wait 0 ms"));
  CHECK(contains(ir, "    media silence\n    media check  for 1000 ms  tone \"1000\" Hz\n"));
  CHECK(lowered.diagnostics.empty());
  CHECK_FALSE(contains(ir, "    relay "));  // no Relay op: the proxy is not played
}

}  // namespace scn::test
