// The parties of a test case: the roster, the run options that name parties checked
// against it, and whose an incoming message is.
#include <doctest/doctest.h>

#include "msg/msg.h"
#include "party/party.h"

using scn::party::Kind;
using scn::party::Option;
using scn::party::OptionKind;
using scn::party::Roster;

namespace {

Roster conference() {
  return Roster({{"UE1", Kind::UnderTest, {}},
                 {"UE2", Kind::UnderTest, {}},
                 {"SS", Kind::Played, {}},
                 {"FOCUS", Kind::Played, {}}});
}

Option option(OptionKind kind, const char* text) {
  auto parsed = scn::party::parse_option(kind, text);
  REQUIRE_MESSAGE(parsed.ok(), parsed.reason());
  return *parsed;
}

scn::net::Address at(const char* text) { return *scn::net::Address::parse(text); }

}  // namespace

TEST_CASE("party: without declarations a test case has UE and SS, and says so") {
  const Roster roster = Roster::defaults();
  REQUIRE(roster.size() == 2);
  CHECK(roster.at(0).name == "UE");
  CHECK(roster.under_test(0));
  CHECK_FALSE(roster.under_test(1));
  CHECK_FALSE(roster.declared());
  CHECK(conference().declared());
  CHECK(Roster({{"UE", Kind::UnderTest, {}}, {"FOCUS", Kind::Played, {}}}).declared());
}

TEST_CASE("party: lookups and the closest name") {
  const Roster roster = conference();
  CHECK(roster.find("UE2") == 1u);
  CHECK_FALSE(roster.find("ue2"));
  CHECK(roster.of_kind(Kind::Played) == std::vector<scn::party::Index>{2, 3});
  CHECK(roster.closest("UE3") == "UE2");  // the later of the equally close
  CHECK(roster.closest("ue2") == "UE2");
  CHECK(roster.closest("FOCSU") == "FOCUS");
  CHECK_FALSE(roster.closest("BOB"));
  CHECK(roster.names(Kind::UnderTest) == "UE1, UE2");
}

TEST_CASE("party: options are NAME=VALUE, nameless for --ue and --bind only") {
  CHECK(option(OptionKind::Ue, "UE1=127.0.0.1:5070").party == "UE1");
  CHECK(option(OptionKind::Ue, "127.0.0.1:5070").party.empty());
  CHECK(option(OptionKind::Bind, "FOCUS=[::1]:5062").value == "[::1]:5062");
  CHECK(option(OptionKind::Drive, "UE1=cmd:echo a=b").value == "cmd:echo a=b");
  CHECK(scn::party::parse_option(OptionKind::Bind, "").reason() == "expected HOST:PORT, got ''");
  CHECK(scn::party::parse_option(OptionKind::Bind, "FOCUS=").reason() ==
        "expected HOST:PORT, got ''");
  CHECK(scn::party::parse_option(OptionKind::Ue, "UE1=localhost:5060").reason() ==
        "not a numeric HOST:PORT: 'localhost:5060'");
  CHECK(scn::party::parse_option(OptionKind::Drive, "prompt").reason() ==
        "expected NAME=SPEC, got 'prompt'");
  CHECK(scn::party::parse_option(OptionKind::Drive, "UE1=").reason() == "no SPEC for UE1");
  CHECK(scn::party::parse_option(OptionKind::Ue, "1x=127.0.0.1:1").reason() ==
        "expected a party name before '=', got '1x'");
}

TEST_CASE("party: options assigned to the parties they name") {
  auto a = scn::party::assign(conference(), "conf", {},
                              {option(OptionKind::Ue, "UE2=127.0.0.1:5080"),
                               option(OptionKind::Bind, "FOCUS=127.0.0.1:5062"),
                               option(OptionKind::Drive, "UE1=prompt"),
                               option(OptionKind::Ue, "UE2=127.0.0.1:5081")});
  REQUIRE_MESSAGE(a.ok(), a.reason());
  CHECK(a->ue[1] == "127.0.0.1:5081");  // the later one wins
  CHECK(a->ue[0].empty());
  CHECK(a->bind[3] == "127.0.0.1:5062");
  CHECK(a->drive[0] == "prompt");
  auto single = scn::party::assign(Roster::defaults(), "tc", "127.0.0.1:5070", {});
  REQUIRE(single.ok());
  CHECK(single->ue[0] == "127.0.0.1:5070");
}

TEST_CASE("party: options naming no party or the wrong kind") {
  auto why = [](std::vector<Option> options, std::string_view default_ue = {}) {
    return scn::party::assign(conference(), "conf", default_ue, options).reason();
  };
  CHECK(why({option(OptionKind::Ue, "UE3=127.0.0.1:5070")}) ==
        "--ue: no party 'UE3' in test case conf; did you mean 'UE2'?");
  CHECK(why({option(OptionKind::Bind, "PCSCF=127.0.0.1:5070")}) ==
        "--bind: no party 'PCSCF' in test case conf (its parties: UE1, UE2, SS, FOCUS)");
  CHECK(why({}, "127.0.0.1:5070") ==
        "--ue: test case conf has 2 parties under test (UE1, UE2): name one, --ue NAME=HOST:PORT");
  CHECK(why({option(OptionKind::Ue, "FOCUS=127.0.0.1:5070")}) ==
        "--ue: FOCUS is played by scn, not under test");
  CHECK(why({option(OptionKind::Bind, "UE1=127.0.0.1:5070")}) ==
        "--bind: UE1 is under test: where it is, --ue says");
  CHECK(why({option(OptionKind::Drive, "SS=prompt")}) ==
        "--drive: SS is played by scn, not under test");
}

TEST_CASE("party: parties under test at one address are told apart by dialog, not address") {
  auto a = scn::party::assign(conference(), "conf", {},
                              {option(OptionKind::Ue, "UE1=127.0.0.1:5070"),
                               option(OptionKind::Ue, "UE2=127.0.0.1:5070")});
  REQUIRE(a.ok());
  scn::party::Whereabouts where(conference());
  const auto address = at("127.0.0.1:5070");
  CHECK(where.set_address(0, address));
  CHECK(where.set_address(1, address));
  CHECK(where.parties_at(address) == std::vector<scn::party::Index>{0, 1});
  CHECK_FALSE(where.sender({address, std::nullopt, std::nullopt}).has_value());
}

TEST_CASE("party: whose a message is, by source, Via sent-by or Contact") {
  scn::party::Whereabouts where(conference());
  CHECK_FALSE(where.all_known());
  REQUIRE(where.set_address(0, at("127.0.0.1:5070")));
  CHECK(where.sender({at("127.0.0.1:5070"), {}, {}}) == 0u);
  CHECK_FALSE(where.sender({at("127.0.0.1:5080"), {}, {}}));
  // A TCP connection from another port, its Via naming where UE1 is.
  CHECK(where.sender({at("127.0.0.1:40001"), at("127.0.0.1:5070"), {}}) == 0u);

  // UE2 learns its address from the first message taken for it.
  auto invite = scn::sip::parse(
      "INVITE sip:ss@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5080;branch=z9hG4bK1\r\n"
      "From: <sip:ue2@x>;tag=a\r\nTo: <sip:ss@x>\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\n"
      "Contact: <sip:ue2@127.0.0.1:5080>\r\nContent-Length: 0\r\n\r\n");
  REQUIRE(invite.ok());
  const auto origin = scn::party::origin_of(*invite, at("127.0.0.1:5080"));
  CHECK(origin.sent_by == at("127.0.0.1:5080"));
  CHECK(origin.contact == at("127.0.0.1:5080"));
  CHECK(where.learn(1, origin));
  CHECK(where.all_known());
  CHECK(where.address(1) == at("127.0.0.1:5080"));
  CHECK(where.sender(origin) == 1u);
  CHECK(where.last_source(1) == at("127.0.0.1:5080"));
}
