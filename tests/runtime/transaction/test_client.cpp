// Client transactions (RFC 3261 17.1) on a fake clock with a recording transport.
#include <doctest/doctest.h>

#include "support.h"

using namespace scn;
using namespace scn::sip;
using scn::testing::FakeTransport;
using scn::testing::RecordingUser;
using scn::testing::ss_request;

namespace {

struct ClientFixture {
  explicit ClientFixture(net::Proto proto = net::Proto::udp)
      : loop(&clock),
        transport(proto, testing::addr("10.0.0.1:5060")),
        layer(loop, user) {
    layer.attach(transport);
  }
  // Runs the loop until the fake clock reads `t` ms.
  void advance_to(Millis t) {
    loop.run_until([] { return false; }, t - clock.now());
  }
  Destination ue() { return {&transport, testing::addr("10.0.0.2:5060")}; }
  TxId send(const Message& request) {
    auto id = layer.send_request(request, ue());
    REQUIRE_MESSAGE(id, id.reason());
    return *id;
  }
  void from_ue(const std::string& bytes) { transport.inject(bytes, testing::addr("10.0.0.2:5060")); }

  FakeClock clock;
  Loop loop;
  FakeTransport transport;
  RecordingUser user;
  TransactionLayer layer;
};

}  // namespace

TEST_CASE("client INVITE over UDP: timer A retransmits and timer B times out") {
  ClientFixture f;
  auto invite = ss_request("INVITE", "z9hG4bK-ci-1");
  TxId id = f.send(invite);
  CHECK(f.layer.state(id) == TxState{ClientInviteState::Calling});
  f.advance_to(499);
  CHECK(f.transport.count("INVITE ") == 1);
  f.advance_to(500);
  CHECK(f.transport.count("INVITE ") == 2);
  f.advance_to(1500);
  CHECK(f.transport.count("INVITE ") == 3);
  f.advance_to(31999);
  CHECK(f.transport.count("INVITE ") == 7);  // 0, .5, 1.5, 3.5, 7.5, 15.5, 31.5 s
  CHECK(f.user.timeouts.empty());
  f.advance_to(32000);
  REQUIRE(f.user.timeouts.size() == 1);
  CHECK(f.user.timeouts[0] == std::make_pair(id, TimerName::B));
  f.advance_to(40000);
  CHECK(f.transport.count("INVITE ") == 7);
  CHECK(f.layer.size() == 0);
}

TEST_CASE("client INVITE over TCP: no retransmission but timer B still applies") {
  ClientFixture f(net::Proto::tcp);
  TxId id = f.send(ss_request("INVITE", "z9hG4bK-ci-tcp"));
  f.advance_to(32000);
  CHECK(f.transport.count("INVITE ") == 1);
  REQUIRE(f.user.timeouts.size() == 1);
  CHECK(f.user.timeouts[0].first == id);
}

TEST_CASE("client INVITE: provisional stops timer A and a non-2xx final is acknowledged") {
  ClientFixture f;
  auto invite = ss_request("INVITE", "z9hG4bK-ci-2");
  TxId id = f.send(invite);
  f.from_ue(testing::ue_response(invite, 180));
  CHECK(f.layer.state(id) == TxState{ClientInviteState::Proceeding});
  f.advance_to(40000);  // timer B no longer applies in Proceeding
  CHECK(f.transport.count("INVITE ") == 1);
  CHECK(f.user.timeouts.empty());

  f.from_ue(testing::ue_response(invite, 486));
  CHECK(f.layer.state(id) == TxState{ClientInviteState::Completed});
  REQUIRE(f.transport.count("ACK ") == 1);
  Message ack = f.transport.last();
  CHECK(ack.request_uri() == invite.request_uri());
  CHECK(ack.value_or("CSeq") == "1 ACK");
  CHECK(ack.value_or("Call-ID") == invite.value_or("Call-ID"));
  CHECK(ack.value_or("To").find("tag=ue-tag") != std::string_view::npos);
  CHECK(ack.first("Via") == invite.first("Via"));
  REQUIRE(f.user.responses.size() == 2);
  CHECK(f.user.responses[0].message.status_code() == 180);
  CHECK(f.user.responses[1].message.status_code() == 486);
  CHECK(f.user.responses[1].tx == id);

  // A retransmitted 486 gets the ACK again and does not reach the TU.
  f.from_ue(testing::ue_response(invite, 486));
  CHECK(f.transport.count("ACK ") == 2);
  CHECK(f.user.responses.size() == 2);
  CHECK(f.user.absorbed == 1);

  f.advance_to(40000 + 31999);
  CHECK(f.layer.state(id) == TxState{ClientInviteState::Completed});
  f.advance_to(40000 + 32001);  // timer D
  CHECK_FALSE(f.layer.state(id));
}

TEST_CASE("client INVITE: 2xx goes to the TU and its retransmission arrives without transaction") {
  ClientFixture f;
  auto invite = ss_request("INVITE", "z9hG4bK-ci-3");
  TxId id = f.send(invite);
  f.from_ue(testing::ue_response(invite, 200));
  REQUIRE(f.user.responses.size() == 1);
  CHECK(f.user.responses[0].tx == id);
  CHECK(f.transport.count("ACK ") == 0);  // the TU acknowledges a 2xx
  f.advance_to(1);
  CHECK(f.layer.size() == 0);
  f.from_ue(testing::ue_response(invite, 200));
  REQUIRE(f.user.responses.size() == 2);
  CHECK(f.user.responses[1].tx == no_tx);
  f.advance_to(5000);
  CHECK(f.transport.count("INVITE ") == 1);
}

TEST_CASE("client non-INVITE over UDP: timer E doubles to T2 and timer F times out") {
  ClientFixture f;
  TxId id = f.send(ss_request("MESSAGE", "z9hG4bK-cn-1"));
  CHECK(f.layer.state(id) == TxState{ClientNonInviteState::Trying});
  f.advance_to(3500);
  CHECK(f.transport.count("MESSAGE ") == 4);  // 0, .5, 1.5, 3.5
  f.advance_to(7499);
  CHECK(f.transport.count("MESSAGE ") == 4);
  f.advance_to(7500);
  CHECK(f.transport.count("MESSAGE ") == 5);
  f.advance_to(11500);  // capped at T2 = 4 s
  CHECK(f.transport.count("MESSAGE ") == 6);
  f.advance_to(32000);
  CHECK(f.transport.count("MESSAGE ") == 11);  // .. 27.5, 31.5
  REQUIRE(f.user.timeouts.size() == 1);
  CHECK(f.user.timeouts[0] == std::make_pair(id, TimerName::F));
}

TEST_CASE("client non-INVITE: provisional sets the interval to T2 then final completes and K ends") {
  ClientFixture f;
  auto message = ss_request("MESSAGE", "z9hG4bK-cn-2");
  TxId id = f.send(message);
  f.advance_to(100);
  f.from_ue(testing::ue_response(message, 100));
  CHECK(f.layer.state(id) == TxState{ClientNonInviteState::Proceeding});
  f.advance_to(600);
  CHECK(f.transport.count("MESSAGE ") == 2);  // the pending E at .5 s
  f.advance_to(4499);
  CHECK(f.transport.count("MESSAGE ") == 2);
  f.advance_to(4500);
  CHECK(f.transport.count("MESSAGE ") == 3);  // then every T2

  f.from_ue(testing::ue_response(message, 200));
  CHECK(f.layer.state(id) == TxState{ClientNonInviteState::Completed});
  REQUIRE(f.user.responses.size() == 2);
  f.from_ue(testing::ue_response(message, 200));
  CHECK(f.user.responses.size() == 2);
  CHECK(f.user.absorbed == 1);
  f.advance_to(4500 + 4999);
  CHECK(f.layer.state(id) == TxState{ClientNonInviteState::Completed});
  f.advance_to(4500 + 5001);  // timer K = T4
  CHECK_FALSE(f.layer.state(id));
  CHECK(f.transport.count("MESSAGE ") == 3);
  CHECK(f.user.timeouts.empty());
}

TEST_CASE("client non-INVITE over TCP: no retransmission and the final terminates at once") {
  ClientFixture f(net::Proto::tcp);
  auto message = ss_request("MESSAGE", "z9hG4bK-cn-tcp");
  TxId id = f.send(message);
  f.advance_to(20000);
  CHECK(f.transport.count("MESSAGE ") == 1);
  f.from_ue(testing::ue_response(message, 200));
  CHECK(f.layer.state(id) == TxState{ClientNonInviteState::Terminated});
  f.advance_to(20001);
  CHECK(f.layer.size() == 0);
}

TEST_CASE("configurable T1/T2 shorten the schedule") {
  ClientFixture f;
  TransactionConfig config;
  config.timers.t1 = 100;
  config.timers.t2 = 200;
  TransactionLayer layer(f.loop, f.user, config);
  layer.attach(f.transport);
  auto id = layer.send_request(ss_request("OPTIONS", "z9hG4bK-short"), f.ue());
  REQUIRE(id);
  f.advance_to(6400);  // F = 64 * T1
  // 0, .1, .3, then every .2 s: .5, .7, ... 6.3
  CHECK(f.transport.count("OPTIONS ") == 3 + 30);
  REQUIRE(f.user.timeouts.size() == 1);
  CHECK(f.user.timeouts[0].second == TimerName::F);
}

TEST_CASE("client transaction: send failure and asynchronous transport error") {
  ClientFixture f;
  f.transport.fail_sends = true;
  auto refused = f.layer.send_request(ss_request("OPTIONS", "z9hG4bK-fail"), f.ue());
  CHECK_FALSE(refused);
  CHECK(refused.reason().find("fake send failure") != std::string::npos);
  CHECK(f.layer.size() == 0);

  f.transport.fail_sends = false;
  TxId id = f.send(ss_request("OPTIONS", "z9hG4bK-async"));
  f.layer.on_transport_error(f.transport, testing::addr("10.0.0.2:5060"), "connection reset");
  REQUIRE(f.user.transport_errors.size() == 1);
  CHECK(f.user.transport_errors[0].first == id);
  f.advance_to(40000);
  CHECK(f.transport.count("OPTIONS ") == 1);
  CHECK(f.user.timeouts.empty());
}

TEST_CASE("client: requests the layer refuses and CANCEL matching its INVITE's branch") {
  ClientFixture f;
  auto ack = f.layer.send_request(ss_request("ACK", "z9hG4bK-ack"), f.ue());
  CHECK_FALSE(ack);
  auto no_branch = MessageBuilder::request("OPTIONS", "sip:ue@10.0.0.2")
                       .add("Via", "SIP/2.0/UDP 10.0.0.1:5060")
                       .add("From", "<sip:ss@x>;tag=1")
                       .add("To", "<sip:ue@x>")
                       .add("Call-ID", "c")
                       .add("CSeq", "1 OPTIONS")
                       .message();
  CHECK_FALSE(f.layer.send_request(*no_branch, f.ue()));

  auto invite = ss_request("INVITE", "z9hG4bK-to-cancel");
  TxId inv = f.send(invite);
  CHECK_FALSE(f.layer.send_request(invite, f.ue()));  // same branch and method twice
  auto cancel = make_cancel(invite).message();
  REQUIRE(cancel);
  CHECK(cancel->value_or("CSeq") == "1 CANCEL");
  TxId can = f.send(*cancel);
  CHECK(can != inv);
  f.from_ue(testing::ue_response(*cancel, 200));
  f.from_ue(testing::ue_response(invite, 487));
  REQUIRE(f.user.responses.size() == 2);
  CHECK(f.user.responses[0].tx == can);
  CHECK(f.user.responses[1].tx == inv);
  CHECK(f.transport.count("ACK ") == 1);
}

TEST_CASE("new branches are unique and carry the magic cookie") {
  ClientFixture f;
  auto a = f.layer.new_branch();
  auto b = f.layer.new_branch();
  CHECK(a.rfind("z9hG4bK", 0) == 0);
  CHECK(a != b);
}
