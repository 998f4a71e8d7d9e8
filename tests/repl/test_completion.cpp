// Tab completion from word lists (what libedit shows on Tab).
#include <doctest/doctest.h>

#include "scn/repl/completion.h"

using scn::repl::complete;
using scn::repl::CompletionWords;
using Words = std::vector<std::string>;

namespace {

CompletionWords sample() {
  CompletionWords w;
  w.paths = {"Contact", "CSeq", "Call-ID", "Request-URI", "To"};
  w.defaults = {"MT NOTIFY for conference event package", "MO REFER", "MT NOTIFY for refer"};
  w.steps = {"A.15.1:1", "8", "9", "10"};
  w.testcases = {"conference_factory", "conference_refer"};
  w.params = {"px_IMS_HomeDomainName"};
  return w;
}

}  // namespace

TEST_CASE("command words first on the line") {
  CHECK(complete(sample(), "", "ste") == Words{"step", "steps"});
  CHECK(complete(sample(), "", "S") == Words{"SS"});
  CHECK(complete(sample(), "", "wa") == Words{"wait"});
  CHECK(complete(sample(), "  ", "res").size() == 1);
}

TEST_CASE("header names after show sent/received and show step N") {
  CHECK(complete(sample(), "show ", "") == Words{"received", "sent", "step"});
  CHECK(complete(sample(), "show sent ", "C") == Words{"CSeq", "Call-ID", "Contact"});
  CHECK(complete(sample(), "show step ", "1") == Words{"10"});
  CHECK(complete(sample(), "show step 8 ", "T") == Words{"To"});
  CHECK(complete(sample(), "show sent To ", "").empty());
}

TEST_CASE("step ids, test cases, parameters") {
  CHECK(complete(sample(), "break ", "A") == Words{"A.15.1:1"});
  CHECK(complete(sample(), "delete ", "9") == Words{"9"});
  CHECK(complete(sample(), "testcase ", "conference_r") == Words{"conference_refer"});
  CHECK(complete(sample(), "set ", "px") == Words{"px_IMS_HomeDomainName="});
}

TEST_CASE("default-message names inside use \"...\", spaces included") {
  CHECK(complete(sample(), "SS -> UE NOTIFY use \"", "MT") ==
        Words{"MT NOTIFY for conference event package\"", "MT NOTIFY for refer\""});
  // The word being typed starts after the last space: only the rest is returned.
  CHECK(complete(sample(), "SS -> UE NOTIFY use \"MT NOTIFY for ", "c") ==
        Words{"conference event package\""});
  CHECK(complete(sample(), "SS -> UE REFER use \"MO REFER\" ", "").empty());
}
