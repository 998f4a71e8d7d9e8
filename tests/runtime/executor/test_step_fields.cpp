// scn_step::fields_read: a run that reports nothing (a load instance) keeps of a step's
// message only the fields later steps read, and scn_step_field returns what reading the
// whole message would; every other run keeps the message (the REPL may ask anything).
#include <doctest/doctest.h>

#include <string>

#include "../abi/parties.h"
#include "../abi/ue.h"
#include "executor/executor.h"

namespace {

const scn_path contact_addr = {SCN_PATH_HEADER, "Contact", 0, SCN_PART_ADDR_SPEC, nullptr};
const scn_path subject = {SCN_PATH_HEADER, "Subject", 0, SCN_PART_WHOLE, nullptr};
const scn_match_template t_options = {"OPTIONS", 0, nullptr, 0, nullptr, nullptr};

struct Read {
  std::string contact, subject;
};
Read* the_read = nullptr;
scn_step the_steps[2];

// 1 UE -> SS OPTIONS; 2 SS -> UE 200 OK, reading step 1's Contact and Subject.
int options_then_read(scn_rt* rt) {
  if (scn_step_begin(rt, &the_steps[0]) < 0 || scn_expect(rt, &t_options, 0, 0) < 0)
    return SCN_STOP;
  if (scn_step_begin(rt, &the_steps[1]) < 0) return SCN_STOP;
  the_read->contact = scn_rt_test::text(scn_step_field(rt, "1", &contact_addr));
  the_read->subject = scn_rt_test::text(scn_step_field(rt, "1", &subject));
  return scn_send(rt, scn_out_response(rt, 200, nullptr, nullptr, nullptr));
}

// Runs options_then_read against a UE that sends the OPTIONS first; the step table as
// given, silent as a load instance is or not.
Read run(const scn_step& first, bool silent, std::string& line) {
  Read read;
  the_read = &read;
  the_steps[0] = first;
  the_steps[1] = scn_rt_test::make_step("2", SCN_SS_TO_UE, "200 OK");
  scn_rt_test::Ue ue("UE");
  const char* argv[] = {"prog", "--bind", "127.0.0.1:0", "--quiet", "--linger", "0", "--timeout", "2"};
  auto options = scn::parse_run_options(8, argv);
  REQUIRE(options.ok());
  options.value().silent = silent;
  const scn_testcase testcase =
      scn_rt_test::make_testcase("fields", options_then_read, the_steps, 2, nullptr, 0);
  const scn_program program{SCN_RT_ABI_VERSION, "test_step_fields", &testcase, 1,
                            nullptr,            0,                  nullptr,   0};
  scn::Executor executor(*options, program, testcase);
  REQUIRE(executor.open().ok());
  const std::string ss = scn_rt_test::text(scn_ss_address(executor.handle()));
  ue.send(ss, ue.request("OPTIONS", "sip:ss@" + ss, "fields-1", "Subject: kept whole\r\n"));
  executor.call(options_then_read, false);
  executor.end_checks();
  line = scn::render_final_line(executor.verdict().verdict());
  the_read = nullptr;
  read.contact = read.contact == ue.uri() ? "the UE's" : read.contact;
  return read;
}

}  // namespace

TEST_CASE("step fields: a silent run keeps the fields read and reads them as from the message") {
  scn_step first = scn_rt_test::make_step("1", SCN_UE_TO_SS, "OPTIONS");
  first.fields_read = &contact_addr;
  first.fields_read_count = 1;
  std::string line;
  Read silent = run(first, true, line);
  CHECK(line == "PASS");
  CHECK(silent.contact == "the UE's");
  CHECK(silent.subject == "");  // not declared read: not kept
  Read reported = run(first, false, line);
  CHECK(line == "PASS");
  CHECK(reported.contact == "the UE's");
  CHECK(reported.subject == "kept whole");
}

TEST_CASE("step fields: without fields_read the message is kept whole; unread, not at all") {
  scn_step first = scn_rt_test::make_step("1", SCN_UE_TO_SS, "OPTIONS");
  std::string line;
  Read whole = run(first, true, line);
  CHECK(whole.contact == "the UE's");
  CHECK(whole.subject == "kept whole");
  first.message_unread = 1;
  Read unread = run(first, true, line);
  CHECK(line == "PASS");
  CHECK(unread.contact == "");
  CHECK(unread.subject == "");
}
