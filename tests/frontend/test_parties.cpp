// The Transformer on parties (docs/parties.md): party lines, steps between named parties,
// actions of the upper tester, relays, either and any-order blocks, `with` mappings.
#include "support.h"

using namespace scn;
using test::check_loc;
using test::item_as;

using test::parse_steps;
using test::step_at;

TEST_CASE("party lines come first and name, kind and describe each party") {
  auto r = parse_steps("  party UE1 ue \"initiator\"\n  party FOCUS ss\n  1 UE1 -> FOCUS  INVITE");
  INFO(test::messages(r));
  REQUIRE(r.ok());
  const ast::Testcase& tc = r.module.testcases[0];
  REQUIRE(tc.parties.size() == 2);
  CHECK(tc.parties[0].name.value == "UE1");
  CHECK(tc.parties[0].kind == ast::PartyKind::ue);
  REQUIRE(tc.parties[0].description);
  CHECK(tc.parties[0].description->value == "initiator");
  check_loc(tc.parties[1].loc, 3, 3);
  CHECK(tc.parties[1].kind == ast::PartyKind::ss);
  CHECK_FALSE(tc.parties[1].description);
  REQUIRE(tc.items.size() == 1);  // party lines are no step items
  const ast::Step& s = step_at(r, 0);
  CHECK(s.direction.from.value == "UE1");
  CHECK(s.direction.to.value == "FOCUS");
  check_loc(s.direction.to.loc, 4, 12);
}

TEST_CASE("without party lines a step names UE and SS only, with them any name") {
  CHECK(test::messages(parse_steps("  1 UE1 -> SS  INVITE")) ==
        "2:5: unknown role 'UE1': expected UE or SS\n");
  CHECK(parse_steps("  party UE1 ue\n  party SS ss\n  1 UE1 -> SS  INVITE").ok());
  // A procedure is written with UE and SS.
  auto proc = test::parse("procedure P \"p\" {\n  1 UE1 -> SS  INVITE\n}\n");
  CHECK(test::messages(proc) == "2:5: unknown role 'UE1': expected UE or SS\n");
}

TEST_CASE("an action takes its operands, a last string beyond them is the comment") {
  auto r = parse_steps(
      "  party UE1 ue\n  party SS ss\n"
      "  1 make UE1 dial \"sip:b@home2.net\" \"UE1 calls\" within 5s\n"
      "  2 make UE1 hangup within 3s \"UE1 hangs up\"\n"
      "  3 make UE1 subscribe <sip:conf@home1.net> conference\n"
      "  4 make UE1 dial \"sip:b@home2.net\"\n"
      "  5 UE1 -> SS  INVITE");
  INFO(test::messages(r));
  REQUIRE(r.ok());
  const ast::Step& dial = step_at(r, 0);
  REQUIRE(dial.action);
  CHECK(dial.action->party.value == "UE1");
  CHECK(dial.action->verb.value == "dial");
  check_loc(dial.action->verb.loc, 4, 14);
  REQUIRE(dial.action->operands.size() == 1);
  CHECK(test::node_as<ast::StringLit>(dial.action->operands[0].get()).value == "sip:b@home2.net");
  REQUIRE(dial.comment);
  CHECK(dial.comment->value == "UE1 calls");
  REQUIRE(dial.action->within);
  CHECK(std::get<ast::DurationLit>(dial.action->within->node).millis() == 5000);
  const ast::Step& hangup = step_at(r, 1);
  CHECK(hangup.action->operands.empty());
  REQUIRE(hangup.comment);
  CHECK(hangup.comment->value == "UE1 hangs up");
  const ast::Step& subscribe = step_at(r, 2);
  REQUIRE(subscribe.action->operands.size() == 2);
  CHECK(test::node_as<ast::NameRef>(subscribe.action->operands[1].get()).name == "conference");
  // The next step's number ends the operands.
  CHECK(step_at(r, 3).action->operands.size() == 1);
  CHECK_FALSE(step_at(r, 3).comment);
  CHECK_FALSE(step_at(r, 4).action);
}

TEST_CASE("relay names the step it forwards, of the test case or of a procedure") {
  auto r = parse_steps(
      "  party UE1 ue\n  party UE2 ue\n  party SS ss\n"
      "  6 SS -> UE2  REFER  relay 5 except { Contact = absent }\n"
      "  7 SS -> UE2  INVITE  as call  \"c\" relay A.25:3");
  INFO(test::messages(r));
  REQUIRE(r.ok());
  const ast::Step& six = step_at(r, 0);
  REQUIRE(six.relay);
  CHECK(six.relay->step == 5);
  CHECK(six.relay->procedure.empty());
  CHECK(six.relay->label() == "5");
  REQUIRE(six.except);
  CHECK(six.except->rows.size() == 1);
  const ast::Step& seven = step_at(r, 1);
  REQUIRE(seven.relay);
  CHECK(seven.relay->label() == "A.25:3");
  REQUIRE(seven.dialog_as);
  CHECK(seven.dialog_as->value == "call");
}

TEST_CASE("either holds two or more branches, in any order one list of steps") {
  auto r = parse_steps(
      "  either \"may ring\" {\n    2 UE -> SS  180 Ringing\n    3 UE -> SS  200 OK\n"
      "  } or {\n    3 UE -> SS  200 OK\n  } or {\n    3 UE -> SS  486 Busy Here\n  }\n"
      "  in any order {\n    4 UE -> SS  ACK\n    5 UE -> SS  NOTIFY\n  }");
  INFO(test::messages(r));
  REQUIRE(r.ok());
  const auto& items = r.module.testcases[0].items;
  REQUIRE(items.size() == 2);
  const auto& either = item_as<ast::EitherBlock>(items[0]);
  REQUIRE(either.comment);
  CHECK(either.comment->value == "may ring");
  REQUIRE(either.branches.size() == 3);
  CHECK(either.branches[0].size() == 2);
  CHECK(either.branches[2].size() == 1);
  check_loc(either.branch_locs[1], 5, 8);
  CHECK(items[0].blocks().size() == 3);
  const auto& any = item_as<ast::AnyOrderBlock>(items[1]);
  CHECK(any.items.size() == 2);
}

TEST_CASE("with maps the procedure's UE and SS to parties") {
  auto r = parse_steps("  party UE1 ue\n  party F ss\n  steps 1-7 of A.15.1 with UE = UE1, SS = F");
  INFO(test::messages(r));
  REQUIRE(r.ok());
  const auto& ref = item_as<ast::StepsRef>(r.module.testcases[0].items[0]);
  REQUIRE(ref.parties.size() == 2);
  CHECK(ref.parties[0].role.value == "UE");
  CHECK(ref.parties[0].party.value == "UE1");
  CHECK(ref.parties[1].party.value == "F");
  check_loc(ref.parties[1].loc, 4, 38);
}

TEST_CASE("party(NAME) is a call the checker reads, 'in NAME' still asks for 'dialog'") {
  auto r = parse_steps("  1 SS -> UE  NOTIFY  except { Contact = <sip:{party(SS).address}> }");
  INFO(test::messages(r));
  REQUIRE(r.ok());
  auto bad = parse_steps("  1 SS -> UE  NOTIFY  in sub");
  CHECK(test::messages(bad) == "2:26: expected 'dialog' after 'in', as in in dialog sub\n");
}
