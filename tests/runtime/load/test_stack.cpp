// An instance's thread holds what a single run's main thread holds: the matcher's
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

void* search(void* arg) {
  auto* out = static_cast<Search*>(arg);
  const std::string value(4096, 'a');
  auto message = scn::sip::MessageBuilder::request("INVITE", "sip:ss@127.0.0.1")
                     .add("Call-ID", "stack")
                     .add("Subject", value)
                     .message();
  auto regex = scn::sip::Matcher::regex("(a|b|c|d)*(e|f)x");
  if (!message || !regex) return nullptr;
  scn::sip::MatchTemplate tmpl = scn::sip::MatchTemplate::request("INVITE");
  tmpl.add("Subject", *regex);
  out->matched = scn::sip::match(tmpl, *message).ok;
  out->ran = true;
  return nullptr;
}

}  // namespace

TEST_CASE("load stack: an instance's thread holds the longest regex search of the matcher") {
  Search result;
  auto thread = scn::load::start_instance_thread(&search, &result);
  REQUIRE_MESSAGE(thread.ok(), thread.reason());
  pthread_join(*thread, nullptr);
  CHECK(result.ran);
  CHECK_FALSE(result.matched);  // searched, not found (no crash)
}
