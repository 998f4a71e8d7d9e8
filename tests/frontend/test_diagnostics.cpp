// Diagnostics: plain messages at the culprit, one per statement, recovery, limits, and
// the rendered format.
#include "scn/diag/render.h"
#include "support.h"

using namespace scn;
using test::messages;

TEST_CASE("three independent mistakes give three located errors") {
  auto r = test::parse_steps(
      "  1 UE => SS INVITE\n"
      "  2 SS -> UE 200 OK\n"
      "  3 UX -> SS ACK\n"
      "  optional within 3 { 4 UE -> SS BYE }");
  CHECK_FALSE(r.ok());
  CHECK(messages(r) ==
        "2:8: expected '->' between UE and SS\n"
        "4:5: unknown role 'UX': expected UE or SS\n"
        "5:19: duration needs a unit (ms, s or min)\n");
}

TEST_CASE("one error per statement: a broken step does not cascade") {
  auto r = test::parse_steps("  1 UE => XX \"c\" use MO except { A B }\n  2 SS -> UE 200");
  CHECK(r.diagnostics.size() == 1);
  // The step after it is still parsed.
  REQUIRE(r.module.testcases.at(0).items.size() == 2);
  CHECK(test::step_at(r, 1).number == 2);
}

TEST_CASE("a missing '}' is reported at the '{' it fails to close") {
  auto r = test::parse("testcase t \"x\" {\n  1 UE -> SS REFER\n");
  CHECK(messages(r) == "1:16: '{' is never closed\n");
}

TEST_CASE("keyword typos get a suggestion") {
  auto r = test::parse("tetscase t \"x\" { 1 UE -> SS REFER }\n");
  CHECK(messages(r) == "1:1: unknown keyword 'tetscase'; did you mean 'testcase'?\n");
}

TEST_CASE("raw ANTLR wording never reaches the user") {
  const char* inputs[] = {
      "testcase", "testcase t", "testcase t \"x\" { 1 }", "testcase t \"x\" { 1 UE -> }",
      "default", "param", "import a.", "testcase t \"x\" { steps of }", "}}}", "{",
      "testcase t \"x\" { 1 UE -> SS REFER except { A = one of ( } }",
      "testcase t \"x\" { optional within 3s \"c\" }", "default \"d\" REFER { when }",
  };
  for (const char* input : inputs) {
    auto r = test::parse(input);
    CHECK_FALSE(r.ok());
    for (const diag::Diagnostic& d : r.diagnostics) {
      INFO(input << " -> " << d.message);
      CHECK(d.message.find("viable") == std::string::npos);
      CHECK(d.message.find("mismatched") == std::string::npos);
      CHECK(d.message.find("extraneous") == std::string::npos);
      CHECK(d.message.find("<EOF>") == std::string::npos);
      CHECK(d.message.find("RBRACE") == std::string::npos);
      CHECK(d.message.find("ID") == std::string::npos);
    }
  }
}

TEST_CASE("limits: size and nesting depth and error count") {
  parse::Limits small;
  small.max_bytes = 10;
  CHECK(messages(test::parse("testcase t \"x\" {}", small)).find("too large") != std::string::npos);

  auto r = test::parse("default \"d\" ACK { when " + std::string(100, '(') + "A1 { } }");
  CHECK(messages(r).find("nested too deeply") != std::string::npos);
  std::string nots;
  for (int i = 0; i < 100; ++i) nots += "not ";
  CHECK(messages(test::parse("default \"d\" ACK { when " + nots + "A1 { } }"))
            .find("nested too deeply") != std::string::npos);

  std::string many;
  for (int i = 0; i < 80; ++i) many += "  " + std::to_string(i + 1) + " XX -> SS A\n";
  auto flood = test::parse_steps(many);
  CHECK(flood.diagnostics.size() == 51);
  CHECK(flood.diagnostics.back().message == "too many errors; stopping after 50");
}

TEST_CASE("invalid UTF-8 is reported where it starts") {
  auto r = test::parse("testcase t \"caf\xC3\xA9 \xFF\" {}");
  CHECK(messages(r) == "1:18: the file is not valid UTF-8 (byte 18)\n");
}

TEST_CASE("rendering: header and source line with a caret under the column (tabs kept)") {
  auto r = test::parse("testcase t \"x\" {\n\t1\tUX -> SS REFER\n}\n");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(diag::render(r.diagnostics[0]) ==
        "test.scn:2:4: error: unknown role 'UX': expected UE or SS\n"
        "\t1\tUX -> SS REFER\n"
        "\t \t^\n");
}

TEST_CASE("rendering counts columns in code points") {
  CHECK(diag::caret_line("\xC3\xA9\xC3\xA9x", 3) == "  ^");
  CHECK(diag::caret_line("ab", 5) == "    ^");
  CHECK(diag::source_line("a\r\nb\n", 1) == "a");
  CHECK(diag::source_line("a\nb", 2) == "b");
  CHECK(diag::source_line("a\nb", 3).empty());
}

TEST_CASE("warnings do not make a file fail") {
  auto r = test::parse_steps("  1 UE -> SS REFER except { }");
  CHECK(r.ok());
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(diag::render(r.diagnostics[0]).rfind("test.scn:2:20: warning: empty except", 0) == 0);
}
