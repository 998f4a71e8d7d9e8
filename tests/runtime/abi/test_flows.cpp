// Flows the network starts, as steps of a test case that declares parties: the SS
// subscribes to a UE (NOTIFY back, un-SUBSCRIBE), a UE subscribes to the SS (NOTIFY
// from the SS, un-SUBSCRIBE from the UE), REFER outside and inside a dialog with the
// NOTIFY the UE sends for it, and BYE from the network. UE1 is a socket of the test.
#include <doctest/doctest.h>

#include "ue.h"

using scn_rt_test::party_step;
using scn_rt_test::Ue;
using scn_rt_test::UeDialog;
using P = scn_rt_test::Party;

namespace {

Ue* ue1 = nullptr;

const scn_match_template t_subscribe = {"SUBSCRIBE", 0, nullptr, 0, nullptr, nullptr};
const scn_match_template t_notify = {"NOTIFY", 0, nullptr, 0, nullptr, nullptr};
const scn_match_template t_200 = {nullptr, 200, nullptr, 0, nullptr, nullptr};
const scn_match_template t_202 = {nullptr, 202, nullptr, 0, nullptr, nullptr};
const scn_path path_ruri = {SCN_PATH_REQUEST_URI, nullptr, 0, SCN_PART_WHOLE, nullptr};
const scn_path path_from = {SCN_PATH_HEADER, "From", 0, SCN_PART_WHOLE, nullptr};
const scn_path path_to = {SCN_PATH_HEADER, "To", 0, SCN_PART_WHOLE, nullptr};
const scn_path path_event = {SCN_PATH_HEADER, "Event", 0, SCN_PART_WHOLE, nullptr};
const scn_path path_expires = {SCN_PATH_HEADER, "Expires", 0, SCN_PART_WHOLE, nullptr};
const scn_path path_state = {SCN_PATH_HEADER, "Subscription-State", 0, SCN_PART_WHOLE, nullptr};
const scn_path path_refer_to = {SCN_PATH_HEADER, "Refer-To", 0, SCN_PART_WHOLE, nullptr};

struct Failed {
  std::string why;
};

void check(bool ok, const std::string& why) {
  if (!ok) throw Failed{why};
}

scn_str str(const std::string& text) { return {text.c_str(), text.size()}; }

void step(scn_rt* rt, const char* id, P from, P to, const char* dialog = nullptr) {
  const scn_step s = party_step(id, from, to, "", dialog);
  if (scn_step_begin(rt, &s) < 0) throw Failed{"step " + std::string(id) + " refused"};
}

void expect(scn_rt* rt, const scn_match_template& t) {
  if (scn_expect(rt, &t, 0, 0) != SCN_MATCHED) throw Failed{"expect failed"};
}

void send(scn_rt* rt, scn_out* out) {
  if (scn_send(rt, out) < 0) throw Failed{"send failed"};
}

void answer(scn_rt* rt, int status) { send(rt, scn_out_response(rt, status, nullptr, nullptr, nullptr)); }

// A request of the SS outside any dialog, to UE1.
scn_out* out_of_dialog(scn_rt* rt, const char* method) {
  scn_out* out = scn_out_request(rt, method, nullptr);
  const std::string uri = ue1->uri();
  scn_out_set(out, &path_ruri, str(uri));
  scn_out_set(out, &path_from, {"<sip:ss@home1.net>", 18});
  scn_out_set(out, &path_to, {"<sip:ue1@home1.net>", 19});
  return out;
}

scn::sip::Message got(const std::string& start) {
  auto message = ue1->receive();
  check(message.has_value(), "UE1 got nothing, waiting for " + start);
  check(message->start_line().rfind(start, 0) == 0,
        "UE1 got " + std::string(message->start_line()) + ", not " + start);
  return *message;
}

int caught(scn_rt* rt, void (*body)(scn_rt*, const std::string&)) {
  try {
    body(rt, scn_rt_test::text(scn_ss_address(rt)));
  } catch (const Failed& failed) {
    if (scn_verdict(rt) == SCN_PASS) scn_fail(rt, failed.why.c_str());
    return SCN_STOP;
  }
  return SCN_OK;
}

// 1-4: the SS subscribes, UE1 notifies; 5-8: the SS unsubscribes (Expires: 0).
void network_subscribes(scn_rt* rt, const std::string& ss) {
  step(rt, "1", P::SS, P::UE1, "sub");
  scn_out* subscribe = out_of_dialog(rt, "SUBSCRIBE");
  scn_out_set(subscribe, &path_event, {"reg", 3});
  scn_out_set(subscribe, &path_expires, {"600", 3});
  send(rt, subscribe);
  const scn::sip::Message received = got("SUBSCRIBE " + ue1->uri());
  UeDialog d = ue1->as_callee(received);
  ue1->send(ss, ue1->answer(received, 200, "Expires: 600\r\n"));
  step(rt, "2", P::UE1, P::SS, "sub");
  expect(rt, t_200);
  ue1->send(ss, ue1->in_dialog(d, "NOTIFY", "Event: reg\r\nSubscription-State: active;expires=600\r\n"));
  step(rt, "3", P::UE1, P::SS, "sub");
  expect(rt, t_notify);
  step(rt, "4", P::SS, P::UE1, "sub");
  answer(rt, 200);
  got("SIP/2.0 200");

  step(rt, "5", P::SS, P::UE1, "sub");
  scn_out* unsubscribe = scn_out_request(rt, "SUBSCRIBE", nullptr);
  scn_out_set(unsubscribe, &path_event, {"reg", 3});
  scn_out_set(unsubscribe, &path_expires, {"0", 1});
  send(rt, unsubscribe);
  const scn::sip::Message again = got("SUBSCRIBE " + ue1->uri());
  check(again.value_or("CSeq") == "2 SUBSCRIBE", "un-SUBSCRIBE in the dialog");
  check(again.value_or("To").find(";tag=UE1-tag") != std::string_view::npos, "To tag of UE1");
  ue1->send(ss, ue1->answer(again, 200, "Expires: 0\r\n"));
  step(rt, "6", P::UE1, P::SS, "sub");
  expect(rt, t_200);
  ue1->send(ss, ue1->in_dialog(d, "NOTIFY", "Event: reg\r\nSubscription-State: terminated\r\n"));
  step(rt, "7", P::UE1, P::SS, "sub");
  expect(rt, t_notify);
  step(rt, "8", P::SS, P::UE1, "sub");
  answer(rt, 200);
  got("SIP/2.0 200");
}

// 1-4: UE1 subscribes, the SS notifies; 5-8: UE1 unsubscribes, the SS's last NOTIFY.
void ue_subscribes(scn_rt* rt, const std::string& ss) {
  ue1->send(ss, ue1->request("SUBSCRIBE", "sip:conf@" + ss, "sub-1",
                             "Event: conference\r\nExpires: 600\r\n"));
  step(rt, "1", P::UE1, P::SS, "conf");
  expect(rt, t_subscribe);
  step(rt, "2", P::SS, P::UE1, "conf");
  answer(rt, 200);
  UeDialog d = Ue::as_caller(got("SIP/2.0 200"));
  check(scn_subscribed(rt, "conference", -1) == 1, "UE1 subscribed");
  step(rt, "3", P::SS, P::UE1, "conf");
  scn_out* notify = scn_out_request(rt, "NOTIFY", nullptr);
  scn_out_set(notify, &path_event, {"conference", 10});
  scn_out_set(notify, &path_state, {"active;expires=600", 18});
  send(rt, notify);
  const scn::sip::Message first = got("NOTIFY " + ue1->uri());
  ue1->send(ss, ue1->answer(first, 200));
  step(rt, "4", P::UE1, P::SS, "conf");
  expect(rt, t_200);

  ue1->send(ss, ue1->in_dialog(d, "SUBSCRIBE", "Event: conference\r\nExpires: 0\r\n"));
  step(rt, "5", P::UE1, P::SS, "conf");
  expect(rt, t_subscribe);
  step(rt, "6", P::SS, P::UE1, "conf");
  answer(rt, 200);
  got("SIP/2.0 200");
  step(rt, "7", P::SS, P::UE1, "conf");
  scn_out* last = scn_out_request(rt, "NOTIFY", nullptr);
  scn_out_set(last, &path_event, {"conference", 10});
  scn_out_set(last, &path_state, {"terminated;reason=timeout", 25});
  send(rt, last);
  const scn::sip::Message final_notify = got("NOTIFY " + ue1->uri());
  check(final_notify.value_or("CSeq") == "2 NOTIFY", "the SS's CSeq counts on");
  ue1->send(ss, ue1->answer(final_notify, 200));
  step(rt, "8", P::UE1, P::SS, "conf");
  expect(rt, t_200);
  check(scn_subscribed(rt, "conference", -1) == 0, "subscription over");
}

// UE1's NOTIFY for a REFER, answered by the SS.
void refer_notify(scn_rt* rt, const std::string& ss, UeDialog& d, const char* first,
                  const char* dialog) {
  ue1->send(ss, ue1->in_dialog(d, "NOTIFY",
                               "Event: refer\r\nSubscription-State: terminated;reason=noresource\r\n"));
  step(rt, first, P::UE1, P::SS, dialog);
  expect(rt, t_notify);
  step(rt, (std::string(first) + "a").c_str(), P::SS, P::UE1, dialog);
  answer(rt, 200);
  got("SIP/2.0 200");
}

// REFER outside a dialog (1-3), INVITE dialog (4-6), REFER in it (7-9), BYE (10-11).
void network_refers(scn_rt* rt, const std::string& ss) {
  step(rt, "1", P::SS, P::UE1, "transfer");
  scn_out* refer = out_of_dialog(rt, "REFER");
  scn_out_set(refer, &path_refer_to, {"<sip:user3@home1.net>", 21});
  send(rt, refer);
  const scn::sip::Message received = got("REFER " + ue1->uri());
  UeDialog transfer = ue1->as_callee(received);
  ue1->send(ss, ue1->answer(received, 202));
  step(rt, "2", P::UE1, P::SS, "transfer");
  expect(rt, t_202);
  refer_notify(rt, ss, transfer, "3", "transfer");

  step(rt, "4", P::SS, P::UE1, "call");
  send(rt, out_of_dialog(rt, "INVITE"));
  const scn::sip::Message invite = got("INVITE " + ue1->uri());
  check(invite.value_or("Call-ID") != received.value_or("Call-ID"), "a new dialog");
  UeDialog call = ue1->as_callee(invite);
  ue1->send(ss, ue1->answer(invite, 200));
  step(rt, "5", P::UE1, P::SS, "call");
  expect(rt, t_200);
  step(rt, "6", P::SS, P::UE1, "call");
  send(rt, scn_out_request(rt, "ACK", nullptr));
  got("ACK " + ue1->uri());

  step(rt, "7", P::SS, P::UE1, "call");
  scn_out* in_call = scn_out_request(rt, "REFER", nullptr);
  scn_out_set(in_call, &path_refer_to, {"<sip:user4@home1.net>", 21});
  send(rt, in_call);
  const scn::sip::Message refer_in_call = got("REFER " + ue1->uri());
  check(refer_in_call.value_or("Call-ID") == invite.value_or("Call-ID"), "REFER in the call");
  ue1->send(ss, ue1->answer(refer_in_call, 202));
  step(rt, "8", P::UE1, P::SS, "call");
  expect(rt, t_202);
  refer_notify(rt, ss, call, "9", "call");

  step(rt, "10", P::SS, P::UE1, "call");
  send(rt, scn_out_request(rt, "BYE", nullptr));
  const scn::sip::Message bye = got("BYE " + ue1->uri());
  check(bye.value_or("CSeq") == "3 BYE", "BYE after INVITE and REFER: " + std::string(bye.value_or("CSeq")));
  ue1->send(ss, ue1->answer(bye, 200));
  step(rt, "11", P::UE1, P::SS, "call");
  expect(rt, t_200);
}

int network_subscribes_entry(scn_rt* rt) { return caught(rt, network_subscribes); }
int ue_subscribes_entry(scn_rt* rt) { return caught(rt, ue_subscribes); }
int network_refers_entry(scn_rt* rt) { return caught(rt, network_refers); }

scn_rt_test::RunResult run(int (*entry)(scn_rt*)) {
  const scn_testcase testcase = scn_rt_test::conference_testcase("flows", entry);
  const scn_program program{SCN_RT_ABI_VERSION, "test_rt_flows", &testcase, 1, nullptr, 0,
                            nullptr, 0};
  Ue first("UE1");
  ue1 = &first;
  auto r = scn_rt_test::run_main(program, {"--bind", "127.0.0.1:0", "--timeout", "2", "--linger",
                                           "0", "--ue", "UE1=" + first.address()});
  ue1 = nullptr;
  return r;
}

}  // namespace

TEST_CASE("rt flows: the network subscribes, the UE notifies, the network unsubscribes") {
  auto r = run(network_subscribes_entry);
  INFO(r.out);
  CHECK(r.last_line() == "PASS");
  CHECK(r.out.find("  5  SS -> UE1  SUBSCRIBE sip:UE1@127.0.0.1:") != std::string::npos);
}

TEST_CASE("rt flows: the UE subscribes, the network notifies, the UE unsubscribes") {
  auto r = run(ue_subscribes_entry);
  INFO(r.out);
  CHECK(r.last_line() == "PASS");
}

TEST_CASE("rt flows: REFER outside and inside a dialog from the network, BYE from the network") {
  auto r = run(network_refers_entry);
  INFO(r.out);
  CHECK(r.last_line() == "PASS");
  CHECK(r.out.find(" 10  SS -> UE1  BYE sip:UE1@127.0.0.1:") != std::string::npos);
}
