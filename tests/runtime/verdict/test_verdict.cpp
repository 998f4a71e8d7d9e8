// Verdicts: TTCN-3 ordering, the final line.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "verdict/verdict.h"

using namespace std::string_literals;
using scn::Verdict;
using scn::VerdictKeeper;
using scn::VerdictKind;

TEST_CASE("the worst verdict wins and keeps its first reason") {
  VerdictKeeper keeper;
  CHECK(keeper.kind() == VerdictKind::Pass);
  CHECK(keeper.exit_code() == 0);
  CHECK_FALSE(keeper.pass("1"));
  CHECK(keeper.inconc("2", "unexpected MESSAGE"));
  CHECK(keeper.kind() == VerdictKind::Inconc);
  CHECK(keeper.exit_code() == 2);
  CHECK_FALSE(keeper.pass("3"));  // never back to pass
  CHECK(keeper.fail("4", "first failure"));
  CHECK_FALSE(keeper.fail("5", "second failure"));
  CHECK_FALSE(keeper.inconc("6", "late"));
  CHECK(keeper.kind() == VerdictKind::Fail);
  CHECK(keeper.verdict().step == "4");
  CHECK(keeper.verdict().reason == "first failure");
  CHECK(keeper.exit_code() == 1);
  CHECK(keeper.error("7", "socket closed"));  // error is above fail
  CHECK(keeper.kind() == VerdictKind::Error);
  CHECK(keeper.exit_code() == 3);
  CHECK_FALSE(keeper.fail("8", "after error"));
  CHECK(keeper.verdict().reason == "socket closed");
  CHECK(keeper.history().size() == 8);
}

TEST_CASE("final lines") {
  CHECK(scn::render_final_line(Verdict{}) == "PASS");
  CHECK(scn::render_final_line({VerdictKind::Fail, "9", "no ACK within 10s", {}}) ==
        "FAIL step 9: no ACK within 10s");
  CHECK(scn::render_final_line({VerdictKind::Inconc, "A.15.1:3", "unexpected request MESSAGE", {}}) ==
        "INCONC step A.15.1:3: unexpected request MESSAGE");
  CHECK(scn::render_final_line({VerdictKind::Error, "", "cannot bind 127.0.0.1:5060:\nin use", {}}) ==
        "ERROR: cannot bind 127.0.0.1:5060: in use");

  Verdict mismatched{VerdictKind::Fail, "9", "", {}};
  mismatched.mismatches.push_back({"Request-URI", "\"sip:final@x\"", "sip:y"});
  mismatched.mismatches.push_back({"Via.branch", "starts \"z9hG4bK\"", "abc"});
  mismatched.mismatches.push_back({"Route", "present", std::string(scn::sip::kAbsent)});
  CHECK(scn::render_final_line(mismatched) ==
        "FAIL step 9: Request-URI: expected \"sip:final@x\", received \"sip:y\" (and 2 more)");
  CHECK(scn::render_mismatches(mismatched) ==
        "  Request-URI: expected \"sip:final@x\", received \"sip:y\"\n"
        "  Via.branch: expected starts \"z9hG4bK\", received \"abc\"\n"
        "  Route: expected present, received <absent>\n");
  CHECK(scn::to_string(VerdictKind::Inconc) == "inconc");
  CHECK(scn::exit_code(VerdictKind::Error) == 3);
}

// PROTOS cases with a NUL in a header value once cut the verdict line there, so the
// next line was glued to it: every control byte of received text is escaped.
TEST_CASE("a NUL or other control byte in received text keeps the verdict one printable line") {
  Verdict v{VerdictKind::Fail, "1", "", {}};
  v.mismatches.push_back({"From.tag", "present", "a\0b\x01"s});
  v.mismatches.push_back({"To", "\"x\"", "\x7f\r\n"s});
  const std::string line = scn::render_final_line(v);
  CHECK(line == "FAIL step 1: From.tag: expected present, received \"a\\x00b\\x01\" (and 1 more)");
  CHECK(line.find('\0') == std::string::npos);
  CHECK(scn::render_mismatches(v) ==
        "  From.tag: expected present, received \"a\\x00b\\x01\"\n"
        "  To: expected \"x\", received \"\\x7f \"\n");
  Verdict reason{VerdictKind::Fail, "6", "malformed message from the UE: bad\0"s, {}};
  CHECK(scn::render_final_line(reason) == "FAIL step 6: malformed message from the UE: bad\\x00");
}

TEST_CASE("a mismatch's origin ends the verdict line and its line of the mismatch list") {
  CHECK(scn::origin_note("") == "");
  CHECK(scn::origin_note("a.scn:3 (default \"PRACK\", when A1)") ==
        "[a.scn:3, default \"PRACK\", when A1]");
  CHECK(scn::origin_note("a.scn:3") == "[a.scn:3]");
  Verdict v{VerdictKind::Fail, "4", "PRACK: RAck.cseq: expected \"1\", received \"2\" (and 1 more)", {}};
  v.mismatches.push_back({"RAck.cseq", "\"1\"", "2",
                          "stdlib/ts34229/a2_dialog.scn:15 (default \"PRACK\")"});
  v.mismatches.push_back({"Route", "present", std::string(scn::sip::kAbsent), ""});
  CHECK(scn::render_final_line(v) ==
        "FAIL step 4: PRACK: RAck.cseq: expected \"1\", received \"2\" (and 1 more) "
        "[stdlib/ts34229/a2_dialog.scn:15, default \"PRACK\"]");
  CHECK(scn::render_mismatches(v) ==
        "  RAck.cseq: expected \"1\", received \"2\" "
        "[stdlib/ts34229/a2_dialog.scn:15, default \"PRACK\"]\n"
        "  Route: expected present, received <absent>\n");
}

