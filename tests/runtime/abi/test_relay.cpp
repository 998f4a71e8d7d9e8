// A played party relaying between two UEs (RFC 3261 section 16), shaped as generated
// code calls it: an INVITE dialog between UE1 and UE2 through the SS (180, 200, ACK),
// then REFER in that dialog with its NOTIFY, then BYE, each relayed both ways. The two
// UEs are sockets of the test, scripted around the steps.
#include <doctest/doctest.h>

#include "ue.h"

using scn_rt_test::party_step;
using scn_rt_test::Ue;
using scn_rt_test::UeDialog;
using P = scn_rt_test::Party;

namespace {

Ue* ue1 = nullptr;
Ue* ue2 = nullptr;

const scn_match_template t_invite = {"INVITE", 0, nullptr, 0, nullptr, nullptr};
const scn_match_template t_ack = {"ACK", 0, nullptr, 0, nullptr, nullptr};
const scn_match_template t_refer = {"REFER", 0, nullptr, 0, nullptr, nullptr};
const scn_match_template t_notify = {"NOTIFY", 0, nullptr, 0, nullptr, nullptr};
const scn_match_template t_bye = {"BYE", 0, nullptr, 0, nullptr, nullptr};
const scn_match_template t_180 = {nullptr, 180, nullptr, 0, nullptr, nullptr};
const scn_match_template t_200 = {nullptr, 200, nullptr, 0, nullptr, nullptr};
const scn_match_template t_202 = {nullptr, 202, nullptr, 0, nullptr, nullptr};
const scn_path path_x = {SCN_PATH_HEADER, "X-Relayed", 0, SCN_PART_WHOLE, nullptr};

struct Failed {
  std::string why;
};

std::string ss_of(scn_rt* rt) { return scn_rt_test::text(scn_ss_address(rt)); }

void step(scn_rt* rt, const char* id, P from, P to, const char* message,
          const char* dialog = nullptr) {
  const scn_step s = party_step(id, from, to, message, dialog);
  if (scn_step_begin(rt, &s) < 0) throw Failed{"step " + std::string(id) + " refused"};
}

void expect(scn_rt* rt, const scn_match_template& t) {
  if (scn_expect(rt, &t, 0, 0) != SCN_MATCHED) throw Failed{"expect failed"};
}

void relay(scn_rt* rt, const char* step_id, const scn_path* set = nullptr) {
  scn_out* out = scn_out_relay(rt, step_id);
  if (set) scn_out_set(out, set, {"yes", 3});
  if (scn_send(rt, out) < 0) throw Failed{"relay of step " + std::string(step_id) + " failed"};
}

scn::sip::Message got(Ue& ue, const std::string& start) {
  auto message = ue.receive();
  if (!message) throw Failed{ue.name() + " got nothing, waiting for " + start};
  if (message->start_line().rfind(start, 0) != 0)
    throw Failed{ue.name() + " got " + std::string(message->start_line()) + ", not " + start};
  return *message;
}

void check(bool ok, const std::string& why) {
  if (!ok) throw Failed{why};
}

// The INVITE as UE2 sees it: the SS's Via on top, Max-Forwards down by one, the
// preloaded Route gone, a Record-Route of the SS, the row of the relaying step.
void check_relayed_invite(const scn::sip::Message& invite, const std::string& ss) {
  auto vias = invite.values("Via");
  check(vias.size() == 2, "two Vias expected");
  check(vias[0].find("SIP/2.0/UDP " + ss + ";branch=z9hG4bK") == 0, "SS Via on top");
  check(vias[1].find(ue1->address()) != std::string_view::npos, "UE1's Via below");
  check(invite.value_or("Max-Forwards") == "69", "Max-Forwards 69");
  check(!invite.has("Route"), "own Route entry removed");
  check(invite.value_or("Record-Route") == "<sip:" + ss + ";lr>", "Record-Route of the SS");
  check(invite.value_or("X-Relayed") == "yes", "row applied after the relay");
  check(invite.request_uri() == ue2->uri(), "Request-URI kept");
  check(invite.body() == "v=0\r\n", "body kept");
}

void call(scn_rt* rt, const std::string& ss, UeDialog& d1, UeDialog& d2) {
  step(rt, "1", P::UE1, P::SS, "INVITE", "call12");
  ue1->send(ss, ue1->request("INVITE", ue2->uri(), "relay-call@ue1",
                             "Route: <sip:" + ss + ";lr>\r\nContent-Type: application/sdp\r\n",
                             "v=0\r\n"));
  expect(rt, t_invite);
  step(rt, "2", P::SS, P::UE2, "INVITE");
  relay(rt, "1", &path_x);
  const scn::sip::Message invite = got(*ue2, "INVITE ");
  check_relayed_invite(invite, ss);

  step(rt, "3", P::UE2, P::SS, "180 Ringing");
  ue2->send(ss, ue2->answer(invite, 180));
  expect(rt, t_180);
  step(rt, "4", P::SS, P::UE1, "180 Ringing");
  relay(rt, "3");
  auto ringing = got(*ue1, "SIP/2.0 180");
  check(ringing.values("Via").size() == 1, "180: the SS's Via removed");

  step(rt, "5", P::UE2, P::SS, "200 OK");
  ue2->send(ss, ue2->answer(invite, 200));
  expect(rt, t_200);
  step(rt, "6", P::SS, P::UE1, "200 OK");
  relay(rt, "5");
  const scn::sip::Message ok = got(*ue1, "SIP/2.0 200");
  d1 = Ue::as_caller(ok);
  d2 = ue2->as_callee(invite);
  check(d1.route_set.size() == 1 && d2.route_set.size() == 1, "route sets of one entry");

  step(rt, "7", P::UE1, P::SS, "ACK", "call12");
  ue1->send(ss, ue1->in_dialog(d1, "ACK", {}, 1));
  expect(rt, t_ack);
  step(rt, "8", P::SS, P::UE2, "ACK");
  relay(rt, "7");
  auto ack = got(*ue2, "ACK " + ue2->uri());
  check(!ack.has("Route") && ack.values("Via").size() == 2, "ACK relayed in the dialog");
}

void refer(scn_rt* rt, const std::string& ss, UeDialog& d1, UeDialog& d2) {
  step(rt, "9", P::UE1, P::SS, "REFER", "call12");
  ue1->send(ss, ue1->in_dialog(d1, "REFER", "Refer-To: <sip:user3@home1.net>\r\n"));
  expect(rt, t_refer);
  step(rt, "10", P::SS, P::UE2, "REFER");
  relay(rt, "9");
  const scn::sip::Message refer = got(*ue2, "REFER ");
  step(rt, "11", P::UE2, P::SS, "202 Accepted");
  ue2->send(ss, ue2->answer(refer, 202));
  expect(rt, t_202);
  step(rt, "12", P::SS, P::UE1, "202 Accepted");
  relay(rt, "11");
  got(*ue1, "SIP/2.0 202");

  step(rt, "13", P::UE2, P::SS, "NOTIFY", "call12");
  ue2->send(ss, ue2->in_dialog(d2, "NOTIFY",
                               "Event: refer\r\nSubscription-State: terminated;reason=noresource\r\n"));
  expect(rt, t_notify);
  step(rt, "14", P::SS, P::UE1, "NOTIFY");
  relay(rt, "13");
  const scn::sip::Message notify = got(*ue1, "NOTIFY " + ue1->uri());
  step(rt, "15", P::UE1, P::SS, "200 OK");
  ue1->send(ss, ue1->answer(notify, 200));
  expect(rt, t_200);
  step(rt, "16", P::SS, P::UE2, "200 OK");
  relay(rt, "15");
  got(*ue2, "SIP/2.0 200");
}

void bye(scn_rt* rt, const std::string& ss, UeDialog& d2) {
  step(rt, "17", P::UE2, P::SS, "BYE", "call12");
  ue2->send(ss, ue2->in_dialog(d2, "BYE"));
  expect(rt, t_bye);
  step(rt, "18", P::SS, P::UE1, "BYE");
  relay(rt, "17");
  const scn::sip::Message bye = got(*ue1, "BYE " + ue1->uri());
  step(rt, "19", P::UE1, P::SS, "200 OK");
  ue1->send(ss, ue1->answer(bye, 200));
  expect(rt, t_200);
  step(rt, "20", P::SS, P::UE2, "200 OK");
  relay(rt, "19");
  got(*ue2, "SIP/2.0 200");
}

int relayed_call(scn_rt* rt) {
  const std::string ss = ss_of(rt);
  UeDialog d1, d2;
  try {
    call(rt, ss, d1, d2);
    const std::string call_id = scn_rt_test::text(scn_dialog_field(rt, "call12", SCN_DIALOG_CALL_ID));
    check(call_id == "relay-call@ue1", "dialog call12 has Call-ID '" + call_id + "'");
    refer(rt, ss, d1, d2);
    bye(rt, ss, d2);
  } catch (const Failed& failed) {
    if (scn_verdict(rt) == SCN_PASS) scn_fail(rt, failed.why.c_str());
    return SCN_STOP;
  }
  return SCN_OK;
}

// The relay of a step that received nothing is an error verdict.
int relay_nothing(scn_rt* rt) {
  const scn_step s = party_step("2", P::SS, P::UE2, "INVITE");
  scn_step_begin(rt, &s);
  return scn_send(rt, scn_out_relay(rt, "1"));
}

scn_rt_test::RunResult run(int (*entry)(scn_rt*)) {
  const scn_testcase testcase = scn_rt_test::conference_testcase("relay", entry);
  const scn_program program{SCN_RT_ABI_VERSION, "test_rt_relay", &testcase, 1, nullptr, 0,
                            nullptr, 0};
  Ue first("UE1"), second("UE2");
  ue1 = &first;
  ue2 = &second;
  auto r = scn_rt_test::run_main(program, {"--bind", "127.0.0.1:0", "--timeout", "2", "--linger",
                                           "0", "--ue", "UE1=" + first.address(), "--ue",
                                           "UE2=" + second.address()});
  ue1 = ue2 = nullptr;
  return r;
}

}  // namespace

TEST_CASE("rt relay: an INVITE dialog between two UEs, REFER and NOTIFY in it, BYE, all relayed") {
  auto r = run(relayed_call);
  INFO(r.out);
  CHECK(r.exit_code == 0);
  CHECK(r.last_line() == "PASS");
  CHECK(r.out.find("  1  UE1 -> SS  INVITE sip:UE2@127.0.0.1:") != std::string::npos);
  CHECK(r.out.find("  2  SS -> UE2  INVITE sip:UE2@127.0.0.1:") != std::string::npos);
  CHECK(r.out.find("  6  SS -> UE1  200 OK (INVITE)") != std::string::npos);
  CHECK(r.out.find(" 17  UE2 -> SS  BYE sip:UE1@127.0.0.1:") != std::string::npos);
}

TEST_CASE("rt relay: relaying a step that received nothing is an error") {
  auto r = run(relay_nothing);
  INFO(r.out);
  CHECK(r.exit_code == 3);
  CHECK(r.last_line() == "ERROR step 2: no message received in step 1 to relay");
}
