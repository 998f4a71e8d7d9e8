// An early dialog made by the SS's 183 through the C ABI: the UE refreshes the target
// with an UPDATE, the SS's 200 to the INVITE confirms the dialog, the ACK (whose CSeq
// is below the UPDATE's) is accepted, and the SS's BYE follows the confirmed dialog.
#include <doctest/doctest.h>

#include "dialog/dialog.h"
#include "executor/executor.h"
#include "msg/msg.h"
#include "support.h"

using scn_rt_test::FakeUe;

namespace {

FakeUe* the_ue = nullptr;

// What the entry function saw of the executor's dialogs, for the checks after the run.
struct Seen {
  std::size_t dialogs_after_183 = 0;
  std::string state_after_183;
  std::size_t dialogs_after_ack = 0;
  std::string state_after_ack;
  std::string remote_target;
  std::string route_set;
  std::string bye;
};
Seen* seen = nullptr;

const scn_match_template t_invite = {"INVITE", 0, nullptr, 0, nullptr, nullptr};
const scn_match_template t_update = {"UPDATE", 0, nullptr, 0, nullptr, nullptr};
const scn_match_template t_ack = {"ACK", 0, nullptr, 0, nullptr, nullptr};
const scn_match_template t_200 = {nullptr, 200, nullptr, 0, nullptr, nullptr};

std::string me() { return "127.0.0.1:" + std::to_string(the_ue->port()); }
std::string contact_a() { return "<sip:ue-a@" + me() + ">"; }
std::string contact_b() { return "sip:ue-b@" + me(); }

int fail(scn_rt* rt, const std::string& why) {
  scn_fail(rt, why.c_str());
  return SCN_STOP;
}

int step(scn_rt* rt, const char* id, int direction) {
  const scn_step s = scn_rt_test::make_step(id, direction);
  return scn_step_begin(rt, &s);
}

// The next message the UE receives whose start line begins with `prefix`: the SS may
// retransmit its 2xx to the INVITE before the ACK reaches it.
std::optional<std::string> receive_starting(const std::string& prefix) {
  for (int i = 0; i < 10; ++i) {
    auto text = the_ue->receive(2000);
    if (!text) return std::nullopt;
    if (text->rfind(prefix, 0) == 0) return text;
  }
  return std::nullopt;
}

// An in-dialog request of the UE: the SS's To tag and the given CSeq.
std::string in_dialog(const std::string& method, const std::string& ss, const std::string& tag,
                      int cseq, const std::string& extra = {}) {
  std::string text = the_ue->request(method, ss, extra, "z9hG4bK" + method + std::to_string(cseq),
                                     cseq);
  return text.replace(text.find(">\r\nCall-ID"), 1, ">;tag=" + tag);
}

std::string dialog_state(scn_rt* rt) {
  const scn::sip::DialogSet& set = rt->executor->dialogs();
  return set.empty() ? std::string("none") : std::string(to_string(set.at(0).state()));
}

int early_then_confirmed(scn_rt* rt) {
  const std::string ss = scn_rt_test::text(scn_ss_address(rt));
  step(rt, "1", SCN_UE_TO_SS);
  the_ue->send_to(ss, the_ue->request("INVITE", ss,
                                      "Contact: " + contact_a() + "\r\n" +
                                          "Record-Route: <sip:p1.home1.net;lr>, "
                                          "<sip:p2.home1.net;lr>\r\n"));
  if (scn_expect(rt, &t_invite, 0, 0) < 0) return SCN_STOP;

  step(rt, "2", SCN_SS_TO_UE);
  if (scn_send(rt, scn_out_response(rt, 183, nullptr, nullptr, "INVITE")) < 0) return SCN_STOP;
  auto progress = receive_starting("SIP/2.0 183");
  const std::string tag =
      progress ? scn_rt_test::tag_param(scn::sip::parse(*progress)->value_or("To")) : "";
  if (tag.empty()) return fail(rt, "no To tag in the 183");
  seen->dialogs_after_183 = rt->executor->dialogs().size();
  seen->state_after_183 = dialog_state(rt);

  step(rt, "3", SCN_UE_TO_SS);
  the_ue->send_to(ss, in_dialog("UPDATE", ss, tag, 2, "Contact: <" + contact_b() + ">\r\n"));
  if (scn_expect(rt, &t_update, 0, 0) < 0) return SCN_STOP;
  step(rt, "4", SCN_SS_TO_UE);
  if (scn_send(rt, scn_out_response(rt, 200, nullptr, nullptr, "UPDATE")) < 0) return SCN_STOP;
  if (!receive_starting("SIP/2.0 200")) return fail(rt, "UE got no 200 for UPDATE");

  step(rt, "5", SCN_SS_TO_UE);
  if (scn_send(rt, scn_out_response(rt, 200, nullptr, nullptr, "INVITE")) < 0) return SCN_STOP;
  if (!receive_starting("SIP/2.0 200")) return fail(rt, "UE got no 200 for INVITE");
  step(rt, "6", SCN_UE_TO_SS);
  the_ue->send_to(ss, in_dialog("ACK", ss, tag, 1));
  if (scn_expect(rt, &t_ack, 0, 0) < 0) return SCN_STOP;
  seen->dialogs_after_ack = rt->executor->dialogs().size();
  seen->state_after_ack = dialog_state(rt);
  seen->remote_target = scn_rt_test::text(scn_dialog_field(rt, nullptr, SCN_DIALOG_REMOTE_TARGET));
  seen->route_set = scn_rt_test::text(scn_dialog_field(rt, nullptr, SCN_DIALOG_ROUTE_SET));

  step(rt, "7", SCN_SS_TO_UE);
  if (scn_send(rt, scn_out_request(rt, "BYE", nullptr)) < 0) return SCN_STOP;
  auto bye = receive_starting("BYE ");
  if (!bye) return fail(rt, "UE got no BYE");
  seen->bye = *bye;
  the_ue->send_to(ss, scn::sip::make_response(*scn::sip::parse(*bye), 200).build());
  step(rt, "8", SCN_UE_TO_SS);
  return scn_expect(rt, &t_200, 0, 0);
}

}  // namespace

TEST_CASE("rt dialogs: the 200 to INVITE confirms the dialog the 183 created") {
  const scn_testcase testcase = scn_rt_test::make_testcase("early", nullptr, early_then_confirmed);
  const scn_program program{SCN_RT_ABI_VERSION, "test_rt_early_dialog", &testcase, 1, nullptr, 0,
                            nullptr, 0};
  FakeUe ue;
  Seen what;
  const std::string target = "sip:ue-b@127.0.0.1:" + std::to_string(ue.port());
  the_ue = &ue;
  seen = &what;
  auto r = scn_rt_test::run_main(program,
                                 {"--bind", "127.0.0.1:0", "--timeout", "2", "--linger", "0"});
  the_ue = nullptr;
  seen = nullptr;
  INFO(r.out);
  CHECK(r.exit_code == 0);
  CHECK(r.last_line() == "PASS");
  CHECK(what.dialogs_after_183 == 1u);
  CHECK(what.state_after_183 == "early");
  CHECK(what.dialogs_after_ack == 1u);  // the 200 reuses the early dialog, makes no other
  CHECK(what.state_after_ack == "confirmed");
  CHECK(what.remote_target == target);  // refreshed by the UPDATE
  CHECK(what.route_set == "<sip:p1.home1.net;lr>, <sip:p2.home1.net;lr>");

  auto bye = scn::sip::parse(what.bye);
  REQUIRE_MESSAGE(bye.ok(), what.bye);
  CHECK(bye->request_uri() == target);
  CHECK(bye->values("Route") ==
        std::vector<std::string_view>{"<sip:p1.home1.net;lr>", "<sip:p2.home1.net;lr>"});
}
