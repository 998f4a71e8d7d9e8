// Console styling: when stdout gets colours and the terminal's extras, and the lines
// made for it (verdict, skipped steps, the live waiting line, timestamped flow lines).
#include <doctest/doctest.h>

#include "trace/trace.h"
#include "verdict/verdict.h"

using scn::ConsoleStyle;
using scn::Direction;
using scn::TraceEntry;
using scn::Verdict;
using scn::VerdictKind;

TEST_CASE("styled output needs a terminal, colour also needs NO_COLOR unset or empty") {
  const ConsoleStyle file = scn::console_style(false, nullptr);
  CHECK_FALSE(file.terminal);
  CHECK_FALSE(file.colour);
  CHECK_FALSE(scn::console_style(false, "").colour);
  const ConsoleStyle tty = scn::console_style(true, nullptr);
  CHECK(tty.terminal);
  CHECK(tty.colour);
  CHECK(scn::console_style(true, "").colour);  // no-color.org: empty means unset
  const ConsoleStyle no_color = scn::console_style(true, "1");
  CHECK(no_color.terminal);
  CHECK_FALSE(no_color.colour);
}

TEST_CASE("the verdict line is coloured by its kind, and plain without colour") {
  const ConsoleStyle colour{true, true};
  CHECK(scn::styled_final_line(colour, Verdict{}) == "\033[32mPASS\033[0m");
  const Verdict fail{VerdictKind::Fail, "4", "no PRACK", {}};
  CHECK(scn::styled_final_line(colour, fail) == "\033[31mFAIL\033[0m step 4: no PRACK");
  const Verdict error{VerdictKind::Error, "", "cannot bind", {}};
  CHECK(scn::styled_final_line(colour, error) == "\033[31mERROR\033[0m: cannot bind");
  const Verdict inconc{VerdictKind::Inconc, "2", "unexpected MESSAGE", {}};
  CHECK(scn::styled_final_line(colour, inconc).starts_with("\033[33mINCONC\033[0m step 2"));
  for (const Verdict& v : {Verdict{}, fail, error, inconc}) {
    CHECK(scn::styled_final_line(ConsoleStyle{true, false}, v) == scn::render_final_line(v));
    CHECK(scn::styled_final_line(ConsoleStyle{}, v) == scn::render_final_line(v));
  }
}

TEST_CASE("a skipped window is said in words") {
  CHECK(scn::not_run_line("10", "13", "no SUBSCRIBE within 3 s") ==
        "steps 10-13 not run: no SUBSCRIBE within 3 s");
  CHECK(scn::not_run_line("10", "", "no SUBSCRIBE within 3 s") ==
        "step 10 not run: no SUBSCRIBE within 3 s");
  CHECK(scn::not_run_line("10", "10", "x") == "step 10 not run: x");
}

TEST_CASE("the waiting line counts whole seconds left, rounded up") {
  CHECK(scn::waiting_line("PRACK from the UE", 4000) == "waiting for PRACK from the UE (4 s left)");
  CHECK(scn::waiting_line("PRACK from the UE", 3001) == "waiting for PRACK from the UE (4 s left)");
  CHECK(scn::waiting_line("BYE from UE2", 0) == "waiting for BYE from UE2 (0 s left)");
}

TEST_CASE("flow lines gain a timestamp and the wait on a terminal only") {
  const TraceEntry e{1234, Direction::UeToSs, "udp", "a", "b", "9",
                     "PRACK sip:ss@h SIP/2.0\r\nCSeq: 2 PRACK\r\n\r\n", ""};
  CHECK(scn::flow_line(e, ConsoleStyle{}, 410) == "  9  UE -> SS  PRACK sip:ss@h");
  CHECK(scn::flow_line(e, ConsoleStyle{true, false}, 410) ==
        "[  1.234]   9  UE -> SS  PRACK sip:ss@h  (after 0.41 s)");
  CHECK(scn::flow_line(e, ConsoleStyle{true, false}) == "[  1.234]   9  UE -> SS  PRACK sip:ss@h");
  const std::string coloured = scn::flow_line(e, ConsoleStyle{true, true});
  CHECK(coloured.find("\033[36m  9\033[0m") != std::string::npos);
  CHECK(coloured.ends_with("PRACK sip:ss@h"));
}

TEST_CASE("the live line writes nothing when stdout is no terminal") {
  scn::LiveLine line(ConsoleStyle{});
  line.show("waiting for PRACK from the UE (4 s left)");
  CHECK_FALSE(line.shown());
  line.clear();
  CHECK_FALSE(line.shown());
}
