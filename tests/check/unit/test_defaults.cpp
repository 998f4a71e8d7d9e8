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

TEST_CASE("applied codes and parameters are left to the run time") {
  auto r = test::check_text(std::string(kDefault) + R"(
testcase t "t" {
  1 SS -> UE  MESSAGE  use "MT MESSAGE" [A1]
  2 UE -> SS  200 OK
}
)");
  INFO(test::messages(r));
  REQUIRE(r.ok());
  const auto& step = r.program.testcases[0].steps[0];
  const check::Row* subject = row(step, "Subject");
  REQUIRE(subject != nullptr);
  REQUIRE(subject->when.has_value());
  CHECK(subject->when->kind == check::CondKind::atom);
  CHECK(std::get<check::ConditionValue>(subject->when->atom.at(0).node).code == "A1");
  const check::Row* require = row(step, "Require");
  REQUIRE(require != nullptr);
  REQUIRE(require->when.has_value());
  REQUIRE(require->when->kind == check::CondKind::and_);
  REQUIRE(require->when->operands.size() == 2);
  CHECK(std::get<check::ConditionValue>(require->when->operands[0].atom.at(0).node).code == "A1");
  CHECK(std::get<check::ParamValue>(require->when->operands[1].atom.at(0).node).name == "px_Secure");
}

TEST_CASE("a code the step does not apply is false: `A1 or A2` with A1 applied is A1") {
  auto r = test::check_text(R"(
default "D" MESSAGE "X.2" {
  conditions { A1 "first"  A2 "second" }
  when A1 or A2 { Subject = "either" }
  when A2 and not A1 { Organization = "never" }
}
testcase t "t" {
  1 SS -> UE  MESSAGE  use "D" [A1]
  2 UE -> SS  200 OK
}
)");
  INFO(test::messages(r));
  REQUIRE(r.ok());
  const auto& step = r.program.testcases[0].steps[0];
  CHECK(row(step, "Organization") == nullptr);
  const check::Row* subject = row(step, "Subject");
  REQUIRE(subject != nullptr);
  REQUIRE(subject->when.has_value());
  REQUIRE(subject->when->kind == check::CondKind::atom);
  CHECK(std::get<check::ConditionValue>(subject->when->atom.at(0).node).code == "A1");
}

TEST_CASE("the program lists each applied code once, in code order, with its meanings") {
  auto r = test::check_text(std::string(kDefault) + R"(
default "Other" MESSAGE "X.3" {
  conditions { A1 "first elsewhere"  A10 "tenth" }
}
testcase t "t" {
  1 SS -> UE  MESSAGE  use "MT MESSAGE" [A2, A1]
  2 UE -> SS  200 OK
  3 SS -> UE  MESSAGE  use "MT MESSAGE" [A1]
  4 UE -> SS  200 OK
  5 SS -> UE  MESSAGE  use "Other" [A10, A1]
  6 UE -> SS  200 OK
}
)");
  INFO(test::messages(r));
  REQUIRE(r.ok());
  const auto& conditions = r.program.conditions;
  REQUIRE(conditions.size() == 3);
  CHECK(conditions[0].name == "A1");
  CHECK(conditions[0].description == "MT MESSAGE: first; Other: first elsewhere");
  CHECK(conditions[1].name == "A2");
  CHECK(conditions[1].description == "MT MESSAGE: second");
  CHECK(conditions[2].name == "A10");
}

TEST_CASE("static checks of SS messages count rows under applied codes as given") {
  const std::string decl = R"(
default "N" NOTIFY "X.4" {
  conditions { A1 "with state"  A2 "other" }
  Event = "conference"
  Subscription-State = absent
  when A1 { Subscription-State = "active" }
  when not A1 { Event = absent }
}
)";
  auto applied = test::check_text(decl + R"(
testcase t "t" {
  1 SS -> UE  NOTIFY  use "N" [A1]
  2 UE -> SS  200 OK
}
)");
  INFO(test::messages(applied));
  CHECK(applied.ok());
  auto not_applied = test::check_text(decl + R"(
testcase t "t" {
  1 SS -> UE  NOTIFY  use "N" [A2]
  2 UE -> SS  200 OK
}
)");
  std::string all;
  for (const std::string& m : test::messages(not_applied)) all += m + "\n";
  INFO(all);
  CHECK(not_applied.diagnostics.size() == 2);
  CHECK(all.find("'Event' must be in NOTIFY requests") != std::string::npos);
  CHECK(all.find("'Subscription-State' must be in NOTIFY requests") != std::string::npos);
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
