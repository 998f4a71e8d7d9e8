// End to end over real UDP and TCP sockets on loopback: one TransactionLayer plays the SS
// (answering), the other the UE (calling), on one loop with the real clock.
#include <doctest/doctest.h>

#include "transport/transport.h"
#include "support.h"

using namespace scn;
using namespace scn::sip;
using scn::testing::RecordingUser;

namespace {

constexpr Millis wait_bound = 5000;

// The UE's request towards the SS at `ss`, with a Via naming the UE's own address.
Message request_to(std::string_view method, const net::Address& ss, const net::Transport& ue,
                   const std::string& branch) {
  auto b = MessageBuilder::request(method, "sip:ss@" + ss.to_string());
  b.add("Via", "SIP/2.0/" + std::string(net::to_string(ue.proto())) + " " +
                   ue.local().to_string() + ";branch=" + branch + ";rport");
  b.add("Max-Forwards", "70");
  b.add("From", "<sip:ue@home1.net>;tag=ue1");
  b.add("To", "<sip:ss@home1.net>");
  b.add("Call-ID", "loopback-" + branch);
  b.add("CSeq", "1 " + std::string(method));
  return *b.message();
}

template <class TransportT>
void invite_flow(net::Family family) {
  Loop loop;
  auto ss_opened = TransportT::open(loop, net::Address::loopback(family));
  REQUIRE_MESSAGE(ss_opened.ok(), ss_opened.reason());
  auto ue_opened = TransportT::open(loop, net::Address::loopback(family));
  REQUIRE_MESSAGE(ue_opened.ok(), ue_opened.reason());
  auto ss_side = std::move(ss_opened).value();
  auto ue_side = std::move(ue_opened).value();

  RecordingUser ss_user, ue_user;
  TransactionLayer ss(loop, ss_user), ue(loop, ue_user);
  ss.attach(*ss_side);
  ue.attach(*ue_side);

  // The SS answers every INVITE with 180 then 200, every other request with 200.
  ss_user.on_request_hook = [&](const IncomingRequest& in) {
    if (in.request.method() == "INVITE")
      CHECK(ss.respond(in.tx, *make_response(in.request, 180, {}, "ss1").message()).ok());
    CHECK(ss.respond(in.tx, *make_response(in.request, 200, {}, "ss1").message()).ok());
  };
  // The UE acknowledges the 2xx itself, outside the transaction.
  ue_user.on_response_hook = [&](const IncomingResponse& in) {
    if (in.response.status_code() != 200 || in.response.value_or("CSeq") != "1 INVITE") return;
    const Message* invite = ue.request_of(in.tx);
    REQUIRE(invite);
    auto ack = MessageBuilder::request("ACK", invite->request_uri());
    ack.add("Via", "SIP/2.0/" + std::string(net::to_string(ue_side->proto())) + " " +
                       ue_side->local().to_string() + ";branch=" + ue.new_branch());
    ack.add("From", invite->value_or("From"));
    ack.add("To", in.response.value_or("To"));
    ack.add("Call-ID", invite->value_or("Call-ID"));
    ack.add("CSeq", "1 ACK");
    CHECK(ue.send_stateless(*ack.message(), {ue_side.get(), in.from.source}).ok());
  };

  auto invite = request_to("INVITE", ss_side->local(), *ue_side, ue.new_branch());
  auto id = ue.send_request(invite, {ue_side.get(), ss_side->local()});
  REQUIRE(id);
  REQUIRE(loop.run_until([&] { return ss_user.acks.size() == 1; }, wait_bound));
  REQUIRE(ue_user.responses.size() >= 2);
  CHECK(ue_user.responses[0].message.status_code() == 180);
  CHECK(ue_user.responses[1].message.status_code() == 200);
  CHECK(ue_user.responses[1].tx == *id);
  CHECK(ss_user.acks[0].for_2xx);
  CHECK(ss_user.acks[0].tx == ss_user.requests[0].tx);
  CHECK(ss.unacknowledged_2xx() == 0);

  auto options = request_to("OPTIONS", ss_side->local(), *ue_side, ue.new_branch());
  auto oid = ue.send_request(options, {ue_side.get(), ss_side->local()});
  REQUIRE(oid);
  REQUIRE(loop.run_until(
      [&] {
        return !ue_user.responses.empty() && ue_user.responses.back().message.value_or("CSeq") ==
                                                 "1 OPTIONS";
      },
      wait_bound));
  CHECK(ue_user.responses.back().tx == *oid);
  CHECK(ue.state(*oid) != std::optional<TxState>(ClientNonInviteState::Trying));
  CHECK(ss_user.bad.empty());
  CHECK(ue_user.bad.empty());
  CHECK(ue_user.timeouts.empty());
}

}  // namespace

TEST_CASE("end to end over UDP on 127.0.0.1: INVITE 180 200 ACK then OPTIONS") {
  invite_flow<net::UdpTransport>(net::Family::v4);
}

TEST_CASE("end to end over UDP on ::1") {
  invite_flow<net::UdpTransport>(net::Family::v6);
}

TEST_CASE("end to end over TCP on 127.0.0.1") {
  invite_flow<net::TcpTransport>(net::Family::v4);
}
