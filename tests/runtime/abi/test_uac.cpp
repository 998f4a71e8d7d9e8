// The SS as the caller through the C ABI: an INVITE it sends creates the dialog from the
// UE's 2xx, the ACK and BYE follow the dialog, and a retransmitted 2xx gets the ACK
// again (RFC 3261 13.2.2.4) instead of reaching the test case.
#include <doctest/doctest.h>

#include "msg/msg.h"
#include "support.h"

using scn_rt_test::FakeUe;

namespace {

FakeUe* the_ue = nullptr;

const scn_path path_ruri = {SCN_PATH_REQUEST_URI, nullptr, 0, SCN_PART_WHOLE, nullptr};
const scn_path path_from = {SCN_PATH_HEADER, "From", 0, SCN_PART_WHOLE, nullptr};
const scn_path path_to = {SCN_PATH_HEADER, "To", 0, SCN_PART_WHOLE, nullptr};
const scn_str v_invite[] = {{"INVITE", 6}};
const scn_match_row rows_200[] = {
    {{SCN_PATH_HEADER, "CSeq", 0, SCN_PART_CSEQ_METHOD, nullptr}, SCN_MATCH_EQUAL, v_invite, 1,
     nullptr, nullptr},
};
const scn_match_template t_200_invite = {nullptr, 200, rows_200, 1, nullptr, nullptr};
const scn_match_template t_200 = {nullptr, 200, nullptr, 0, nullptr, nullptr};
const scn_match_template t_nothing = {"MESSAGE", 0, nullptr, 0, nullptr, nullptr};

std::string ue_uri() { return "sip:ue@127.0.0.1:" + std::to_string(the_ue->port()); }

// The UE answers a request it received with 200 OK (To tag "ue9", Contact of the UE).
std::string answer(const std::string& request_text) {
  auto request = scn::sip::parse(request_text);
  if (!request) return {};
  auto response = scn::sip::make_response(*request, 200, {}, "ue9");
  response.add("Contact", "<" + ue_uri() + ">");
  return response.build();
}

bool starts(const std::optional<std::string>& text, const std::string& prefix) {
  return text && text->rfind(prefix, 0) == 0;
}

int fail(scn_rt* rt, const std::string& why) {
  scn_fail(rt, why.c_str());
  return SCN_STOP;
}

int call_and_release(scn_rt* rt) {
  const std::string ss = scn_rt_test::text(scn_ss_address(rt));
  const scn_step s1 = scn_rt_test::make_step("1", SCN_SS_TO_UE, "INVITE", nullptr, nullptr);
  scn_step_begin(rt, &s1);
  scn_out* invite = scn_out_request(rt, "INVITE", nullptr);
  const std::string uri = ue_uri();
  scn_out_set(invite, &path_ruri, {uri.c_str(), uri.size()});
  scn_out_set(invite, &path_from, {"<sip:ss@home1.net>", 18});
  scn_out_set(invite, &path_to, {"<sip:ue@home1.net>", 18});
  if (scn_send(rt, invite) < 0) return SCN_STOP;
  auto received = the_ue->receive(2000);
  if (!starts(received, "INVITE " + uri + " SIP/2.0")) return fail(rt, "UE got no INVITE");
  const std::string ok = answer(*received);
  the_ue->send_to(ss, ok);

  const scn_step s2 = scn_rt_test::make_step("2", SCN_UE_TO_SS, "200 OK", nullptr, nullptr);
  scn_step_begin(rt, &s2);
  if (scn_expect(rt, &t_200_invite, 0, 0) < 0) return SCN_STOP;

  const scn_step s3 = scn_rt_test::make_step("3", SCN_SS_TO_UE, "ACK", nullptr, nullptr);
  scn_step_begin(rt, &s3);
  if (scn_send(rt, scn_out_request(rt, "ACK", nullptr)) < 0) return SCN_STOP;
  auto ack = the_ue->receive(2000);
  if (!starts(ack, "ACK " + uri + " SIP/2.0") || ack->find("CSeq: 1 ACK") == std::string::npos ||
      ack->find(";tag=ue9") == std::string::npos)
    return fail(rt, "bad ACK: " + ack.value_or("none"));

  the_ue->send_to(ss, ok);  // as if the ACK had been lost
  scn_expect(rt, &t_nothing, 300, SCN_EXPECT_OPTIONAL);  // lets the SS absorb it
  if (!starts(the_ue->receive(2000), "ACK ")) return fail(rt, "no ACK for the retransmitted 200");

  const scn_step s4 = scn_rt_test::make_step("4", SCN_SS_TO_UE, "BYE", nullptr, nullptr);
  scn_step_begin(rt, &s4);
  if (scn_send(rt, scn_out_request(rt, "BYE", nullptr)) < 0) return SCN_STOP;
  auto bye = the_ue->receive(2000);
  if (!starts(bye, "BYE " + uri + " SIP/2.0") || bye->find("CSeq: 2 BYE") == std::string::npos)
    return fail(rt, "bad BYE: " + bye.value_or("none"));
  the_ue->send_to(ss, answer(*bye));

  const scn_step s5 = scn_rt_test::make_step("5", SCN_UE_TO_SS, "200 OK", nullptr, nullptr);
  scn_step_begin(rt, &s5);
  return scn_expect(rt, &t_200, 0, 0);
}

}  // namespace

TEST_CASE("rt uac: INVITE 200 ACK (again for a retransmitted 200) then BYE 200") {
  const scn_testcase testcase = scn_rt_test::make_testcase("uac", nullptr, call_and_release);
  const scn_program program{SCN_RT_ABI_VERSION, "test_rt_uac", &testcase, 1, nullptr, 0,
                            nullptr, 0};
  FakeUe ue;
  the_ue = &ue;
  auto r = scn_rt_test::run_main(program, {"--bind", "127.0.0.1:0", "--timeout", "2", "--ue",
                                           "127.0.0.1:" + std::to_string(ue.port()),
                                           "--linger", "0"});
  the_ue = nullptr;
  INFO(r.out);
  CHECK(r.exit_code == 0);
  CHECK(r.last_line() == "PASS");
  CHECK(r.out.find("  3  SS -> UE  ACK " + std::string("sip:ue@127.0.0.1:")) != std::string::npos);
}
