// The checked program of test cases with parties: who sends each step, dialogs per pair
// of parties, relays, actions, either and any-order groups, `with` mappings.
#include "support.h"

using namespace scn;

namespace {

const check::Testcase& only_testcase(const check::CheckResult& r) {
  INFO(test::messages(r));
  REQUIRE(r.ok());
  REQUIRE(r.program.testcases.size() == 1);
  return r.program.testcases[0];
}

const char* kCall = R"(
testcase call "a call relayed between two UEs" {
  party UE1 ue "caller"
  party UE2 ue
  party SS  ss
  1 make UE1 dial "sip:ue2@home2.net" within 5s
  2 UE1 -> SS  INVITE
  3 SS -> UE2  INVITE  relay 2
  4 UE2 -> SS  200 OK
  5 SS -> UE1  200 OK  relay 4
  6 UE1 -> SS  ACK
  7 SS -> UE2  ACK  relay 6
  8 UE2 -> SS  BYE
}
)";

}  // namespace

TEST_CASE("a test case without party lines has UE and SS") {
  const auto r =
      test::check_text("testcase t \"t\" {\n  1 UE -> SS  OPTIONS\n  2 SS -> UE  200 OK\n}\n");
  const check::Testcase& tc = only_testcase(r);
  CHECK_FALSE(tc.parties_declared);
  REQUIRE(tc.parties.size() == 2);
  CHECK(tc.parties[0].name == "UE");
  CHECK(tc.parties[0].under_test);
  CHECK_FALSE(tc.parties[1].under_test);
  CHECK(tc.steps[0].from == 0);
  CHECK(tc.steps[0].to == 1);
  CHECK(tc.steps[1].from == 1);
  CHECK(tc.steps[1].direction == check::Direction::ss_to_ue);
}

TEST_CASE("steps between named parties: senders, relays, actions and the relayed dialog") {
  const auto r = test::check_text(kCall);
  const check::Testcase& tc = only_testcase(r);
  CHECK(tc.parties_declared);
  REQUIRE(tc.parties.size() == 3);
  CHECK(tc.parties[0].description == "caller");
  REQUIRE(tc.steps.size() == 8);
  const check::Step& dial = tc.steps[0];
  REQUIRE(dial.action);
  CHECK(dial.action->verb == "dial");
  CHECK(dial.action->within_ms == 5000);
  REQUIRE(dial.action->operands.size() == 1);
  CHECK(std::get<check::TextValue>(dial.action->operands[0].node).text == "sip:ue2@home2.net");
  CHECK(dial.to == 0);
  CHECK(tc.steps[1].direction == check::Direction::ue_to_ss);
  CHECK(tc.steps[2].from == 2);
  CHECK(tc.steps[2].to == 1);
  CHECK(tc.steps[2].relays == std::optional<std::size_t>(1));
  CHECK(tc.steps[3].answers == std::optional<std::size_t>(2));
  CHECK(tc.steps[4].answers == std::optional<std::size_t>(1));
  CHECK(tc.steps[4].relays == std::optional<std::size_t>(3));
  // The INVITE SS relays creates one dialog between UE1 and UE2; UE2's BYE is in it.
  const std::size_t call = tc.steps[1].dialog;
  for (std::size_t i = 1; i < tc.steps.size(); ++i) CHECK(tc.steps[i].dialog == call);
  CHECK(tc.dialogs[call].relayed);
  CHECK(tc.dialogs[call].parties == std::optional(std::pair<std::size_t, std::size_t>{0, 1}));
}

TEST_CASE("each pair of parties has its own implicit dialog") {
  const auto r = test::check_text(R"(
testcase t "two pairs" {
  party UE    ue
  party SS    ss
  party FOCUS ss
  1 UE -> SS     MESSAGE
  2 SS -> UE     200 OK
  3 UE -> FOCUS  MESSAGE
  4 FOCUS -> UE  200 OK
  5 UE -> SS     OPTIONS
}
)");
  const check::Testcase& tc = only_testcase(r);
  CHECK(tc.steps[0].dialog == tc.steps[4].dialog);
  CHECK(tc.steps[2].dialog != tc.steps[0].dialog);
  CHECK(tc.steps[3].dialog == tc.steps[2].dialog);
  CHECK(tc.dialogs[tc.steps[2].dialog].name.empty());
}

TEST_CASE("with maps a procedure's UE and SS, for its steps and for party(...)") {
  const auto r = test::check_text(R"(
procedure P.1 "options" {
  1 UE -> SS  OPTIONS
  2 SS -> UE  200 OK  except { Contact = <sip:p@{party(SS).address}> }
}
testcase t "mapped" {
  party UE1   ue
  party FOCUS ss
  steps 1-2 of P.1 with UE = UE1, SS = FOCUS
}
)");
  const check::Testcase& tc = only_testcase(r);
  CHECK(tc.steps[0].from == 0);
  CHECK(tc.steps[0].to == 1);
  const check::Row* contact = nullptr;
  for (const check::Row& row : tc.steps[1].rows)
    if (row.path.name == "Contact") contact = &row;
  REQUIRE(contact);
  const auto& uri = std::get<check::UriValue>(contact->items[0].values[0].node);
  CHECK(std::get<check::PartyAddressValue>(uri.pieces[1].expr[0].node).party == "FOCUS");
}

TEST_CASE("either and in any order become groups over consecutive steps") {
  const auto r = test::check_text(R"(
testcase t "groups" {
  1 SS -> UE  INVITE
  either "ringing first?" {
    2 UE -> SS  180 Ringing
    3 UE -> SS  200 OK
  } or {
    3 UE -> SS  200 OK
  }
  4 SS -> UE  ACK
  5 SS -> UE  MESSAGE
  6 SS -> UE  OPTIONS
  in any order {
    7 UE -> SS  200 OK
    8 UE -> SS  200 OK
  }
}
)");
  const check::Testcase& tc = only_testcase(r);
  REQUIRE(tc.groups.size() == 2);
  const check::Group& either = tc.groups[0];
  CHECK(either.kind == check::GroupKind::either);
  CHECK(either.comment == "ringing first?");
  REQUIRE(either.branches.size() == 2);
  CHECK(either.branches[0].first == 1);
  CHECK(either.branches[0].last == 2);
  CHECK(either.branches[1].first == 3);
  CHECK(either.branches[1].last == 3);
  CHECK(tc.steps[3].branch == 1);
  // Each branch answers the INVITE: the second starts from the state before the block.
  CHECK(tc.steps[2].answers == std::optional<std::size_t>(0));
  CHECK(tc.steps[3].answers == std::optional<std::size_t>(0));
  const check::Group& any = tc.groups[1];
  CHECK(any.kind == check::GroupKind::any_order);
  REQUIRE(any.branches.size() == 1);
  CHECK(any.branches[0].first == 7);
  CHECK(any.branches[0].last == 8);
}
