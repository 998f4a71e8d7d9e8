// The Transformer on steps: numbers, directions, messages, comments, use, except,
// dialogs, when, steps ranges and optional blocks.
#include "support.h"

using namespace scn;
using test::check_loc;
using test::parse_steps;
using test::step_at;

TEST_CASE("a step has its number and direction and method and comment each located") {
  auto r = parse_steps("  1  UE -> SS  REFER  \"UE sends REFER\"");
  REQUIRE(r.ok());
  const ast::Step& s = step_at(r, 0);
  CHECK(s.number == 1);
  check_loc(s.loc, 2, 3);
  CHECK(s.direction.from.value == "UE");
  CHECK(s.direction.to.value == "SS");
  check_loc(s.direction.loc, 2, 6);
  CHECK(s.message.kind == ast::Message::Kind::method);
  CHECK(s.message.method == "REFER");
  check_loc(s.message.loc, 2, 16);
  REQUIRE(s.comment);
  CHECK(s.comment->value == "UE sends REFER");
  check_loc(s.comment->loc, 2, 23);
  CHECK_FALSE(s.use);
  CHECK_FALSE(s.except);
}

TEST_CASE("a status message keeps its code and reason phrase") {
  auto r = parse_steps("  2 SS -> UE 183 Session Progress\n  3 SS -> UE 200");
  REQUIRE(r.ok());
  const ast::Step& with_reason = step_at(r, 0);
  CHECK(with_reason.message.kind == ast::Message::Kind::status);
  CHECK(with_reason.message.status == 183);
  CHECK(with_reason.message.reason == "Session Progress");
  CHECK(with_reason.direction.from.value == "SS");
  const ast::Step& bare = step_at(r, 1);
  CHECK(bare.message.status == 200);
  CHECK(bare.message.reason.empty());
  CHECK(bare.number == 3);
}

TEST_CASE("use names a default message and its conditions") {
  auto r = parse_steps("  8 SS -> UE 200 OK use \"200 OK for SUBSCRIBE\" [A1, A5]");
  REQUIRE(r.ok());
  const ast::Step& s = step_at(r, 0);
  REQUIRE(s.use);
  CHECK(s.use->name.value == "200 OK for SUBSCRIBE");
  REQUIRE(s.use->conditions.size() == 2);
  CHECK(s.use->conditions[0].value == "A1");
  CHECK(s.use->conditions[1].value == "A5");
  check_loc(s.use->conditions[1].loc, 2, 53);
}

TEST_CASE("except rows belong to their step which may span lines") {
  auto r = parse_steps(
      "  9 UE -> SS ACK use \"ACK\" [A1] except {\n"
      "      Request-URI = \"sip:a\"\n"
      "      To.tag      = dialog(focus).remote_tag }\n"
      "  10 SS -> UE 200 OK except { }");
  REQUIRE(r.ok());
  const ast::Step& s = step_at(r, 0);
  REQUIRE(s.except);
  REQUIRE(s.except->rows.size() == 2);
  CHECK(s.except->rows[0].path.text() == "Request-URI");
  check_loc(s.except->rows[0].loc, 3, 7);
  CHECK(s.except->rows[1].path.text() == "To.tag");
  const ast::Step& empty = step_at(r, 1);
  REQUIRE(empty.except);
  CHECK(empty.except->rows.empty());
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].severity == diag::Severity::warning);
}

TEST_CASE("an except block without use is allowed") {
  auto r = parse_steps("  1 UE -> SS REFER except { body = \"x\" }");
  REQUIRE(r.ok());
  CHECK_FALSE(step_at(r, 0).use);
  CHECK(step_at(r, 0).except->rows.size() == 1);
}

TEST_CASE("dialog clauses follow the message") {
  auto r = parse_steps("  1 UE -> SS INVITE as focus \"c\"\n  2 SS -> UE NOTIFY in dialog sub");
  REQUIRE(r.ok());
  const ast::Step& creates = step_at(r, 0);
  REQUIRE(creates.dialog_as);
  CHECK(creates.dialog_as->value == "focus");
  CHECK_FALSE(creates.dialog_in);
  REQUIRE(creates.comment);
  const ast::Step& inside = step_at(r, 1);
  REQUIRE(inside.dialog_in);
  CHECK(inside.dialog_in->value == "sub");
  check_loc(inside.dialog_in->loc, 3, 31);
}

TEST_CASE("when before the direction makes a step conditional") {
  auto r = parse_steps("  7 when subscribed(conference) SS -> UE NOTIFY");
  REQUIRE(r.ok());
  const ast::Step& s = step_at(r, 0);
  REQUIRE(s.when);
  CHECK(s.when->op == ast::CondOp::atom);
  const auto& call = test::node_as<ast::Call>(s.when->atom.get());
  CHECK(call.callee == "subscribed");
  REQUIRE(call.args.size() == 1);
  CHECK(test::node_as<ast::NameRef>(call.args[0].get()).name == "conference");
  CHECK(s.direction.from.value == "SS");
  CHECK(s.message.method == "NOTIFY");
}

TEST_CASE("steps ranges reuse a procedure with per-step exceptions") {
  auto r = parse_steps(
      "  steps 1-7 of A.15.1 except {\n"
      "    1: INVITE { Request-URI = \"sip:x\" }\n"
      "    3: { Contact.isfocus = present }\n"
      "  }\n"
      "  steps 4 of setup\n"
      "  steps of A.25");
  REQUIRE(r.ok());
  const auto& items = r.module.testcases.at(0).items;
  REQUIRE(items.size() == 3);
  const auto& range = test::item_as<ast::StepsRef>(items[0]);
  CHECK(range.first == 1);
  CHECK(range.last == 7);
  CHECK(range.procedure.value == "A.15.1");
  REQUIRE(range.exceptions.size() == 2);
  CHECK(range.exceptions[0].step == 1);
  REQUIRE(range.exceptions[0].message);
  CHECK(range.exceptions[0].message->method == "INVITE");
  CHECK(range.exceptions[1].step == 3);
  CHECK_FALSE(range.exceptions[1].message);
  check_loc(range.exceptions[1].loc, 4, 5);
  const auto& single = test::item_as<ast::StepsRef>(items[1]);
  CHECK(single.first == 4);
  CHECK_FALSE(single.last);
  CHECK(single.procedure.value == "setup");
  const auto& all = test::item_as<ast::StepsRef>(items[2]);
  CHECK_FALSE(all.first);
}

TEST_CASE("optional blocks carry their duration and comment and steps") {
  auto r = parse_steps(
      "  optional within 3s \"depends on the UE\" {\n"
      "    10 UE -> SS SUBSCRIBE\n"
      "    optional within 500ms { 11 SS -> UE 200 OK }\n"
      "  }");
  REQUIRE(r.ok());
  const auto& block = test::item_as<ast::OptionalBlock>(r.module.testcases.at(0).items.at(0));
  const auto& within = std::get<ast::DurationLit>(block.within.node);
  CHECK(within.millis() == 3000);
  REQUIRE(block.comment);
  CHECK(block.comment->value == "depends on the UE");
  REQUIRE(block.items.size() == 2);
  CHECK(test::item_as<ast::Step>(block.items[0]).number == 10);
  const auto& inner = test::item_as<ast::OptionalBlock>(block.items[1]);
  CHECK(std::get<ast::DurationLit>(inner.within.node).millis() == 500);
}

TEST_CASE("durations in minutes") {
  auto r = parse_steps("  optional within 2min { 1 UE -> SS ACK }");
  REQUIRE(r.ok());
  const auto& block = test::item_as<ast::OptionalBlock>(r.module.testcases.at(0).items.at(0));
  CHECK(std::get<ast::DurationLit>(block.within.node).millis() == 120000);
}
