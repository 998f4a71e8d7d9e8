// Default messages: conditions applied, exceptions replacing rows, run-time conditions.
#include "support.h"

using namespace scn;

namespace {

const char* kDefault = R"(
param px_Secure = false

default "MT MESSAGE" MESSAGE "X.1" {
  conditions { A1 "first"  A2 "second" }
  Content-Type = "text/plain"
  when A1 { Subject = "one" }
  when A2 { Subject = "two" }
  when A1 and px_Secure { Require = "sec-agree" }
}
)";

const check::Row* row(const check::Step& step, const std::string& key) {
  for (const auto& r : step.rows)
    if (r.path.key() == key) return &r;
  return nullptr;
}

std::string text_of(const check::Row& r) {
  return std::get<check::TextValue>(r.items.at(0).values.at(0).node).text;
}

}  // namespace

TEST_CASE("conditions select the rows of a default message") {
  auto r = test::check_text(std::string(kDefault) + R"(
testcase t "t" {
  1 SS -> UE  MESSAGE  use "MT MESSAGE" [A2]
  2 UE -> SS  200 OK
}
)");
  INFO(test::messages(r));
  REQUIRE(r.ok());
  const auto& step = r.program.testcases[0].steps[0];
  REQUIRE(step.default_message.has_value());
  CHECK(step.default_message->clause == "X.1");
  CHECK(step.default_message->conditions == std::vector<std::string>{"A2"});
  REQUIRE(row(step, "Subject") != nullptr);
  CHECK(text_of(*row(step, "Subject")) == "two");
  CHECK(row(step, "Require") == nullptr);
}

TEST_CASE("a condition on a parameter is left to the run time") {
  auto r = test::check_text(std::string(kDefault) + R"(
testcase t "t" {
  1 SS -> UE  MESSAGE  use "MT MESSAGE" [A1]
  2 UE -> SS  200 OK
}
)");
  INFO(test::messages(r));
  REQUIRE(r.ok());
  const auto& step = r.program.testcases[0].steps[0];
  const check::Row* require = row(step, "Require");
  REQUIRE(require != nullptr);
  REQUIRE(require->when.has_value());
  CHECK(require->when->kind == check::CondKind::atom);
  CHECK(std::get<check::ParamValue>(require->when->atom.at(0).node).name == "px_Secure");
}

TEST_CASE("an exception replaces only the row it names") {
  auto r = test::check_text(std::string(kDefault) + R"(
testcase t "t" {
  1 SS -> UE  MESSAGE  use "MT MESSAGE" [A1] except { Subject = "mine" }
  2 UE -> SS  200 OK
}
)");
  INFO(test::messages(r));
  REQUIRE(r.ok());
  const auto& step = r.program.testcases[0].steps[0];
  std::size_t subjects = 0;
  for (const auto& rr : step.rows) subjects += rr.path.key() == "Subject";
  CHECK(subjects == 1);
  CHECK(text_of(*row(step, "Subject")) == "mine");
  CHECK(row(step, "Subject")->source == check::RowSource::step_except);
  CHECK(text_of(*row(step, "Content-Type")) == "text/plain");
}
