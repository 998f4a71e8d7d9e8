// Lowering of parties (docs/parties.md): the parties and step descriptors the runtime
// reads (scn_party, scn_step.from/to/kind), and the operations of relays, actions,
// either and any-order blocks.
#include "support.h"

namespace scn::test {

namespace {

const char* kParties = R"(
testcase t "parties" {
  party UE1   ue "caller"
  party UE2   ue
  party FOCUS ss "the focus"
  1 make UE1 dial "sip:ue2@home2.net" within 2s
  2 UE1 -> FOCUS  INVITE
  3 FOCUS -> UE2  INVITE  relay 2
  either {
    4 UE2 -> FOCUS  180 Ringing
    5 UE2 -> FOCUS  200 OK
  } or {
    5 UE2 -> FOCUS  200 OK
  }
  6 FOCUS -> UE1  200 OK  relay 5
  7 FOCUS -> UE1  OPTIONS
  8 FOCUS -> UE2  OPTIONS
  in any order {
    9  UE1 -> FOCUS  200 OK
    10 UE2 -> FOCUS  200 OK
  }
}
)";

template <class T>
const T& op_as(const ir::Op& op) {
  REQUIRE(std::holds_alternative<T>(op.node));
  return std::get<T>(op.node);
}

}  // namespace

TEST_CASE("declared parties and the step table name senders, receivers and actions") {
  ir::LowerResult r = lower_text(kParties);
  REQUIRE(r.ok());
  const ir::Testcase& tc = r.program.testcases.at(0);
  CHECK(tc.parties_declared);
  REQUIRE(tc.parties.size() == 3);
  CHECK(tc.parties[0].name == "UE1");
  CHECK(tc.parties[0].under_test);
  CHECK(tc.parties[0].description == "caller");
  CHECK_FALSE(tc.parties[2].under_test);
  const ir::StepDesc& dial = tc.steps.at(0);
  CHECK(dial.kind == ir::StepKind::action);
  CHECK(dial.from == ir::upper_tester);
  CHECK(dial.to == 0);
  CHECK(dial.message == "dial");
  CHECK(dial.direction == ir::Direction::ss_to_ue);
  const ir::StepDesc& relay = tc.steps.at(2);
  CHECK(relay.kind == ir::StepKind::message);
  CHECK(relay.from == 2);
  CHECK(relay.to == 1);
}

TEST_CASE("relays, actions, either and any-order blocks become their operations") {
  ir::LowerResult r = lower_text(kParties);
  REQUIRE(r.ok());
  const std::vector<ir::Op>& ops = r.program.testcases.at(0).ops;
  const ir::Act& act = op_as<ir::Act>(ops.at(1));
  CHECK(act.action == "dial");
  CHECK(act.timeout_ms == 2000);
  REQUIRE(act.operands.size() == 1);
  CHECK(*ir::const_text(act.operands[0]) == "sip:ue2@home2.net");
  CHECK(op_as<ir::Relay>(ops.at(5)).step == "2");
  const ir::ExpectFirst& either = op_as<ir::ExpectFirst>(ops.at(6));
  REQUIRE(either.alternatives.size() == 2);
  CHECK(either.alternatives[0].step == 3);
  CHECK(either.alternatives[0].expect.status == 180);
  CHECK(either.alternatives[1].step == 5);
  REQUIRE(either.branches.size() == 2);
  CHECK(either.branches[0].size() == 2);  // step 5 of the first branch: begin, expect
  CHECK(either.branches[1].empty());
  const ir::ExpectEach& each = op_as<ir::ExpectEach>(ops.back());
  REQUIRE(each.members.size() == 2);
  CHECK(each.members[1].step == 10);
}

TEST_CASE("a test case without parties keeps UE and SS, undeclared, in the dump") {
  ir::LowerResult r =
      lower_text("testcase t \"t\" {\n  1 UE -> SS  OPTIONS\n  2 SS -> UE  200 OK\n}\n");
  REQUIRE(r.ok());
  const ir::Testcase& tc = r.program.testcases.at(0);
  CHECK_FALSE(tc.parties_declared);
  REQUIRE(tc.parties.size() == 2);
  CHECK(tc.steps[1].from == 1);
  CHECK(tc.steps[1].to == 0);
  CHECK_FALSE(contains(ir::dump(r.program), "party "));
}

}  // namespace scn::test

namespace scn::test {

// scn_step::message_unread: a load instance keeps only the messages later steps read.
TEST_CASE("a step's message is marked read when a relay forwards it or a value reads it") {
  ir::LowerResult relays = lower_text(kParties);
  REQUIRE(relays.ok());
  for (const ir::StepDesc& s : relays.program.testcases.at(0).steps) {
    CAPTURE(s.id);
    CHECK(s.message_read == (s.id == "2" || s.id == "5"));  // relay 2, relay 5
    CHECK(s.fields_read.empty());  // a relay forwards the whole message
  }
  ir::LowerResult fields = lower_text(R"(
default "D" OPTIONS {
  conditions { A1 "applied" }
}
testcase t "fields" {
  1 UE -> SS  OPTIONS  use "D" [A1]
  2 SS -> UE  200 OK  except { Contact = <sip:ss@home1.net> }
  3 UE -> SS  OPTIONS  use "D" [A1] except { Call-ID = step(1).Call-ID }
  4 SS -> UE  200 OK  except { Organization = "at " + step(2).Contact.addr-spec }
}
)");
  INFO(fields.diagnostics.size());
  REQUIRE(fields.ok());
  for (const ir::StepDesc& s : fields.program.testcases.at(0).steps) {
    CAPTURE(s.id);
    CHECK(s.message_read == (s.id == "1" || s.id == "2"));
  }
  // scn_step::fields_read: only those fields, each once.
  const auto& steps = fields.program.testcases.at(0).steps;
  REQUIRE(steps.at(0).fields_read.size() == 1);
  CHECK(steps[0].fields_read[0].header == "Call-ID");
  REQUIRE(steps.at(1).fields_read.size() == 1);
  CHECK(steps[1].fields_read[0].header == "Contact");
  CHECK(steps[1].fields_read[0].part == ir::Part::addr_spec);
  CHECK(steps.at(2).fields_read.empty());
}

}  // namespace scn::test
