// An instance's fiber holds what a single run's main thread holds: the matcher's
// regular expression search over the longest value it searches (4096 octets), whose
// std::regex recursion needs several MB with a pattern like this one.
#include <doctest/doctest.h>

#include <string>

#include "load/load.h"
#include "msg/msg.h"
#include "template/template.h"

namespace {

struct Search {
  bool matched = true;
  bool ran = false;
};

void search(Search* out) {
  const std::string value(4096, 'a');
  auto message = scn::sip::MessageBuilder::request("INVITE", "sip:ss@127.0.0.1")
                     .add("Call-ID", "stack")
                     .add("Subject", value)
                     .message();
  auto regex = scn::sip::Matcher::regex("(a|b|c|d)*(e|f)x");
  if (!message || !regex) return;
  scn::sip::MatchTemplate tmpl = scn::sip::MatchTemplate::request("INVITE");
  tmpl.add("Subject", *regex);
  out->matched = scn::sip::match(tmpl, *message).ok;
  out->ran = true;
}

}  // namespace

TEST_CASE("load stack: an instance's fiber holds the longest regex search of the matcher") {
  Search result;
  scn::load::Fibers fibers;
  REQUIRE(fibers.start(1).ok());
  REQUIRE(fibers.spawn([&](scn::Loop::Waiter&) { search(&result); }));
  fibers.stop();
  CHECK(result.ran);
  CHECK_FALSE(result.matched);  // searched, not found (no crash)
}
