// Procedure ranges, exceptions and windows in the flat step list.
#include "support.h"

using namespace scn;

namespace {

const char* kProcedure = R"(
procedure P.1 "call" {
  1 UE -> SS  INVITE
  2 SS -> UE  180 Ringing
  3 SS -> UE  200 OK  except { Contact = <sip:callee@home2.net> }
  4 UE -> SS  ACK
}
)";

const check::Step* find_step(const check::Testcase& tc, const std::string& label) {
  for (const auto& s : tc.steps)
    if (s.label == label) return &s;
  return nullptr;
}

}  // namespace

TEST_CASE("a ranged reference reuses steps under their own numbers") {
  auto r = test::check_text(std::string(kProcedure) + R"(
testcase t "t" {
  steps 1-3 of P.1 except {
    3: 200 { Contact = <sip:final@home2.net> }
  }
  4 UE -> SS  ACK
}
)");
  INFO(test::messages(r));
  REQUIRE(r.ok());
  REQUIRE(r.program.testcases.size() == 1);
  const auto& tc = r.program.testcases[0];
  REQUIRE(tc.steps.size() == 4);
  CHECK(tc.steps[0].label == "1");
  CHECK(tc.steps[0].procedure == "P.1");
  CHECK(tc.steps[3].procedure.empty());
  const check::Step* ok = find_step(tc, "3");
  REQUIRE(ok != nullptr);
  REQUIRE(ok->rows.size() == 1);
  CHECK(ok->rows[0].source == check::RowSource::range_except);
  const auto& uri = std::get<check::UriValue>(ok->rows[0].items[0].values[0].node);
  CHECK(uri.pieces[0].text == "sip:final@home2.net");
}

TEST_CASE("a whole procedure is a preamble numbered as in the procedure") {
  auto r = test::check_text(std::string(kProcedure) + R"(
testcase t "t" {
  steps of P.1
  1 UE -> SS  BYE  except { Call-ID = step(P.1:1).Call-ID }
  2 SS -> UE  200 OK
}
)");
  INFO(test::messages(r));
  REQUIRE(r.ok());
  const auto& tc = r.program.testcases[0];
  REQUIRE(tc.steps.size() == 6);
  CHECK(tc.steps[0].label == "P.1:1");
  CHECK(tc.steps[4].label == "1");
  const auto& field = std::get<check::StepFieldValue>(tc.steps[4].rows[0].items[0].values[0].node);
  CHECK(field.step == 0);
  CHECK(field.path.name == "Call-ID");
}

TEST_CASE("an optional window covers its steps") {
  auto r = test::check_text(R"(
testcase t "t" {
  1 UE -> SS  INVITE
  2 SS -> UE  200 OK
  3 UE -> SS  ACK
  optional within 3s "maybe" {
    4 UE -> SS  MESSAGE
    5 SS -> UE  200 OK
  }
}
)");
  INFO(test::messages(r));
  REQUIRE(r.ok());
  const auto& tc = r.program.testcases[0];
  REQUIRE(tc.windows.size() == 1);
  CHECK(tc.windows[0].within_ms == 3000);
  CHECK(tc.windows[0].first == 3);
  CHECK(tc.windows[0].last == 4);
  CHECK(tc.windows[0].comment == "maybe");
  CHECK(tc.steps[4].window == std::optional<std::size_t>(0));
  CHECK_FALSE(tc.steps[2].window.has_value());
}
