// Verdicts: TTCN-3 ordering, the final line, JUnit XML (checked for well-formedness).
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "executor/executor.h"

using scn::Verdict;
using scn::VerdictKeeper;
using scn::VerdictKind;

namespace {

// A small XML 1.0 well-formedness check, enough for what junit_xml() may produce:
// prolog, nested elements, quoted attributes without '<' or raw '&', known entities,
// balanced tags, one root. Returns "" when well-formed, else what is wrong.
class XmlChecker {
 public:
  explicit XmlChecker(std::string_view text) : s_(text) {}

  std::string check() {
    if (s_.starts_with("<?xml")) {
      const std::size_t end = s_.find("?>");
      if (end == std::string_view::npos) return "unterminated prolog";
      i_ = end + 2;
    }
    int roots = 0;
    std::vector<std::string> open;
    while (i_ < s_.size()) {
      if (s_[i_] != '<') {
        if (auto e = text_until('<'); !e.empty()) return e;
        if (open.empty() && !blank_) return "text outside the root element";
        continue;
      }
      if (s_.substr(i_).starts_with("</")) {
        const std::size_t end = s_.find('>', i_);
        if (end == std::string_view::npos) return "unterminated end tag";
        const std::string name(s_.substr(i_ + 2, end - i_ - 2));
        if (open.empty() || open.back() != name) return "mismatched end tag </" + name + ">";
        open.pop_back();
        i_ = end + 1;
        continue;
      }
      std::string name;
      bool empty_element = false;
      if (auto e = start_tag(name, empty_element); !e.empty()) return e;
      if (open.empty() && ++roots > 1) return "more than one root element";
      if (!empty_element) open.push_back(name);
    }
    if (!open.empty()) return "unclosed element <" + open.back() + ">";
    return roots == 1 ? "" : "no root element";
  }

 private:
  std::string entity() {
    for (std::string_view e : {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"}) {
      if (s_.substr(i_).starts_with(e)) {
        i_ += e.size();
        return "";
      }
    }
    return "bad entity";
  }

  std::string text_until(char stop) {
    blank_ = true;
    while (i_ < s_.size() && s_[i_] != stop) {
      const auto c = static_cast<unsigned char>(s_[i_]);
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return "control character in text";
      if (s_[i_] == '<') return "raw '<' in an attribute";
      if (s_[i_] == '&') {
        if (auto e = entity(); !e.empty()) return e;
        blank_ = false;
        continue;
      }
      if (c != ' ' && c != '\n' && c != '\t' && c != '\r') blank_ = false;
      ++i_;
    }
    return "";
  }

  std::string start_tag(std::string& name, bool& empty_element) {
    ++i_;
    const std::size_t start = i_;
    while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '-')) ++i_;
    name = std::string(s_.substr(start, i_ - start));
    if (name.empty()) return "element without a name";
    std::set<std::string> attrs;
    while (i_ < s_.size()) {
      while (i_ < s_.size() && s_[i_] == ' ') ++i_;
      if (s_.substr(i_).starts_with("/>")) {
        empty_element = true;
        i_ += 2;
        return "";
      }
      if (i_ < s_.size() && s_[i_] == '>') {
        ++i_;
        return "";
      }
      const std::size_t eq = s_.find('=', i_);
      if (eq == std::string_view::npos || eq + 1 >= s_.size() || s_[eq + 1] != '"') {
        return "attribute without a quoted value in <" + name + ">";
      }
      if (!attrs.insert(std::string(s_.substr(i_, eq - i_))).second) return "duplicate attribute";
      i_ = eq + 2;
      if (auto e = text_until('"'); !e.empty()) return e;
      if (i_ >= s_.size()) return "unterminated attribute value";
      ++i_;
    }
    return "unterminated start tag";
  }

  std::string_view s_;
  std::size_t i_ = 0;
  bool blank_ = true;
};

}  // namespace

TEST_CASE("the checker itself rejects malformed XML") {
  CHECK(XmlChecker("<a><b/></a>").check().empty());
  CHECK_FALSE(XmlChecker("<a><b></a>").check().empty());
  CHECK_FALSE(XmlChecker("<a x=\"1 & 2\"/>").check().empty());
  CHECK_FALSE(XmlChecker("<a x=\"<\"/>").check().empty());
  CHECK_FALSE(XmlChecker("<a/><b/>").check().empty());
  CHECK_FALSE(XmlChecker("<a>\x01</a>").check().empty());
}

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

TEST_CASE("JUnit XML is well-formed for every verdict with hostile text escaped") {
  const std::string hostile = "a<b>&\"c\"'d' \x01\x1f bad\xff utf8 \xc3\xa9 ]]>";
  for (VerdictKind kind : {VerdictKind::Pass, VerdictKind::Inconc, VerdictKind::Fail,
                           VerdictKind::Error}) {
    scn::JUnitReport report;
    report.suite = "seed<002>.scn";
    report.testcase = "conference_factory";
    report.seconds = 1.5;
    report.verdict = {kind, "9", hostile, {{"To.tag", "\"x&y\"", hostile}}};
    report.system_out = "  1  UE -> SS  INVITE sip:a@b\n" + hostile;
    const std::string xml = scn::junit_xml(report);
    INFO(xml);
    CHECK(XmlChecker(xml).check() == "");
    CHECK(xml.find("tests=\"1\"") != std::string::npos);
    CHECK(xml.find("name=\"seed&lt;002&gt;.scn\"") != std::string::npos);
    CHECK(xml.find("time=\"1.500\"") != std::string::npos);
    CHECK(xml.find("\xc3\xa9") != std::string::npos);  // valid UTF-8 kept
    CHECK(xml.find('\xff') == std::string::npos);
    const bool has_failure = xml.find("<failure") != std::string::npos;
    const bool has_error = xml.find("<error") != std::string::npos;
    const bool has_skipped = xml.find("<skipped") != std::string::npos;
    CHECK(has_failure == (kind == VerdictKind::Fail));
    CHECK(has_error == (kind == VerdictKind::Error));
    CHECK(has_skipped == (kind == VerdictKind::Inconc));
    if (kind == VerdictKind::Fail) {
      CHECK(xml.find("failures=\"1\"") != std::string::npos);
      CHECK(xml.find("message=\"step 9: a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;") !=
            std::string::npos);
      CHECK(xml.find("To.tag: expected &quot;x&amp;y&quot;") != std::string::npos);
    }
  }
}

TEST_CASE("xml_escape") {
  CHECK(scn::xml_escape("a&b<c>\"'") == "a&amp;b&lt;c&gt;&quot;&apos;");
  CHECK(scn::xml_escape("tab\there\nline") == "tab\there\nline");
  CHECK(scn::xml_escape(std::string("nul\0x", 5)) == "nulx");
  CHECK(scn::xml_escape("\xe2\x82\xac") == "\xe2\x82\xac");      // euro sign
  CHECK(scn::xml_escape("\xe2\x82") == "??");                    // truncated sequence
  CHECK(scn::xml_escape("\xed\xa0\x80") == "???");               // a surrogate
}
