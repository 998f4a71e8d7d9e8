// UE-dependent behaviour in a test case without parties, as the code generator lays it
// out: `either { 2 UE -> SS 180 Ringing  3 UE -> SS 200 OK } or { 3 UE -> SS 200 OK }`
// after an INVITE, and `in any order` of two 200 OK told apart by their CSeq rows.
#include <doctest/doctest.h>

#include "ue.h"

using scn_rt_test::make_step;
using scn_rt_test::Ue;

namespace {

Ue* the_ue = nullptr;
std::vector<int> answers;  // what the UE answers the INVITE with, in order
std::size_t branch = 99;   // the branch either chose

const scn_path path_ruri = {SCN_PATH_REQUEST_URI, nullptr, 0, SCN_PART_WHOLE, nullptr};
const scn_path path_from = {SCN_PATH_HEADER, "From", 0, SCN_PART_WHOLE, nullptr};
const scn_path path_to = {SCN_PATH_HEADER, "To", 0, SCN_PART_WHOLE, nullptr};
const scn_match_template t_180 = {nullptr, 180, nullptr, 0, nullptr, nullptr};
const scn_match_template t_200 = {nullptr, 200, nullptr, 0, nullptr, nullptr};
const scn_str v_message[] = {{"MESSAGE", 7}};
const scn_str v_options[] = {{"OPTIONS", 7}};
const scn_match_row rows_message[] = {
    {{SCN_PATH_HEADER, "CSeq", 0, SCN_PART_CSEQ_METHOD, nullptr}, SCN_MATCH_EQUAL, v_message, 1,
     nullptr, nullptr}};
const scn_match_row rows_options[] = {
    {{SCN_PATH_HEADER, "CSeq", 0, SCN_PART_CSEQ_METHOD, nullptr}, SCN_MATCH_EQUAL, v_options, 1,
     nullptr, nullptr}};
const scn_match_template t_200_message = {nullptr, 200, rows_message, 1, nullptr, nullptr};
const scn_match_template t_200_options = {nullptr, 200, rows_options, 1, nullptr, nullptr};

const scn_step steps[] = {make_step("1", SCN_SS_TO_UE, "INVITE"),
                          make_step("2", SCN_UE_TO_SS, "180 Ringing"),
                          make_step("3", SCN_UE_TO_SS, "200 OK"),
                          make_step("4", SCN_SS_TO_UE, "ACK")};
const scn_expect_alt ringing[] = {{&steps[1], &t_180}, {&steps[2], &t_200}};

scn_out* request_to_ue(scn_rt* rt, const char* method) {
  scn_out* out = scn_out_request(rt, method, nullptr);
  const std::string uri = the_ue->uri();
  scn_out_set(out, &path_ruri, {uri.c_str(), uri.size()});
  scn_out_set(out, &path_from, {"<sip:ss@home1.net>", 18});
  scn_out_set(out, &path_to, {"<sip:ue@home1.net>", 18});
  return out;
}

int fail(scn_rt* rt, const char* why) {
  scn_fail(rt, why);
  return SCN_STOP;
}

// 1 SS -> UE INVITE; either {2 180, 3 200} or {3 200}; 4 SS -> UE ACK.
int ring_or_answer(scn_rt* rt) {
  const std::string ss = scn_rt_test::text(scn_ss_address(rt));
  if (scn_step_begin(rt, &steps[0]) < 0) return SCN_STOP;
  if (scn_send(rt, request_to_ue(rt, "INVITE")) < 0) return SCN_STOP;
  auto invite = the_ue->receive();
  if (!invite) return fail(rt, "no INVITE at the UE");
  for (int status : answers) the_ue->send(ss, the_ue->answer(*invite, status));
  std::size_t& chosen = branch;
  if (scn_expect_first(rt, ringing, 2, 0, 0, &chosen) < 0) return SCN_STOP;
  if (chosen == 0) {
    if (scn_step_begin(rt, &steps[2]) < 0) return SCN_STOP;
    if (scn_expect(rt, &t_200, 0, 0) < 0) return SCN_STOP;
  }
  if (scn_step_begin(rt, &steps[3]) < 0) return SCN_STOP;
  return scn_send(rt, scn_out_request(rt, "ACK", nullptr));
}

const scn_step each_steps[] = {make_step("1", SCN_SS_TO_UE, "MESSAGE"),
                               make_step("2", SCN_SS_TO_UE, "OPTIONS"),
                               make_step("3", SCN_UE_TO_SS, "200 OK"),
                               make_step("4", SCN_UE_TO_SS, "200 OK")};
const scn_expect_alt answers_each[] = {{&each_steps[2], &t_200_message},
                                       {&each_steps[3], &t_200_options}};

// 1 MESSAGE, 2 OPTIONS; in any order {3 200 (MESSAGE), 4 200 (OPTIONS)}: the UE answers
// the OPTIONS first.
int two_answers(scn_rt* rt) {
  const std::string ss = scn_rt_test::text(scn_ss_address(rt));
  std::vector<scn::sip::Message> requests;
  for (int i = 0; i < 2; ++i) {
    if (scn_step_begin(rt, &each_steps[i]) < 0) return SCN_STOP;
    if (scn_send(rt, request_to_ue(rt, i == 0 ? "MESSAGE" : "OPTIONS")) < 0) return SCN_STOP;
    auto request = the_ue->receive();
    if (!request) return fail(rt, "no request at the UE");
    requests.push_back(*request);
  }
  the_ue->send(ss, the_ue->answer(requests[1], 200));
  the_ue->send(ss, the_ue->answer(requests[0], 200));
  return scn_expect_each(rt, answers_each, 2, 0);
}

scn_rt_test::RunResult run(int (*entry)(scn_rt*), std::vector<int> statuses = {}) {
  const scn_testcase testcase = scn_rt_test::make_testcase("tc", nullptr, entry);
  const scn_program program{SCN_RT_ABI_VERSION, "test_rt_alternatives", &testcase, 1, nullptr,
                            0, nullptr, 0};
  Ue ue("UE");
  the_ue = &ue;
  answers = std::move(statuses);
  branch = 99;
  auto r = scn_rt_test::run_main(program, {"--bind", "127.0.0.1:0", "--timeout", "1", "--linger",
                                           "0", "--ue", ue.address()});
  the_ue = nullptr;
  return r;
}

}  // namespace

TEST_CASE("rt alternatives: the UE rings first, the first branch runs") {
  auto r = run(ring_or_answer, {180, 200});
  INFO(r.out);
  CHECK(r.last_line() == "PASS");
  CHECK(r.out.find("  4  SS -> UE  ACK") != std::string::npos);
  CHECK(branch == 0);
}

TEST_CASE("rt alternatives: the UE answers at once, the second branch runs") {
  auto r = run(ring_or_answer, {200});
  INFO(r.out);
  CHECK(r.last_line() == "PASS");
  CHECK(branch == 1);
}

TEST_CASE("rt alternatives: a provisional response no branch asks for is passed by") {
  auto r = run(ring_or_answer, {183, 200});
  INFO(r.out);
  CHECK(r.last_line() == "PASS");
  CHECK(branch == 1);
}

TEST_CASE("rt alternatives: a final response no branch fits fails the first that would judge it") {
  auto r = run(ring_or_answer, {486});
  INFO(r.out);
  CHECK(r.exit_code == 1);
  CHECK(r.last_line() == "FAIL step 2: 180 Ringing: Status: expected 180, received \"486\"");
}

TEST_CASE("rt alternatives: in any order tells two 200 OK apart by their rows") {
  auto r = run(two_answers);
  INFO(r.out);
  CHECK(r.last_line() == "PASS");
}
