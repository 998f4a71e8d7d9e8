// Reliable provisional responses (RFC 3262) retransmitted until PRACK, and 2xx to INVITE
// retransmitted until ACK (RFC 3261 13.3.1.4), on a fake clock.
#include <doctest/doctest.h>

#include "transaction/transaction.h"
#include "support.h"

using namespace scn;
using namespace scn::sip;
using scn::testing::FakeTransport;
using scn::testing::RecordingUser;
using scn::testing::ue_request;

namespace {

struct UasFixture {
  explicit UasFixture(net::Proto proto = net::Proto::udp, TransactionConfig config = {})
      : loop(&clock), transport(proto, testing::addr("10.0.0.1:5060")), layer(loop, user, config) {
    layer.attach(transport);
  }
  void advance_to(Millis t) { loop.run_until([] { return false; }, t - clock.now()); }
  void from_ue(const std::string& bytes) { transport.inject(bytes, testing::addr("10.0.0.2:5060")); }
  TxId invite() {
    from_ue(ue_request("INVITE", "z9hG4bK-rel", 1, "call-rel", "10.0.0.2:5060",
                       "Supported: 100rel\r\n"));
    REQUIRE(!user.requests.empty());
    return user.requests.back().tx;
  }
  void respond(TxId tx, int status, std::initializer_list<std::pair<const char*, const char*>> headers = {}) {
    auto b = make_response(*layer.request_of(tx), status, {}, "ss-tag");
    for (auto& [name, value] : headers) b.add(name, value);
    auto sent = layer.respond(tx, *b.message());
    REQUIRE_MESSAGE(sent.ok(), sent.reason());
  }
  // A PRACK from the UE with the given RAck, answered by nobody here.
  bool prack(std::string_view rack, std::string_view branch) {
    from_ue(ue_request("PRACK", branch, 2, "call-rel", "10.0.0.2:5060",
                       "RAck: " + std::string(rack) + "\r\n"));
    return user.requests.back().prack_matched;
  }

  FakeClock clock;
  Loop loop;
  FakeTransport transport;
  RecordingUser user;
  TransactionLayer layer;
};

}  // namespace

TEST_CASE("retransmitter: doubling with and without cap and the deadline wins a tie") {
  FakeClock clock;
  Loop loop(&clock);
  std::vector<Millis> at;
  bool gave_up = false;
  Retransmitter r(loop);
  r.start({500, 0, 32000}, [&] { at.push_back(clock.now()); }, [&] { gave_up = true; });
  loop.run_until([&] { return gave_up; }, 100000);
  CHECK(at == std::vector<Millis>{500, 1500, 3500, 7500, 15500, 31500});
  CHECK(clock.now() == 32000);
  CHECK_FALSE(r.active());

  at.clear();
  gave_up = false;
  const Millis t0 = clock.now();
  r.start({100, 200, 700}, [&] { at.push_back(clock.now() - t0); }, [&] { gave_up = true; });
  loop.run_until([&] { return gave_up; }, 100000);
  CHECK(at == std::vector<Millis>{100, 300, 500});  // 700 is the deadline itself
  CHECK(r.retransmissions() == 3);
}

TEST_CASE("reliable 1xx is retransmitted until the PRACK with the right RAck") {
  UasFixture f;
  TxId id = f.invite();
  f.respond(id, 183, {{"Require", "100rel"}, {"RSeq", "1"}});
  f.advance_to(1500);
  CHECK(f.transport.count("SIP/2.0 183") == 3);  // 0, .5, 1.5

  CHECK_FALSE(f.prack("2 1 INVITE", "z9hG4bK-p1"));  // wrong RSeq
  CHECK_FALSE(f.prack("1 7 INVITE", "z9hG4bK-p2"));  // wrong CSeq
  CHECK_FALSE(f.prack("1 1 UPDATE", "z9hG4bK-p3"));  // wrong method
  f.advance_to(3500);
  CHECK(f.transport.count("SIP/2.0 183") == 4);  // still going

  CHECK(f.prack("1 1 INVITE", "z9hG4bK-p4"));
  CHECK(f.user.requests.back().message.method() == "PRACK");
  f.advance_to(40000);
  CHECK(f.transport.count("SIP/2.0 183") == 4);
  CHECK(f.user.timeouts.empty());
  CHECK(f.layer.state(id) == TxState{ServerInviteState::Proceeding});
}

TEST_CASE("reliable 1xx without PRACK: 64*T1 later the TU is told") {
  UasFixture f;
  TxId id = f.invite();
  f.respond(id, 180, {{"Require", "100rel"}, {"RSeq", "42"}});
  f.respond(id, 183);  // unreliable one beside it: never retransmitted by itself
  f.advance_to(32000);
  CHECK(f.transport.count("SIP/2.0 180") == 7);  // 0, .5, 1.5, 3.5, 7.5, 15.5, 31.5
  CHECK(f.transport.count("SIP/2.0 183") == 1);
  REQUIRE(f.user.timeouts.size() == 1);
  CHECK(f.user.timeouts[0] == std::make_pair(id, TimerName::Reliable1xx));
}

TEST_CASE("two reliable 1xx: a PRACK stops only its own") {
  UasFixture f;
  TxId id = f.invite();
  f.respond(id, 180, {{"Require", "100rel"}, {"RSeq", "1"}});
  f.respond(id, 183, {{"Require", "100rel"}, {"RSeq", "2"}});
  CHECK(f.prack("2 1 INVITE", "z9hG4bK-pa"));
  f.advance_to(1500);
  CHECK(f.transport.count("SIP/2.0 180") == 3);
  CHECK(f.transport.count("SIP/2.0 183") == 1);
  f.respond(id, 486);  // a final response ends the wait for PRACKs
  f.advance_to(40000);
  CHECK(f.transport.count("SIP/2.0 180") == 3);
}

TEST_CASE("2xx to INVITE is retransmitted until the ACK") {
  UasFixture f;
  TxId id = f.invite();
  f.respond(id, 200);
  CHECK(f.layer.state(id) == TxState{ServerInviteState::Terminated});
  f.advance_to(11500);
  CHECK(f.transport.count("SIP/2.0 200") == 6);  // 0, .5, 1.5, 3.5, 7.5, 11.5 (T2 cap)
  // A retransmitted INVITE is absorbed and answered with the 2xx, not a new request.
  f.from_ue(ue_request("INVITE", "z9hG4bK-rel", 1, "call-rel", "10.0.0.2:5060",
                       "Supported: 100rel\r\n"));
  CHECK(f.user.requests.size() == 1);
  CHECK(f.transport.count("SIP/2.0 200") == 7);

  // The ACK for a 2xx has its own branch.
  f.from_ue(ue_request("ACK", "z9hG4bK-ack2xx", 1, "call-rel"));
  REQUIRE(f.user.acks.size() == 1);
  CHECK(f.user.acks[0].tx == id);
  CHECK(f.user.acks[0].for_2xx);
  f.from_ue(ue_request("ACK", "z9hG4bK-ack2xx", 1, "call-rel"));  // duplicate: absorbed
  CHECK(f.user.acks.size() == 1);
  f.advance_to(40000);
  CHECK(f.transport.count("SIP/2.0 200") == 7);
  CHECK(f.user.timeouts.empty());
  CHECK(f.layer.accepted_count() == 0);
}

TEST_CASE("2xx without ACK: retransmissions stop at 64*T1 and the TU is told") {
  UasFixture f;
  TxId id = f.invite();
  f.respond(id, 200);
  f.advance_to(32000);
  CHECK(f.transport.count("SIP/2.0 200") == 11);  // .5 1.5 3.5 7.5 11.5 ... 31.5
  REQUIRE(f.user.timeouts.size() == 1);
  CHECK(f.user.timeouts[0] == std::make_pair(id, TimerName::Retransmit2xx));
  // An ACK for another call does not count.
  f.from_ue(ue_request("ACK", "z9hG4bK-x", 1, "other-call"));
  REQUIRE(f.user.acks.size() == 1);
  CHECK(f.user.acks[0].tx == no_tx);
}

TEST_CASE("2xx and reliable 1xx over TCP: retransmitted per RFC unless configured off") {
  SUBCASE("default") {
    UasFixture f(net::Proto::tcp);
    TxId id = f.invite();
    f.respond(id, 200);
    f.advance_to(1500);
    CHECK(f.transport.count("SIP/2.0 200") == 3);
  }
  SUBCASE("off") {
    TransactionConfig config;
    config.retransmit_2xx_and_reliable_1xx_over_tcp = false;
    UasFixture f(net::Proto::tcp, config);
    TxId id = f.invite();
    f.respond(id, 183, {{"Require", "100rel"}, {"RSeq", "1"}});
    f.advance_to(32000);
    CHECK(f.transport.count("SIP/2.0 183") == 1);
    REQUIRE(f.user.timeouts.size() == 1);  // the PRACK deadline still holds
    CHECK(f.user.timeouts[0].second == TimerName::Reliable1xx);
  }
}
