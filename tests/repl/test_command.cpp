// The REPL's command parser: every command form, ad hoc steps and typing mistakes.
#include <doctest/doctest.h>

#include "scn/repl/command.h"

using namespace scn::repl;

namespace {

template <class T>
T as(const Command& command) {
  REQUIRE(std::holds_alternative<T>(command));
  return std::get<T>(command);
}

}  // namespace

TEST_CASE("stepping commands and their short forms") {
  CHECK(as<Move>(parse_command("step")).flow == Flow::step);
  CHECK(as<Move>(parse_command("  s ")).flow == Flow::step);
  CHECK(as<Move>(parse_command("c")).flow == Flow::continue_);
  CHECK(as<Move>(parse_command("run")).flow == Flow::run);
  CHECK(as<Move>(parse_command("restart")).flow == Flow::restart);
  CHECK(as<Move>(parse_command("quit")).flow == Flow::quit);
  CHECK(std::holds_alternative<Mistake>(parse_command("step 3")));
}

TEST_CASE("breakpoints take one step id") {
  CHECK(as<Break>(parse_command("break 9")).step == "9");
  CHECK_FALSE(as<Break>(parse_command("b A.15.1:3")).remove);
  CHECK(as<Break>(parse_command("b A.15.1:3")).step == "A.15.1:3");
  CHECK(as<Break>(parse_command("delete 9")).remove);
  CHECK(as<Mistake>(parse_command("break")).message.find("break 9") != std::string::npos);
  CHECK(std::holds_alternative<Mistake>(parse_command("break 9 10")));
}

TEST_CASE("show names a side and optionally a path") {
  const Show raw = as<Show>(parse_command("show received"));
  CHECK(raw.side == Side::received);
  CHECK(raw.path.empty());
  const Show field = as<Show>(parse_command("show sent Contact.addr-spec"));
  CHECK(field.side == Side::sent);
  CHECK(field.path == "Contact.addr-spec");
  CHECK(std::holds_alternative<Mistake>(parse_command("show last To.tag")));
}

TEST_CASE("set splits at the first equals sign") {
  const Set set = as<Set>(parse_command("set px_X = a=b"));
  CHECK(set.name == "px_X");
  CHECK(set.value == "a=b");
  CHECK(std::holds_alternative<Mistake>(parse_command("set px_X")));
  CHECK(std::holds_alternative<Mistake>(parse_command("set =x")));
}

TEST_CASE("a step of the language is an ad hoc step, kept verbatim") {
  const char* notify = R"(SS -> UE NOTIFY use "MT NOTIFY for conference event package" [A5])";
  CHECK(as<AdHoc>(parse_command(notify)).text == notify);
  CHECK(std::holds_alternative<AdHoc>(parse_command("UE -> SS 200 OK")));
  CHECK(std::holds_alternative<AdHoc>(parse_command("12 SS -> UE NOTIFY in dialog conf")));
  CHECK(std::holds_alternative<AdHoc>(parse_command("when subscribed(conference) SS -> UE BYE")));
  CHECK(as<AdHoc>(parse_command("wait 2s \"let the UE settle\"")).text ==
        "wait 2s \"let the UE settle\"");
}

TEST_CASE("typing mistakes suggest the nearest command") {
  CHECK(as<Mistake>(parse_command("stpe")).message ==
        "unknown command 'stpe' (did you mean 'step'?); 'help' lists the commands");
  CHECK(as<Mistake>(parse_command("contnue")).message.find("'continue'") != std::string::npos);
  CHECK(as<Mistake>(parse_command("xyzzy")).message.find("did you mean") == std::string::npos);
}

TEST_CASE("blank lines and comments do nothing") {
  CHECK(std::holds_alternative<Empty>(parse_command("")));
  CHECK(std::holds_alternative<Empty>(parse_command("   ")));
  CHECK(std::holds_alternative<Empty>(parse_command("# step 9 next")));
}
