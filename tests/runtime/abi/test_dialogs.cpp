// Two dialogs at once through the C ABI: the INVITE dialog (implicit) and a conference
// subscription with another Call-ID (named "sub"); the NOTIFY the SS sends must follow
// the subscription's dialog, and each dialog answers to its own name.
#include <doctest/doctest.h>

#include "msg/msg.h"
#include "support.h"

using scn_rt_test::FakeUe;

namespace {

FakeUe* the_ue = nullptr;

const scn_match_template t_invite = {"INVITE", 0, nullptr, 0, nullptr, nullptr};
const scn_match_template t_ack = {"ACK", 0, nullptr, 0, nullptr, nullptr};
const scn_match_template t_subscribe = {"SUBSCRIBE", 0, nullptr, 0, nullptr, nullptr};
const scn_match_template t_200 = {nullptr, 200, nullptr, 0, nullptr, nullptr};
const scn_send_row notify_rows[] = {
    {{SCN_PATH_HEADER, "Event", 0, SCN_PART_WHOLE, nullptr}, SCN_SEND_SET, {"conference", 10}},
    {{SCN_PATH_HEADER, "Subscription-State", 0, SCN_PART_WHOLE, nullptr}, SCN_SEND_SET,
     {"active;expires=600", 18}},
};

std::string contact() { return "Contact: <sip:ue@127.0.0.1:" + std::to_string(the_ue->port()) + ">\r\n"; }

std::string with_call_id(std::string text, const std::string& id) {
  const auto at = text.find("call-1@");
  return text.replace(at, 6, id);
}

std::string to_tag_of(const std::optional<std::string>& text) {
  if (!text) return {};
  auto message = scn::sip::parse(*text);
  return message ? scn_rt_test::tag_param(message->value_or("To")) : std::string();
}

int fail(scn_rt* rt, const std::string& why) {
  scn_fail(rt, why.c_str());
  return SCN_STOP;
}

int step(scn_rt* rt, const char* id, int direction, const char* dialog) {
  const scn_step s = scn_rt_test::make_step(id, direction, "", nullptr, dialog);
  return scn_step_begin(rt, &s);
}

int two_dialogs(scn_rt* rt) {
  const std::string ss = scn_rt_test::text(scn_ss_address(rt));
  step(rt, "1", SCN_UE_TO_SS, nullptr);
  the_ue->send_to(ss, the_ue->request("INVITE", ss, contact()));
  if (scn_expect(rt, &t_invite, 0, 0) < 0) return SCN_STOP;
  step(rt, "2", SCN_SS_TO_UE, nullptr);
  if (scn_send(rt, scn_out_response(rt, 200, nullptr, nullptr, nullptr)) < 0) return SCN_STOP;
  const std::string invite_tag = to_tag_of(the_ue->receive(2000));
  if (invite_tag.empty()) return fail(rt, "no To tag in the 200 for INVITE");
  step(rt, "3", SCN_UE_TO_SS, nullptr);
  std::string ack = the_ue->request("ACK", ss, {}, "z9hG4bKack");
  ack.replace(ack.find(">\r\nCall-ID"), 1, ">;tag=" + invite_tag);
  the_ue->send_to(ss, ack);
  if (scn_expect(rt, &t_ack, 0, 0) < 0) return SCN_STOP;

  step(rt, "4", SCN_UE_TO_SS, "sub");
  the_ue->send_to(ss, with_call_id(the_ue->request("SUBSCRIBE", ss,
                                                   contact() + "Event: conference\r\nExpires: 600\r\n",
                                                   "z9hG4bKsub"),
                                   "call-2@"));
  if (scn_expect(rt, &t_subscribe, 0, 0) < 0) return SCN_STOP;
  step(rt, "5", SCN_SS_TO_UE, "sub");
  if (scn_send(rt, scn_out_response(rt, 200, nullptr, nullptr, nullptr)) < 0) return SCN_STOP;
  const std::string sub_tag = to_tag_of(the_ue->receive(2000));
  if (sub_tag.empty() || sub_tag == invite_tag) return fail(rt, "bad To tag for SUBSCRIBE");
  if (!scn_subscribed(rt, "conference", -1)) return fail(rt, "no conference subscription");

  step(rt, "6", SCN_SS_TO_UE, "sub");
  scn_out* notify = scn_out_request(rt, "NOTIFY", nullptr);
  scn_out_rows(notify, notify_rows, 2);
  if (scn_send(rt, notify) < 0) return SCN_STOP;
  auto received = the_ue->receive(2000);
  auto message = received ? scn::sip::parse(*received) : scn::sip::ParseResult(scn::Error{});
  if (!message || message->method() != "NOTIFY") return fail(rt, "UE got no NOTIFY");
  if (message->value_or("Call-ID").substr(0, 7) != "call-2@") return fail(rt, "NOTIFY Call-ID");
  if (scn_rt_test::tag_param(message->value_or("From")) != sub_tag) return fail(rt, "From tag");
  if (scn_rt_test::tag_param(message->value_or("To")) != "ue1") return fail(rt, "To tag");
  if (message->value_or("CSeq") != "1 NOTIFY") return fail(rt, "CSeq");
  the_ue->send_to(ss, scn::sip::make_response(*message, 200).build());
  step(rt, "7", SCN_UE_TO_SS, "sub");
  if (scn_expect(rt, &t_200, 0, 0) < 0) return SCN_STOP;

  const std::string main_id = scn_rt_test::text(scn_dialog_field(rt, nullptr, SCN_DIALOG_CALL_ID));
  const std::string sub_id = scn_rt_test::text(scn_dialog_field(rt, "sub", SCN_DIALOG_CALL_ID));
  if (main_id.substr(0, 7) != "call-1@" || sub_id.substr(0, 7) != "call-2@")
    return fail(rt, "dialog fields: " + main_id + " / " + sub_id);
  if (scn_rt_test::text(scn_dialog_field(rt, "sub", SCN_DIALOG_LOCAL_TAG)) != sub_tag)
    return fail(rt, "local tag of sub");
  return SCN_OK;
}

}  // namespace

TEST_CASE("rt dialogs: an INVITE dialog and a subscription dialog side by side") {
  const scn_testcase testcase = scn_rt_test::make_testcase("dialogs", nullptr, two_dialogs);
  const scn_program program{SCN_RT_ABI_VERSION, "test_rt_dialogs", &testcase, 1, nullptr, 0,
                            nullptr, 0};
  FakeUe ue;
  the_ue = &ue;
  auto r = scn_rt_test::run_main(program,
                                 {"--bind", "127.0.0.1:0", "--timeout", "2", "--linger", "0"});
  the_ue = nullptr;
  INFO(r.out);
  CHECK(r.exit_code == 0);
  CHECK(r.last_line() == "PASS");
}
