// Transactions, dialogs and stored values.
#include "support.h"

using namespace scn;

TEST_CASE("a response answers the latest unanswered request of the other side") {
  auto r = test::check_text(R"(
testcase t "t" {
  1 UE -> SS  INVITE
  2 SS -> UE  183 Session Progress
  3 UE -> SS  PRACK
  4 SS -> UE  200 OK
  5 SS -> UE  200 OK
  6 UE -> SS  ACK
}
)");
  INFO(test::messages(r));
  REQUIRE(r.ok());
  const auto& steps = r.program.testcases[0].steps;
  CHECK(steps[1].answers == std::optional<std::size_t>(0));
  CHECK(steps[3].answers == std::optional<std::size_t>(2));
  CHECK(steps[3].method == "PRACK");
  CHECK(steps[4].answers == std::optional<std::size_t>(0));
  CHECK(steps[4].method == "INVITE");
}

TEST_CASE("dialogs: as names one and in dialog uses it while responses follow their request") {
  auto r = test::check_text(R"(
testcase t "t" {
  1 UE -> SS  SUBSCRIBE as conf
  2 SS -> UE  200 OK  except { Expires = 600 }
  3 SS -> UE  NOTIFY in dialog conf  except {
      Event = "conference"  Subscription-State = "active"  To.tag = dialog(conf).remote_tag }
  4 UE -> SS  200 OK
  5 UE -> SS  MESSAGE
}
)");
  INFO(test::messages(r));
  REQUIRE(r.ok());
  const auto& tc = r.program.testcases[0];
  REQUIRE(tc.dialogs.size() == 2);
  CHECK(tc.dialogs[1].name == "conf");
  CHECK(tc.steps[0].dialog == 1);
  CHECK(tc.steps[1].dialog == 1);
  CHECK(tc.steps[3].dialog == 1);
  CHECK(tc.steps[4].dialog == 0);
  const check::Row* tag = nullptr;
  for (const auto& row : tc.steps[2].rows)
    if (row.path.key() == "To.tag") tag = &row;
  REQUIRE(tag != nullptr);
  const auto& field = std::get<check::DialogFieldValue>(tag->items[0].values[0].node);
  CHECK(field.dialog == 1);
  CHECK(field.field == check::DialogField::remote_tag);
}

TEST_CASE("captures get one slot per name typed by their path") {
  auto r = test::check_text(R"(
testcase t "t" {
  1 UE -> SS  INVITE  except { Call-ID = -> call  From.tag = present -> ue_tag }
  2 SS -> UE  200 OK
  3 UE -> SS  ACK  except { Call-ID = call }
}
)");
  INFO(test::messages(r));
  REQUIRE(r.ok());
  const auto& tc = r.program.testcases[0];
  REQUIRE(tc.slots.size() == 2);
  CHECK(tc.slots[0].name == "call");
  CHECK(tc.slots[0].type == schema::ValueType::call_id);
  CHECK(tc.slots[0].step == 0);
  CHECK(tc.steps[0].rows[0].capture == std::optional<std::size_t>(0));
  const auto& stored = std::get<check::StoredValue>(tc.steps[2].rows[0].items[0].values[0].node);
  CHECK(stored.slot == 0);
}
