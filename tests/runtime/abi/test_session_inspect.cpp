// Looking around in an interactive session through the C ABI: the last message each
// way and its fields (retransmissions skipped), stored values, the dialogs, and the idle
// loop that keeps serving the UE while the user types. A raw UDP socket plays the UE.
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "msg/msg.h"
#include "session_support.h"

using scn_rt_test::begin;
using scn_rt_test::FakeUe;
using scn_rt_test::OpenSession;
using scn_rt_test::text;

namespace {

FakeUe* the_ue = nullptr;

const scn_match_row capture_rows[] = {
    {{SCN_PATH_HEADER, "From", 0, SCN_PART_PARAM, "tag"}, SCN_MATCH_ANY, nullptr, 0, "ue_tag", nullptr},
    {{SCN_PATH_HEADER, "Call-ID", 0, SCN_PART_WHOLE, nullptr}, SCN_MATCH_ANY, nullptr, 0, "call", nullptr},
};
const scn_match_template t_options = {"OPTIONS", 0, capture_rows, 2, nullptr, nullptr};
const scn_match_template t_invite = {"INVITE", 0, nullptr, 0, nullptr, nullptr};
const scn_match_template t_ack = {"ACK", 0, nullptr, 0, nullptr, nullptr};
const scn_match_template t_message = {"MESSAGE", 0, nullptr, 0, nullptr, nullptr};

const scn_path cseq_method = {SCN_PATH_HEADER, "CSeq", 0, SCN_PART_CSEQ_METHOD, nullptr};
const scn_path to_tag = {SCN_PATH_HEADER, "To", 0, SCN_PART_PARAM, "tag"};

std::string ss(scn_rt* rt) { return text(scn_ss_address(rt)); }
std::string me() { return "127.0.0.1:" + std::to_string(the_ue->port()); }

// 1 UE -> SS OPTIONS (From tag and Call-ID stored), 2 SS -> UE 200 OK.
int options_exchange(scn_rt* rt) {
  if (begin(rt, "1", SCN_UE_TO_SS) < 0) return SCN_STOP;
  the_ue->send_to(ss(rt), the_ue->request("OPTIONS", ss(rt)));
  if (scn_expect(rt, &t_options, 0, 0) < 0) return SCN_STOP;
  if (begin(rt, "2") < 0) return SCN_STOP;
  return scn_send(rt, scn_out_response(rt, 200, nullptr, nullptr, nullptr));
}

// Lets the loop run a while: nothing comes that this step waits for.
int pump(scn_rt* rt) {
  begin(rt, "9001", SCN_UE_TO_SS);
  return scn_expect(rt, &t_message, 300, SCN_EXPECT_OPTIONAL);
}

int take_options(scn_rt* rt) {
  begin(rt, "1", SCN_UE_TO_SS);
  return scn_expect(rt, &t_options, 100, 0);
}

// INVITE (with Contact and Record-Route), 200 OK, ACK: a confirmed implicit dialog.
int invite_dialog(scn_rt* rt) {
  const std::string ss_address = ss(rt);
  begin(rt, "1", SCN_UE_TO_SS);
  const std::string extra = "Contact: <sip:ue@" + me() + ">\r\n" +
                            "Record-Route: <sip:p1.home1.net;lr>, <sip:p2.home1.net;lr>\r\n";
  the_ue->send_to(ss_address, the_ue->request("INVITE", ss_address, extra));
  if (scn_expect(rt, &t_invite, 0, 0) < 0) return SCN_STOP;
  begin(rt, "2");
  if (scn_send(rt, scn_out_response(rt, 200, nullptr, nullptr, nullptr)) < 0) return SCN_STOP;
  auto ok = the_ue->receive(2000);
  auto parsed = ok ? scn::sip::parse(*ok) : scn::sip::ParseResult(scn::Error{});
  const std::string tag = parsed ? scn_rt_test::tag_param(parsed->value_or("To")) : "";
  begin(rt, "3", SCN_UE_TO_SS);
  std::string ack = the_ue->request("ACK", ss_address, {}, "z9hG4bKack");
  the_ue->send_to(ss_address, ack.replace(ack.find(">\r\nCall-ID"), 1, ">;tag=" + tag));
  return scn_expect(rt, &t_ack, 0, 0) < 0 ? SCN_STOP : SCN_OK;
}

const scn_testcase testcase = scn_rt_test::make_testcase("tc", nullptr, options_exchange);
const scn_program program = {SCN_RT_ABI_VERSION, "test_rt_session_inspect", &testcase, 1,
                             nullptr, 0, nullptr, 0};

// The fake UE for the length of one test.
struct WithUe {
  FakeUe ue;
  WithUe() { the_ue = &ue; }
  ~WithUe() { the_ue = nullptr; }
};

}  // namespace

TEST_CASE("rt session: the last message each way and its fields, retransmissions skipped") {
  WithUe with;
  OpenSession s(program, 26111);
  REQUIRE(s.rt());
  CHECK(text(scn_last_message(s.rt(), SCN_UE_TO_SS)) == "");
  CHECK(text(scn_last_field(s.rt(), SCN_SS_TO_UE, &to_tag)) == "");
  REQUIRE(scn_rt_call(s.rt(), options_exchange, 0) == SCN_OK);
  auto answer = with.ue.receive(2000);
  REQUIRE(answer);
  const std::string tag = scn_rt_test::tag_param(scn::sip::parse(*answer)->value_or("To"));
  REQUIRE(!tag.empty());

  // The same OPTIONS again (same branch) with an extra header: absorbed, 200 sent again.
  std::string again = with.ue.request("OPTIONS", s.ss(), "X-Again: 1\r\n");
  with.ue.send_to(s.ss(), again);
  CHECK(scn_rt_call(s.rt(), pump, 1) == SCN_TIMEOUT);
  CHECK(with.ue.receive(2000));

  const std::string received = text(scn_last_message(s.rt(), SCN_UE_TO_SS));
  CHECK(received.rfind("OPTIONS sip:ss@" + s.ss() + " SIP/2.0\r\n", 0) == 0);
  CHECK(received.find("X-Again") == std::string::npos);
  CHECK(text(scn_last_field(s.rt(), SCN_UE_TO_SS, &cseq_method)) == "OPTIONS");
  CHECK(text(scn_last_message(s.rt(), SCN_SS_TO_UE)).rfind("SIP/2.0 200 OK\r\n", 0) == 0);
  CHECK(text(scn_last_field(s.rt(), SCN_SS_TO_UE, &to_tag)) == tag);
  CHECK(text(scn_last_field(s.rt(), SCN_SS_TO_UE, nullptr)) == "");
  CHECK(text(scn_last_message(s.rt(), 7)) == "");
}

TEST_CASE("rt session: stored values, one line each, sorted by slot") {
  WithUe with;
  OpenSession s(program, 26112);
  REQUIRE(s.rt());
  CHECK(text(scn_stored_text(s.rt())) == "");
  REQUIRE(scn_rt_call(s.rt(), options_exchange, 0) == SCN_OK);
  CHECK(text(scn_stored_text(s.rt())) == "call = call-1@" + me() + "\nue_tag = ue1\n");
}

TEST_CASE("rt session: the dialogs text after an INVITE dialog") {
  WithUe with;
  OpenSession s(program, 26113);
  REQUIRE(s.rt());
  CHECK(text(scn_dialogs_text(s.rt())) == "");
  REQUIRE(scn_rt_call(s.rt(), invite_dialog, 0) == SCN_OK);
  const std::string local_tag = text(scn_dialog_field(s.rt(), nullptr, SCN_DIALOG_LOCAL_TAG));
  REQUIRE(!local_tag.empty());
  CHECK(text(scn_dialogs_text(s.rt())) ==
        "(default) confirmed call-id=call-1@" + me() + " local-tag=" + local_tag +
            " remote-tag=ue1 target=sip:ue@" + me() +
            " route=<sip:p1.home1.net;lr>,<sip:p2.home1.net;lr> cseq=-/1\n");
}

TEST_CASE("rt session: idling until a descriptor is readable serves the UE meanwhile") {
  WithUe with;
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  scn_rt_test::StdoutCapture capture;
  int first = -1, second = -1, taken = -1, closed_fd = 0, regular = 0;
  std::string received;
  {
    OpenSession s(program, 26114, false);
    REQUIRE(s.rt());
    with.ue.send_to(s.ss(), with.ue.request("OPTIONS", s.ss()));
    std::thread typist([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      (void)!::write(pipe_fds[1], "x", 1);
    });
    first = scn_rt_idle_until_readable(s.rt(), pipe_fds[0]);
    typist.join();
    received = text(scn_last_message(s.rt(), SCN_UE_TO_SS));
    second = scn_rt_idle_until_readable(s.rt(), pipe_fds[0]);  // unwatched in between
    taken = scn_rt_call(s.rt(), take_options, 1);  // queued meanwhile
    closed_fd = scn_rt_idle_until_readable(s.rt(), -1);
    std::FILE* file = std::tmpfile();
    regular = scn_rt_idle_until_readable(s.rt(), ::fileno(file));
    std::fclose(file);
  }
  const std::string out = capture.finish();
  ::close(pipe_fds[0]);
  ::close(pipe_fds[1]);
  INFO(out);
  CHECK(first == 0);
  CHECK(received.rfind("OPTIONS ", 0) == 0);
  CHECK(out.find("UE -> SS  OPTIONS sip:ss@127.0.0.1:26114") != std::string::npos);
  CHECK(second == 0);
  CHECK(taken == SCN_MATCHED);
  CHECK(closed_fd == -1);
  CHECK(regular == -1);
  CHECK(scn_rt_idle_until_readable(nullptr, 0) == -1);
}
