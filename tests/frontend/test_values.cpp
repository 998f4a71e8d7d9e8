// The Transformer on rows: paths, plain values, matchers, captures, URIs and calls.
#include "support.h"

using namespace scn;
using test::check_loc;
using test::node_as;

namespace {

// The rows of the except block of a single step.
const std::vector<ast::Assignment>& rows_of(const parse::ParseResult& r) {
  const ast::Step& s = test::step_at(r, 0);
  REQUIRE(s.except);
  return s.except->rows;
}

parse::ParseResult parse_rows(const std::string& rows) {
  return test::parse_steps("  1 UE -> SS REFER except {\n" + rows + "\n  }");
}

const ast::Expr* expr_of(const ast::ValueItem& item) {
  REQUIRE(std::holds_alternative<ast::ExprPtr>(item.node));
  return std::get<ast::ExprPtr>(item.node).get();
}

}  // namespace

TEST_CASE("paths have segments with indexes and quoted names") {
  auto r = parse_rows("    Route[2].lr = present\n    Contact.\"+g.3gpp.icsi-ref\" = any");
  REQUIRE(r.ok());
  const ast::Path& indexed = rows_of(r)[0].path;
  REQUIRE(indexed.segments.size() == 2);
  CHECK(indexed.segments[0].name == "Route");
  CHECK(indexed.segments[0].index == 2);
  CHECK(indexed.segments[1].name == "lr");
  CHECK_FALSE(indexed.segments[1].index);
  check_loc(indexed.segments[1].loc, 3, 14);
  const ast::Path& quoted = rows_of(r)[1].path;
  CHECK(quoted.segments[1].name == "+g.3gpp.icsi-ref");
  CHECK(quoted.segments[1].quoted);
  CHECK(quoted.text() == "Contact.\"+g.3gpp.icsi-ref\"");
}

TEST_CASE("keywords are ordinary names after a dot") {
  auto r = parse_rows("    Event.any = \"x\"");
  REQUIRE(r.ok());
  CHECK(rows_of(r)[0].path.segments[1].name == "any");
}

TEST_CASE("matchers: present absent any starts matches one-of capture") {
  auto r = parse_rows(
      "    A = present\n    B = absent\n    C = any\n"
      "    D = starts \"z9hG4bK\" -> branch\n    E = matches /^[0-9]+\\/x$/\n"
      "    F = one of (\"a\", b)\n    G = -> call_id");
  REQUIRE(r.ok());
  const auto& rows = rows_of(r);
  REQUIRE(rows.size() == 7);
  CHECK(std::holds_alternative<ast::MatchPresent>(rows[0].value.items.at(0).node));
  CHECK(std::holds_alternative<ast::MatchAbsent>(rows[1].value.items.at(0).node));
  CHECK(std::holds_alternative<ast::MatchAny>(rows[2].value.items.at(0).node));
  const auto& starts = std::get<ast::MatchStarts>(rows[3].value.items.at(0).node);
  CHECK(node_as<ast::StringLit>(starts.prefix.get()).value == "z9hG4bK");
  REQUIRE(rows[3].value.capture);
  CHECK(rows[3].value.capture->name == "branch");
  check_loc(rows[3].value.capture->loc, 6, 26);
  CHECK(std::get<ast::MatchRegex>(rows[4].value.items.at(0).node).pattern == "^[0-9]+/x$");
  const auto& one_of = std::get<ast::MatchOneOf>(rows[5].value.items.at(0).node);
  REQUIRE(one_of.options.size() == 2);
  CHECK(node_as<ast::NameRef>(one_of.options[1].get()).name == "b");
  CHECK(rows[6].value.items.empty());
  CHECK(rows[6].value.capture->name == "call_id");
}

TEST_CASE("comma lists and concatenation") {
  auto r = parse_rows(
      "    Record-Route = <sip:a;lr>, <sip:b;lr>\n"
      "    Request-URI = \"sip:final@conf-factory.\" + px_IMS_HomeDomainName + \"x\"");
  REQUIRE(r.ok());
  CHECK(rows_of(r)[0].value.items.size() == 2);
  const auto& concat = node_as<ast::Concat>(expr_of(rows_of(r)[1].value.items.at(0)));
  REQUIRE(concat.parts.size() == 3);
  CHECK(node_as<ast::StringLit>(concat.parts[0].get()).value == "sip:final@conf-factory.");
  CHECK(node_as<ast::NameRef>(concat.parts[1].get()).name == "px_IMS_HomeDomainName");
  check_loc(concat.parts[1]->loc, 4, 47);
}

TEST_CASE("string escapes are resolved") {
  auto r = parse_rows("    body = \"a\\\"b\\\\c\\nd\"");
  REQUIRE(r.ok());
  CHECK(node_as<ast::StringLit>(expr_of(rows_of(r)[0].value.items.at(0))).value == "a\"b\\c\nd");
}

TEST_CASE("URIs keep literal text and interpolated expressions with locations") {
  auto r = parse_rows("    Route = <sip:{ss.address}:{port};lr>");
  REQUIRE(r.ok());
  const auto& uri = node_as<ast::UriLit>(expr_of(rows_of(r)[0].value.items.at(0)));
  REQUIRE(uri.parts.size() == 5);
  CHECK(uri.parts[0].text == "sip:");
  check_loc(uri.parts[0].loc, 3, 14);
  REQUIRE(uri.parts[1].expr);
  const auto& member = node_as<ast::Member>(uri.parts[1].expr.get());
  CHECK(member.member == "address");
  check_loc(uri.parts[1].expr->loc, 3, 22);  // the member name inside the braces
  check_loc(member.object->loc, 3, 19);      // ss
  CHECK(uri.parts[2].text == ":");
  CHECK(node_as<ast::NameRef>(uri.parts[3].expr.get()).name == "port");
  CHECK(uri.parts[4].text == ";lr");
}

TEST_CASE("calls and step references and member access and indexes") {
  auto r = parse_rows(
      "    Route = reverse(step(A.25:4).Record-Route)\n"
      "    To.tag = dialog(focus).remote_tag\n"
      "    Via = step(3).Via[1]");
  REQUIRE(r.ok());
  const auto& reverse = node_as<ast::Call>(expr_of(rows_of(r)[0].value.items.at(0)));
  CHECK(reverse.callee == "reverse");
  const auto& rr = node_as<ast::Member>(reverse.args.at(0).get());
  CHECK(rr.member == "Record-Route");
  const auto& step = node_as<ast::Call>(rr.object.get());
  const auto& ref = node_as<ast::StepRef>(step.args.at(0).get());
  CHECK(ref.procedure == "A.25");
  CHECK(ref.step == 4);
  const auto& dialog = node_as<ast::Member>(expr_of(rows_of(r)[1].value.items.at(0)));
  CHECK(node_as<ast::Call>(dialog.object.get()).callee == "dialog");
  const auto& index = node_as<ast::Index>(expr_of(rows_of(r)[2].value.items.at(0)));
  CHECK(index.index == 1);
  CHECK(node_as<ast::Member>(index.object.get()).member == "Via");
}

TEST_CASE("integers and booleans") {
  auto r = parse_rows("    Expires = 600\n    Flag = true\n    Other = false");
  REQUIRE(r.ok());
  CHECK(node_as<ast::IntLit>(expr_of(rows_of(r)[0].value.items.at(0))).value == 600);
  CHECK(node_as<ast::BoolLit>(expr_of(rows_of(r)[1].value.items.at(0))).value);
  CHECK_FALSE(node_as<ast::BoolLit>(expr_of(rows_of(r)[2].value.items.at(0))).value);
}
