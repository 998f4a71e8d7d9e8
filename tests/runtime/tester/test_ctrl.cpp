// The ctrl driver against a fake ctrl_tcp server on the same loop.
#include <doctest/doctest.h>

#include <string>

#include "support.h"

using namespace scn;
using namespace scn::testing;
using scn::tester::Action;

namespace {

const Action dial{"UE1", "dial", {"sip:user2@home2.net"}};
const Action hangup{"UE1", "hangup", {}};

// A server answering every command ok (or as `ok` says, with `data`).
void answer_all(FakeCtrlServer& server, bool ok = true, std::string data = "") {
  server.on_command = [ok, data](FakeCtrlServer& s, const tester::ctrl::JsonObject& c) {
    s.respond(text_of(c, "token"), ok, data);
  };
}

}  // namespace

TEST_CASE("tester ctrl: ok:true completes the action, the command names it and its operands") {
  Loop loop;
  FakeCtrlServer server(loop);
  answer_all(server);
  auto drv = driver(server.spec(), loop);
  Outcome outcome;
  drv->act(dial, outcome.done());
  CHECK_FALSE(outcome.reported());  // never from inside act()
  REQUIRE(wait_for(loop, outcome));
  CHECK_MESSAGE(outcome.result.ok(), outcome.result.reason());
  REQUIRE(server.commands.size() == 1);
  CHECK(text_of(server.commands[0], "command") == "dial");
  CHECK(text_of(server.commands[0], "params") == "sip:user2@home2.net");
  CHECK(server.raw_commands[0] ==
        R"({"command":"dial","params":"sip:user2@home2.net","token":"scn1"})");
  run_for(loop, 20);
  CHECK(outcome.calls == 1);
}

TEST_CASE("tester ctrl: answer is sent as accept, operands joined by spaces, tokens unique") {
  Loop loop;
  FakeCtrlServer server(loop);
  answer_all(server);
  auto drv = driver(server.spec(), loop);
  for (const Action& action : {Action{"UE1", "answer", {}},
                               Action{"UE1", "subscribe", {"sip:conf@x.net", "conference"}},
                               Action{"UE1", "conference_add", {}}}) {
    Outcome outcome;
    drv->act(action, outcome.done());
    REQUIRE(wait_for(loop, outcome));
    CHECK_MESSAGE(outcome.result.ok(), outcome.result.reason());
  }
  REQUIRE(server.commands.size() == 3);
  CHECK(text_of(server.commands[0], "command") == "accept");
  CHECK_FALSE(has(server.commands[0], "params"));
  CHECK(text_of(server.commands[1], "command") == "subscribe");
  CHECK(text_of(server.commands[1], "params") == "sip:conf@x.net conference");
  CHECK(text_of(server.commands[2], "command") == "conference_add");
  CHECK(text_of(server.commands[0], "token") != text_of(server.commands[1], "token"));
  CHECK(text_of(server.commands[1], "token") != text_of(server.commands[2], "token"));
  CHECK(server.accepted == 1);  // one connection, kept
}

TEST_CASE("tester ctrl: ok:false fails the action with the response's data as the reason") {
  Loop loop;
  FakeCtrlServer server(loop);
  answer_all(server, false, "no active call\n");
  auto drv = driver(server.spec(), loop);
  Outcome outcome;
  drv->act(hangup, outcome.done());
  REQUIRE(wait_for(loop, outcome));
  CHECK(outcome.result.reason() == "ctrl " + server.address() + ": hangup: no active call");

  answer_all(server, false, "");
  Outcome silent;
  drv->act(Action{"UE1", "answer", {}}, silent.done());
  REQUIRE(wait_for(loop, silent));
  CHECK(silent.result.reason() ==
        "ctrl " + server.address() + ": accept: failed (no reason given)");

  answer_all(server, false, "line one\n  line two  \n\n");
  Outcome lines;
  drv->act(hangup, lines.done());
  REQUIRE(wait_for(loop, lines));
  CHECK(lines.result.reason() == "ctrl " + server.address() + ": hangup: line one; line two");
}

TEST_CASE("tester ctrl: events, other responses and unknown frames before the response are skipped") {
  Loop loop;
  FakeCtrlServer server(loop);
  server.on_command = [](FakeCtrlServer& s, const tester::ctrl::JsonObject& c) {
    s.send_frame(R"({"event":true,"class":"call","type":"CALL_RINGING","id":"x",)"
                 R"("param":{"nested":[1,2,{"ok":false}]}})");
    s.send_frame(R"({"response":true,"ok":false,"data":"not yours","token":"other"})");
    s.send_frame(R"({"response":true,"ok":false,"data":"no token"})");
    s.send_frame(R"({"something":"else"})");
    s.send_frame(R"({"event":true,"class":"call","type":"CALL_ESTABLISHED"})");
    s.respond(text_of(c, "token"), true);
  };
  auto drv = driver(server.spec(), loop);
  Outcome outcome;
  drv->act(dial, outcome.done());
  REQUIRE(wait_for(loop, outcome));
  CHECK_MESSAGE(outcome.result.ok(), outcome.result.reason());
}

TEST_CASE("tester ctrl: a response split across reads is put together") {
  Loop loop;
  FakeCtrlServer server(loop);
  std::string token;
  server.on_command = [&](FakeCtrlServer&, const tester::ctrl::JsonObject& c) {
    token = text_of(c, "token");
  };
  auto drv = driver(server.spec(), loop);
  Outcome outcome;
  drv->act(dial, outcome.done());
  REQUIRE(loop.run_until([&] { return !token.empty(); }, tester_wait));
  const std::string bytes =
      tester::ctrl::netstring(R"({"event":true,"type":"CALL_RINGING"})") +
      tester::ctrl::netstring(R"({"response":true,"ok":true,"data":"","token":")" + token +
                              R"("})");
  for (char c : bytes) {
    CHECK_FALSE(outcome.reported());
    server.send(std::string(1, c));
    run_for(loop, 1);  // let the driver read what is there
  }
  REQUIRE(wait_for(loop, outcome));
  CHECK_MESSAGE(outcome.result.ok(), outcome.result.reason());
}

TEST_CASE("tester ctrl: connection refused is the reason") {
  Loop loop;
  std::string spec;
  {
    FakeCtrlServer gone(loop);  // a port that was free a moment ago, closed again
    spec = gone.spec();
  }
  auto drv = driver(spec, loop);
  Outcome outcome;
  drv->act(dial, outcome.done());
  CHECK_FALSE(outcome.reported());
  REQUIRE(wait_for(loop, outcome));
  CHECK(outcome.result.reason() == "ctrl " + spec.substr(5) + ": cannot connect: Connection refused");
}

TEST_CASE("tester ctrl: the UE closing mid-command fails it, the next action reconnects") {
  Loop loop;
  FakeCtrlServer server(loop);
  server.on_command = [](FakeCtrlServer& s, const tester::ctrl::JsonObject&) {
    s.send_frame(R"({"event":true,"type":"CALL_CLOSED"})");
    s.close_client();
  };
  auto drv = driver(server.spec(), loop);
  Outcome outcome;
  drv->act(hangup, outcome.done());
  REQUIRE(wait_for(loop, outcome));
  CHECK(outcome.result.reason() ==
        "ctrl " + server.address() + ": connection closed before the response to hangup");

  answer_all(server);
  Outcome again;
  drv->act(dial, again.done());
  REQUIRE(wait_for(loop, again));
  CHECK_MESSAGE(again.result.ok(), again.result.reason());
  CHECK(server.accepted == 2);
}

TEST_CASE("tester ctrl: a connection closed between actions is made again") {
  Loop loop;
  FakeCtrlServer server(loop);
  answer_all(server);
  auto drv = driver(server.spec(), loop);
  Outcome first;
  drv->act(dial, first.done());
  REQUIRE(wait_for(loop, first));
  server.close_client();  // a new client took over, say
  run_for(loop, 20);
  Outcome second;
  drv->act(hangup, second.done());
  REQUIRE(wait_for(loop, second));
  CHECK_MESSAGE(second.result.ok(), second.result.reason());
  CHECK(server.accepted == 2);
}

TEST_CASE("tester ctrl: cancel forgets the command, its late response is skipped") {
  Loop loop;
  FakeCtrlServer server(loop);
  std::vector<std::string> tokens;
  server.on_command = [&](FakeCtrlServer&, const tester::ctrl::JsonObject& c) {
    tokens.push_back(text_of(c, "token"));
  };
  auto drv = driver(server.spec(), loop);
  Outcome cancelled;
  drv->act(dial, cancelled.done());
  REQUIRE(loop.run_until([&] { return tokens.size() == 1; }, tester_wait));
  drv->cancel();
  Outcome next;
  drv->act(hangup, next.done());
  REQUIRE(loop.run_until([&] { return tokens.size() == 2; }, tester_wait));
  server.respond(tokens[0], false, "late answer to the dial");
  run_for(loop, 20);
  CHECK_FALSE(next.reported());
  server.respond(tokens[1], true);
  REQUIRE(wait_for(loop, next));
  CHECK_MESSAGE(next.result.ok(), next.result.reason());
  run_for(loop, 20);
  CHECK(cancelled.calls == 0);
}

TEST_CASE("tester ctrl: cancel before the connection is up sends nothing") {
  Loop loop;
  FakeCtrlServer server(loop);
  answer_all(server);
  auto drv = driver(server.spec(), loop);
  Outcome cancelled;
  drv->act(dial, cancelled.done());
  drv->cancel();
  run_for(loop, 50);
  CHECK(server.commands.empty());
  CHECK(cancelled.calls == 0);
}

TEST_CASE("tester ctrl: cancel drops an outcome already on its way") {
  Loop loop;
  FakeCtrlServer server(loop);
  auto drv = driver(server.spec(), loop);
  Outcome first, second;
  drv->act(dial, first.done());
  drv->act(hangup, second.done());  // refused: its outcome is posted at once
  drv->cancel();
  run_for(loop, 30);
  CHECK(first.calls == 0);
  CHECK(second.calls == 0);
}

TEST_CASE("tester ctrl: an oversized frame fails the action and drops the connection") {
  Loop loop;
  FakeCtrlServer server(loop);
  server.on_command = [](FakeCtrlServer& s, const tester::ctrl::JsonObject&) {
    s.send("2000000:{\"event\":true");
  };
  auto drv = driver(server.spec(), loop);
  Outcome outcome;
  drv->act(dial, outcome.done());
  REQUIRE(wait_for(loop, outcome));
  CHECK(outcome.result.reason() ==
        "ctrl " + server.address() +
            ": bad frame from the UE: netstring: frame of 2000000 bytes exceeds the limit of 1048576");
}

TEST_CASE("tester ctrl: malformed frames and responses fail the action") {
  Loop loop;
  FakeCtrlServer server(loop);
  auto drv = driver(server.spec(), loop);
  const std::string prefix = "ctrl " + server.address() + ": ";

  server.on_command = [](FakeCtrlServer& s, const tester::ctrl::JsonObject&) {
    s.send_frame(R"({"event":true,)");
  };
  Outcome json;
  drv->act(dial, json.done());
  REQUIRE(wait_for(loop, json));
  CHECK(json.result.reason() ==
        prefix + "bad frame from the UE: JSON offset 14: member name expected");

  server.on_command = [](FakeCtrlServer& s, const tester::ctrl::JsonObject&) {
    s.send("5:hello;");
  };
  Outcome framing;
  drv->act(dial, framing.done());
  REQUIRE(wait_for(loop, framing));
  CHECK(framing.result.reason() ==
        prefix + "bad frame from the UE: netstring: frame of 5 bytes not ended by ','");

  server.on_command = [](FakeCtrlServer& s, const tester::ctrl::JsonObject& c) {
    s.send_frame(R"({"response":true,"ok":"yes","token":")" + text_of(c, "token") + R"("})");
  };
  Outcome no_ok;
  drv->act(hangup, no_ok.done());
  REQUIRE(wait_for(loop, no_ok));
  CHECK(no_ok.result.reason() == prefix + "hangup: response without a boolean \"ok\"");
}

TEST_CASE("tester ctrl: a second action while one is pending is refused") {
  Loop loop;
  FakeCtrlServer server(loop);
  auto drv = driver(server.spec(), loop);
  Outcome first, second;
  drv->act(dial, first.done());
  drv->act(hangup, second.done());
  REQUIRE(wait_for(loop, second));
  CHECK(second.result.reason() == "ctrl " + server.address() + ": another action is still pending");
  CHECK_FALSE(first.reported());
}

TEST_CASE("tester ctrl: nothing connects before the first action, the driver may go in done") {
  Loop loop;
  FakeCtrlServer server(loop);
  answer_all(server);
  auto drv = driver(server.spec(), loop);
  CHECK(drv->describe() == server.spec());
  run_for(loop, 30);
  CHECK(server.accepted == 0);
  bool called = false;
  drv->act(dial, [&](Result<void> r) {
    CHECK_MESSAGE(r.ok(), r.reason());
    called = true;
    drv.reset();  // the run ends here, say
  });
  REQUIRE(loop.run_until([&] { return called; }, tester_wait));
  run_for(loop, 20);
  CHECK(drv == nullptr);
}
