// Server transactions (RFC 3261 17.2) on a fake clock with a recording transport.
#include <doctest/doctest.h>

#include "support.h"
#include "transaction/machine.h"

using namespace scn;
using namespace scn::sip;
using scn::testing::FakeTransport;
using scn::testing::RecordingUser;
using scn::testing::ue_request;

namespace {

struct ServerFixture {
  explicit ServerFixture(net::Proto proto = net::Proto::udp, TransactionConfig config = {})
      : loop(&clock),
        transport(proto, testing::addr("10.0.0.1:5060")),
        layer(loop, user, config) {
    layer.attach(transport);
  }
  void advance_to(Millis t) { loop.run_until([] { return false; }, t - clock.now()); }
  void from_ue(const std::string& bytes, std::string_view from = "10.0.0.2:5060") {
    transport.inject(bytes, testing::addr(from));
  }
  // Delivers `request` and returns its new server transaction.
  TxId incoming(const std::string& request) {
    auto before = user.requests.size();
    from_ue(request);
    REQUIRE(user.requests.size() == before + 1);
    return user.requests.back().tx;
  }
  void respond(TxId tx, int status, std::string_view extra = "") {
    const Message* request = layer.request_of(tx);
    REQUIRE(request);
    auto b = make_response(*request, status, {}, status > 100 ? "ss-tag" : "");
    if (!extra.empty()) {
      auto colon = extra.find(':');
      b.add(extra.substr(0, colon), trim(extra.substr(colon + 1)));
    }
    auto sent = layer.respond(tx, *b.message());
    REQUIRE_MESSAGE(sent.ok(), sent.reason());
  }

  FakeClock clock;
  Loop loop;
  FakeTransport transport;
  RecordingUser user;
  TransactionLayer layer;
};

}  // namespace

TEST_CASE("server INVITE: retransmitted INVITE is absorbed and answered with the last 1xx") {
  ServerFixture f;
  const auto invite = ue_request("INVITE", "z9hG4bK-si-1");
  TxId id = f.incoming(invite);
  CHECK(f.layer.state(id) == TxState{ServerInviteState::Proceeding});
  f.from_ue(invite);  // before any response: nothing to resend
  CHECK(f.user.requests.size() == 1);
  CHECK(f.user.absorbed == 1);
  CHECK(f.transport.sent.empty());

  f.respond(id, 180);
  CHECK(f.transport.count("SIP/2.0 180") == 1);
  f.from_ue(invite);
  CHECK(f.transport.count("SIP/2.0 180") == 2);
  CHECK(f.user.requests.size() == 1);
  // Responses go to the sent-by of the Via (no rport), RFC 3261 18.2.2.
  CHECK(f.transport.sent.back().to == testing::addr("10.0.0.2:5060"));
}

TEST_CASE("server INVITE over UDP: timer G retransmits the final until ACK and I ends it") {
  ServerFixture f;
  const auto invite = ue_request("INVITE", "z9hG4bK-si-2");
  TxId id = f.incoming(invite);
  f.respond(id, 486);
  CHECK(f.layer.state(id) == TxState{ServerInviteState::Completed});
  f.advance_to(3500);
  CHECK(f.transport.count("SIP/2.0 486") == 4);  // 0, .5, 1.5, 3.5
  f.from_ue(invite);                             // retransmitted INVITE: final again
  CHECK(f.transport.count("SIP/2.0 486") == 5);
  f.advance_to(7500);
  CHECK(f.transport.count("SIP/2.0 486") == 6);

  f.from_ue(ue_request("ACK", "z9hG4bK-si-2"));
  CHECK(f.layer.state(id) == TxState{ServerInviteState::Confirmed});
  REQUIRE(f.user.acks.size() == 1);
  CHECK(f.user.acks[0].tx == id);
  CHECK_FALSE(f.user.acks[0].for_2xx);
  f.from_ue(ue_request("ACK", "z9hG4bK-si-2"));  // ACK retransmission: absorbed
  CHECK(f.user.acks.size() == 1);
  f.advance_to(7500 + 4999);
  CHECK(f.layer.state(id) == TxState{ServerInviteState::Confirmed});
  f.advance_to(7500 + 5001);  // timer I = T4
  CHECK_FALSE(f.layer.state(id));
  CHECK(f.transport.count("SIP/2.0 486") == 6);
  CHECK(f.user.timeouts.empty());
}

TEST_CASE("server INVITE: without ACK timer H tells the TU") {
  ServerFixture f;
  TxId id = f.incoming(ue_request("INVITE", "z9hG4bK-si-3"));
  f.respond(id, 603);
  f.advance_to(31999);
  CHECK(f.user.timeouts.empty());
  f.advance_to(32000);
  REQUIRE(f.user.timeouts.size() == 1);
  CHECK(f.user.timeouts[0] == std::make_pair(id, TimerName::H));
  CHECK(f.transport.count("SIP/2.0 603") == 11);  // 0 then .5 1.5 3.5 7.5 11.5 .. 31.5
}

TEST_CASE("server INVITE over TCP: no retransmission of the final and ACK ends it at once") {
  ServerFixture f(net::Proto::tcp);
  TxId id = f.incoming(ue_request("INVITE", "z9hG4bK-si-tcp"));
  f.respond(id, 486);
  f.advance_to(20000);
  CHECK(f.transport.count("SIP/2.0 486") == 1);
  f.from_ue(ue_request("ACK", "z9hG4bK-si-tcp"));
  CHECK(f.layer.state(id) == TxState{ServerInviteState::Terminated});
  CHECK(f.user.acks.size() == 1);
}

TEST_CASE("server INVITE 100 Trying policies") {
  SUBCASE("immediately") {
    TransactionConfig config;
    config.trying_100 = Trying100::immediately;
    ServerFixture f(net::Proto::udp, config);
    const auto invite = ue_request("INVITE", "z9hG4bK-t100-a");
    f.incoming(invite);
    CHECK(f.transport.count("SIP/2.0 100") == 1);
    f.from_ue(invite);
    CHECK(f.transport.count("SIP/2.0 100") == 2);
  }
  SUBCASE("after 200 ms, only if the TU is slower") {
    TransactionConfig config;
    config.trying_100 = Trying100::after_200ms;
    ServerFixture f(net::Proto::udp, config);
    TxId slow = f.incoming(ue_request("INVITE", "z9hG4bK-t100-b"));
    TxId quick = f.incoming(ue_request("INVITE", "z9hG4bK-t100-c", 1, "call-2"));
    f.advance_to(100);
    f.respond(quick, 180);
    f.advance_to(199);
    CHECK(f.transport.count("SIP/2.0 100") == 0);
    f.advance_to(200);
    REQUIRE(f.transport.count("SIP/2.0 100") == 1);
    CHECK(f.transport.last().value_or("Call-ID") == "call-1");
    CHECK(slow != quick);
  }
  SUBCASE("never") {
    ServerFixture f;
    f.incoming(ue_request("INVITE", "z9hG4bK-t100-d"));
    f.advance_to(1000);
    CHECK(f.transport.sent.empty());
  }
}

TEST_CASE("server non-INVITE: Trying absorbs and later retransmissions get the last response") {
  ServerFixture f;
  const auto request = ue_request("MESSAGE", "z9hG4bK-sn-1");
  TxId id = f.incoming(request);
  CHECK(f.layer.state(id) == TxState{ServerNonInviteState::Trying});
  f.from_ue(request);
  CHECK(f.transport.sent.empty());
  f.respond(id, 100);
  CHECK(f.layer.state(id) == TxState{ServerNonInviteState::Proceeding});
  f.from_ue(request);
  CHECK(f.transport.count("SIP/2.0 100") == 2);
  f.respond(id, 200);
  CHECK(f.layer.state(id) == TxState{ServerNonInviteState::Completed});
  f.from_ue(request);
  CHECK(f.transport.count("SIP/2.0 200") == 2);
  CHECK(f.user.requests.size() == 1);
  CHECK(f.user.absorbed == 3);
  // A second final is refused.
  auto again = make_response(*f.layer.request_of(id), 500).message();
  auto refused = f.layer.respond(id, *again);
  CHECK_FALSE(refused.ok());
  CHECK_FALSE(refused.reason().empty());
  f.advance_to(31999);
  CHECK(f.layer.state(id));
  f.advance_to(32001);  // timer J = 64 * T1
  CHECK_FALSE(f.layer.state(id));
  CHECK(f.transport.count("SIP/2.0 200") == 2);  // never retransmitted by itself
}

TEST_CASE("server non-INVITE over TCP: final response terminates at once") {
  ServerFixture f(net::Proto::tcp);
  TxId id = f.incoming(ue_request("OPTIONS", "z9hG4bK-sn-tcp"));
  f.respond(id, 200);
  CHECK(f.layer.state(id) == TxState{ServerNonInviteState::Terminated});
  f.advance_to(1);
  CHECK(f.layer.size() == 0);
  REQUIRE_FALSE(f.user.terminated.empty());
  CHECK(f.user.terminated.back() == id);
}

TEST_CASE("server: rport sends responses back to the source port") {
  ServerFixture f;
  TxId id = f.incoming(ue_request("OPTIONS", "z9hG4bK-rport;rport", 1, "call-1", "10.0.0.2:5060"));
  (void)id;
  f.user.requests.clear();
  f.from_ue(ue_request("MESSAGE", "z9hG4bK-rport2;rport"), "10.0.0.2:40000");
  REQUIRE(f.user.requests.size() == 1);
  f.respond(f.user.requests[0].tx, 200);
  CHECK(f.transport.sent.back().to == testing::addr("10.0.0.2:40000"));
}

std::string top_via(const FakeTransport::Sent& sent) {
  auto message = parse(sent.bytes, ParseMode::Datagram);
  REQUIRE_MESSAGE(message.ok(), message.reason());
  return std::string(message->first("Via").value_or(""));
}

// The SS once echoed a valueless ";rport" and added no received (RFC 3581 section 4).
TEST_CASE("server: responses carry rport with the source port and received with the source IP") {
  ServerFixture f;
  f.from_ue(ue_request("OPTIONS", "z9hG4bK-rp1;rport"), "10.0.0.9:40000");
  REQUIRE(f.user.requests.size() == 1);
  f.respond(f.user.requests[0].tx, 200);
  CHECK(f.transport.sent.back().to == testing::addr("10.0.0.9:40000"));
  CHECK(top_via(f.transport.sent.back()) ==
        "SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK-rp1;rport=40000;received=10.0.0.9");

  // RFC 3261 18.2.1: received whenever the sent-by host is not the source.
  f.from_ue(ue_request("OPTIONS", "z9hG4bK-rp2"), "10.0.0.9:5060");
  f.respond(f.user.requests.back().tx, 200);
  CHECK(f.transport.sent.back().to == testing::addr("10.0.0.9:5060"));
  CHECK(top_via(f.transport.sent.back()) ==
        "SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK-rp2;received=10.0.0.9");

  // The sent-by is the source and no rport asked: the Via goes back as it came.
  f.from_ue(ue_request("OPTIONS", "z9hG4bK-rp3"));
  f.respond(f.user.requests.back().tx, 200);
  CHECK(top_via(f.transport.sent.back()) == "SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK-rp3");
}

TEST_CASE("server: the 100 Trying and the Vias below the top one, stamped and kept") {
  TransactionConfig config;
  config.trying_100 = Trying100::immediately;
  ServerFixture f(net::Proto::udp, config);
  f.from_ue(ue_request("INVITE", "z9hG4bK-rp4;rport", 1, "call-1", "10.0.0.2:5060",
                       "Via: SIP/2.0/UDP 10.0.0.7:5070;branch=z9hG4bK-below\r\n"),
            "10.0.0.2:40001");
  REQUIRE(f.user.requests.size() == 1);
  REQUIRE(f.transport.sent.size() == 1);
  CHECK(top_via(f.transport.sent[0]) ==
        "SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK-rp4;rport=40001;received=10.0.0.2");
  f.respond(f.user.requests[0].tx, 486);
  auto response = parse(f.transport.sent.back().bytes, ParseMode::Datagram);
  REQUIRE(response.ok());
  const auto vias = response->values("Via");
  REQUIRE(vias.size() == 2);
  CHECK(vias[0] == "SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK-rp4;rport=40001;received=10.0.0.2");
  CHECK(vias[1] == "SIP/2.0/UDP 10.0.0.7:5070;branch=z9hG4bK-below");
}

// stamped_response sends the response's own octets; all but the top via-parm goes out as
// it was: the rest of that field's list, the other fields, the body.
TEST_CASE("server: a stamped response is the response with only its top via-parm changed") {
  const std::string text =
      "SIP/2.0 200 OK\r\n"
      "v: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK-st1;rport , SIP/2.0/TCP 10.0.0.7;branch=z9hG4bK-b\r\n"
      "Via: SIP/2.0/UDP 10.0.0.8;branch=z9hG4bK-c\r\n"
      "To: <sip:ue@example.com>;tag=1\r\nFrom: <sip:ss@example.com>;tag=2\r\n"
      "Call-ID: st1\r\nCSeq: 1 MESSAGE\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello";
  auto response = parse(text, ParseMode::Datagram);
  REQUIRE_MESSAGE(response.ok(), response.reason());
  const std::string stamped = stamped_response(*response, testing::addr("10.0.0.9:40000"));
  std::string expected = serialize(*response);
  const std::string before = "SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK-st1;rport ,";
  const std::string after = "SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK-st1;rport=40000;received=10.0.0.9,";
  REQUIRE(expected.find(before) != std::string::npos);
  expected.replace(expected.find(before), before.size(), after);
  CHECK(stamped == expected);
  // Nothing to stamp: the response as serialize() writes it.
  auto plain = parse(ue_request("OPTIONS", "z9hG4bK-st2"), ParseMode::Datagram);
  REQUIRE(plain.ok());
  CHECK(stamped_response(*plain, testing::addr("10.0.0.2:5060")) == serialize(*plain));
}

// A folded top Via has an unfolded copy for its value, not a place in the octets: the
// response is then written anew with the stamped via-parm.
TEST_CASE("server: a response whose top Via is folded is stamped all the same") {
  const std::string text =
      "SIP/2.0 200 OK\r\n"
      "Via: SIP/2.0/UDP 10.0.0.2:5060\r\n ;branch=z9hG4bK-fold;rport\r\n"
      "To: <sip:ue@example.com>;tag=1\r\nFrom: <sip:ss@example.com>;tag=2\r\n"
      "Call-ID: fold1\r\nCSeq: 1 MESSAGE\r\nContent-Length: 0\r\n\r\n";
  auto response = parse(text, ParseMode::Datagram);
  REQUIRE_MESSAGE(response.ok(), response.reason());
  auto stamped = parse(stamped_response(*response, testing::addr("10.0.0.9:40000")),
                       ParseMode::Datagram);
  REQUIRE_MESSAGE(stamped.ok(), stamped.reason());
  CHECK(stamped->values("Via").size() == 1);
  CHECK(stamped->first("Via").value_or("").find(";rport=40000;received=10.0.0.9") !=
        std::string_view::npos);
  CHECK(stamped->value_or("Call-ID") == "fold1");
}

TEST_CASE("server: CANCEL is matched to its INVITE and methods keep transactions apart") {
  ServerFixture f;
  TxId invite = f.incoming(ue_request("INVITE", "z9hG4bK-can"));
  TxId cancel = f.incoming(ue_request("CANCEL", "z9hG4bK-can"));
  CHECK(invite != cancel);
  CHECK(f.user.requests.back().cancels == invite);
  CHECK(f.layer.kind(cancel) == TxKind::ServerNonInvite);
  f.respond(cancel, 200);
  f.respond(invite, 487);
  f.from_ue(ue_request("ACK", "z9hG4bK-can"));
  CHECK(f.layer.state(invite) == TxState{ServerInviteState::Confirmed});
  // A CANCEL for nothing matches nothing.
  f.incoming(ue_request("CANCEL", "z9hG4bK-nothing"));
  CHECK(f.user.requests.back().cancels == no_tx);
}

TEST_CASE("server: same branch from another sent-by is another transaction") {
  ServerFixture f;
  TxId a = f.incoming(ue_request("OPTIONS", "z9hG4bK-same", 1, "c", "10.0.0.2:5060"));
  TxId b = f.incoming(ue_request("OPTIONS", "z9hG4bK-same", 1, "c", "10.0.0.3:5060"));
  CHECK(a != b);
}

TEST_CASE("server: RFC 2543 requests without the magic cookie still match retransmissions") {
  ServerFixture f;
  const auto invite = ue_request("INVITE", "old-style-branch");
  TxId id = f.incoming(invite);
  f.respond(id, 486);
  f.from_ue(invite);
  CHECK(f.user.requests.size() == 1);
  f.from_ue(ue_request("ACK", "old-style-branch"));
  CHECK(f.layer.state(id) == TxState{ServerInviteState::Confirmed});
}

TEST_CASE("server: messages the layer cannot match are reported and not dropped") {
  ServerFixture f;
  f.from_ue("OPTIONS sip:ss@10.0.0.1 SIP/2.0\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\n"
            "From: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\nContent-Length: 0\r\n\r\n");
  f.from_ue(ue_request("OPTIONS", "z9hG4bK-bad").replace(
      ue_request("OPTIONS", "z9hG4bK-bad").find("CSeq: 1 OPTIONS"), 15, "CSeq: 1 INVITE"));
  f.from_ue("SIP/2.0 200 OK\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
  f.from_ue("garbage\r\n\r\n");
  REQUIRE(f.user.bad.size() == 4);
  CHECK(f.user.bad[0].reason.find("Via") != std::string::npos);
  CHECK(f.user.bad[1].reason.find("CSeq method") != std::string::npos);
  CHECK(f.user.requests.empty());
  CHECK(f.layer.size() == 0);
}

TEST_CASE("server: response send failure is returned and retransmission failure reported") {
  ServerFixture f;
  TxId id = f.incoming(ue_request("INVITE", "z9hG4bK-sf"));
  f.respond(id, 486);
  f.transport.fail_sends = true;
  f.advance_to(600);  // timer G retransmission fails
  REQUIRE(f.user.transport_errors.size() == 1);
  CHECK(f.user.transport_errors[0].first == id);
  CHECK_FALSE(f.layer.state(id));

  TxId other = f.incoming(ue_request("MESSAGE", "z9hG4bK-sf2"));
  auto ok = make_response(*f.layer.request_of(other), 200).message();
  auto failed = f.layer.respond(other, *ok);
  CHECK_FALSE(failed.ok());
  CHECK(failed.reason().find("fake send failure") != std::string::npos);
}
