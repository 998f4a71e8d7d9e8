// Lowering decisions that the golden dumps do not isolate.
#include "support.h"

namespace scn::test {

TEST_CASE("a conditional later row replaces an earlier one only when its condition holds") {
  ir::LowerResult r = lower_text(R"(
param flag = false "switch"
default "D" OPTIONS {
  conditions { A1 "first" A2 "never applied" }
  Organization = "one"
  when A1 and flag { Organization = "two" }
  when A2 { Organization = "three" }
}
testcase t "rows" {
  1 UE -> SS  OPTIONS  use "D" [A1]
  2 SS -> UE  200 OK
}
)");
  REQUIRE(r.ok());
  const std::string dump = ir::dump(r.program);
  INFO(dump);
  CHECK(contains(dump, "Organization equal \"one\"  when not (cond(A1) and param(flag) == \"true\")"));
  CHECK(contains(dump, "Organization equal \"two\"  when cond(A1) and param(flag) == \"true\""));
  CHECK_FALSE(contains(dump, "three"));
}

TEST_CASE("applied codes stay run-time conditions, codes not applied fold away") {
  ir::LowerResult r = lower_text(R"(
default "D" OPTIONS {
  conditions { A1 "applied"  A2 "not applied"  A10 "applied too" }
  when A1 or A2 { Organization = "either" }
  when A2 { User-Agent = "never" }
  when not A2 { Accept-Language = "en" }
  when not A1 { Accept-Language = "fr" }
  when A10 { Accept-Encoding = "gzip" }
}
testcase t "codes" {
  1 UE -> SS  OPTIONS  use "D" [A10, A1]
  2 SS -> UE  200 OK
}
)");
  REQUIRE(r.ok());
  const std::string dump = ir::dump(r.program);
  INFO(dump);
  CHECK(contains(dump, "condition A1 = true\ncondition A10 = true\n\ntestcase"));
  CHECK(contains(dump, "Organization equal \"either\"  when cond(A1)\n"));
  CHECK_FALSE(contains(dump, "never"));
  CHECK(contains(dump, "Accept-Language equal \"en\"  when cond(A1)\n"));  // "fr" under not A1
  CHECK(contains(dump, "Accept-Language equal \"fr\"  when not cond(A1)\n"));
  CHECK(contains(dump, "when cond(A10)\n"));
  REQUIRE(r.program.conditions.size() == 2);
  CHECK(r.program.conditions[0].name == "A1");
  CHECK(r.program.conditions[0].default_value);
  CHECK(r.program.conditions[0].description == "D: applied");
  CHECK(r.program.conditions[1].name == "A10");
}

TEST_CASE("a Contact row under a code replaces the kept Contact only when it holds") {
  ir::LowerResult r = lower_text(R"(
default "U" UPDATE {
  conditions { A1 "own contact" }
  when A1 { Contact = <sip:other@example.net> }
}
testcase t "contact" {
  1 UE -> SS  INVITE
  2 SS -> UE  200 OK  except { Contact = <sip:focus@example.net> }
  3 UE -> SS  ACK
  4 SS -> UE  UPDATE  use "U" [A1]
  5 UE -> SS  200 OK
}
)");
  REQUIRE(r.ok());
  const std::string dump = ir::dump(r.program);
  INFO(dump);
  CHECK(contains(dump, "send request UPDATE\n      set Contact = step(2).Contact\n"
                       "      set Contact = \"<sip:other@example.net>\"  when cond(A1)\n"));
}

TEST_CASE("an unconditional later row drops the earlier one") {
  ir::LowerResult r = lower_text(R"(
default "D" OPTIONS { Organization = "one" }
testcase t "rows" {
  1 UE -> SS  OPTIONS  use "D" except { Organization = "two" }
  2 SS -> UE  200 OK
}
)");
  const std::string dump = ir::dump(r.program);
  INFO(dump);
  CHECK(contains(dump, "Organization equal \"two\"\n"));
  CHECK_FALSE(contains(dump, "\"one\""));
}

TEST_CASE("SS rows of a default: copies the runtime makes are left to it, flags are sent") {
  ir::LowerResult r = lower_text(R"(
import ts34229.annex_a
testcase t "defaults of SS messages" {
  1 UE -> SS  OPTIONS
  2 SS -> UE  200 OK  use "200 OK for other requests than REGISTER or SUBSCRIBE" [A10]
      except { Contact = <sip:focus@example.net>  Contact.isfocus = present }
}
)");
  const ir::Send& send = std::get<ir::Send>(r.program.testcases.at(0).ops.at(3).node);
  CHECK_FALSE(send.request);
  CHECK(send.status == 200);
  CHECK(send.method == "OPTIONS");
  std::string rows;
  for (const ir::SendRow& row : send.rows) rows += ir::path_text(row.path) + ";";
  CHECK(rows == "Contact;Contact.isfocus;");  // no Via, From, To, Call-ID, CSeq copies
  CHECK(send.rows.at(0).op == ir::SendOp::set);
  CHECK(ir::value_text(send.rows.at(0).value) == "\"<sip:focus@example.net>\"");
  CHECK(send.rows.at(1).op == ir::SendOp::present);
}

TEST_CASE("dialog fields of UE -> SS rows are read as the UE sees the dialog") {
  ir::LowerResult r = lower_text(R"(
testcase t "views" {
  1 UE -> SS  INVITE
  2 SS -> UE  200 OK  except { Contact = <sip:focus@example.net> }
  3 UE -> SS  ACK
  4 SS -> UE  UPDATE  except { From.tag = dialog().local_tag }
  5 UE -> SS  200 OK
  6 UE -> SS  BYE  except { Request-URI = dialog().remote_target  Call-ID = dialog().call_id
                            From.tag = dialog().local_tag  To.tag = dialog().remote_tag }
  7 SS -> UE  200 OK
}
)");
  const std::string dump = ir::dump(r.program);
  INFO(dump);
  CHECK(contains(dump, "set From.tag = dialog().local_tag"));  // the SS's own view
  CHECK(contains(dump, "From.tag equal dialog().remote_tag"));
  CHECK(contains(dump, "To.tag equal dialog().local_tag"));
  CHECK(contains(dump, "Request-URI equal step(4).Contact.addr-spec"));  // the latest refresh
  CHECK(contains(dump, "Call-ID equal dialog().call_id"));
}

TEST_CASE("the SS keeps its Contact in a dialog") {
  ir::LowerResult r = lower_text(R"(
testcase t "contact" {
  1 UE -> SS  INVITE
  2 SS -> UE  200 OK  except { Contact = <sip:focus@example.net> }
  3 UE -> SS  ACK
  4 SS -> UE  UPDATE
  5 UE -> SS  200 OK
  6 SS -> UE  BYE
  7 UE -> SS  200 OK
}
)");
  const std::string dump = ir::dump(r.program);
  INFO(dump);
  CHECK(contains(dump, "send request UPDATE\n      set Contact = step(2).Contact\n"));
  CHECK(contains(dump, "send request BYE\n  step 7"));  // BYE carries no Contact
}

TEST_CASE("parameter defaults are evaluated at compile time, uses stay parameters") {
  ir::LowerResult r = lower_text(R"(
param host = "example.net" "host"
param uri = <sip:conf@{host}> "uri"
param both = "x-" + host "both"
testcase t "params" {
  1 UE -> SS  OPTIONS  except { Request-URI = uri  Organization = both }
  2 SS -> UE  200 OK
}
)");
  REQUIRE(r.program.params.size() == 3);
  CHECK(r.program.params[1].default_value == "sip:conf@example.net");
  CHECK(r.program.params[2].default_value == "x-example.net");
  const std::string dump = ir::dump(r.program);
  CHECK(contains(dump, "Request-URI equal param(uri)"));
}

TEST_CASE("a window's first expect is optional with the window's time, steps stay in order") {
  ir::LowerResult r = lower_text(R"(
testcase t "window" {
  1 UE -> SS  INVITE
  2 SS -> UE  200 OK
  3 UE -> SS  ACK
  optional within 1500ms {
    4 UE -> SS  SUBSCRIBE
    5 SS -> UE  200 OK  except { Expires = 600 }
  }
  6 UE -> SS  BYE
  7 SS -> UE  200 OK
}
)");
  const auto& ops = r.program.testcases.at(0).ops;
  REQUIRE(ops.size() == 11);
  const auto* window = std::get_if<ir::Window>(&ops.at(6).node);
  REQUIRE(window);
  CHECK(window->within_ms == 1500);
  REQUIRE(window->ops.size() == 4);
  const auto& expect = std::get<ir::Expect>(window->ops.at(1).node);
  CHECK(expect.optional);
  CHECK(expect.timeout_ms == 1500);
  CHECK_FALSE(std::get<ir::Expect>(ops.at(8).node).optional);
}

TEST_CASE("a part the runtime cannot address is a lowering error") {
  ir::LowerResult r = lower_text(R"(
testcase t "parts" {
  1 UE -> SS  OPTIONS  except { Via.protocol-name = "SIP" }
  2 SS -> UE  200 OK
}
)");
  CHECK_FALSE(r.ok());
  REQUIRE_FALSE(r.diagnostics.empty());
  CHECK(contains(r.diagnostics.front().message, "cannot read or write 'Via.protocol-name'"));
  CHECK(r.diagnostics.front().loc.line == 3);
}

}  // namespace scn::test
