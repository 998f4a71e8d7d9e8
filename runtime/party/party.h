// party: who takes part in a test case (docs/parties.md). The parties under test (real
// UEs) and the parties the runtime plays (SS entities); the run options that name them
// (--ue, --bind, --drive), checked against the test case; and where each party under
// test is, known from --ue or learnt from what it sent, so that an incoming message can
// be told apart by its sender.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/base.h"
#include "transport/transport.h"

// The parties of one test case.
namespace scn::party {

enum class Kind { UnderTest, Played };

struct Party {
  std::string name;  // "UE", "SS", "UE1", "FOCUS"
  Kind kind = Kind::Played;
  std::string description;
};

using Index = std::size_t;

class Roster {
public:
  // A test case without declarations has exactly these: UE (under test) and SS (played).
  static Roster defaults();
  // The parties as declared; an empty list means the defaults.
  explicit Roster(std::vector<Party> parties);

  std::size_t size() const { return parties_.size(); }
  const Party& at(Index index) const { return parties_.at(index); }
  bool under_test(Index index) const { return at(index).kind == Kind::UnderTest; }
  std::optional<Index> find(std::string_view name) const;
  // Indices of one kind, in declaration order.
  std::vector<Index> of_kind(Kind kind) const;
  // The first of them, without the list (every step asks), or nullopt.
  std::optional<Index> first_of_kind(Kind kind) const;
  // Did the test case declare its parties? (false for exactly the defaults: its reports
  // keep the wording from before parties, "SS -> UE")
  bool declared() const { return declared_; }
  // The name closest to an unknown one ("UE3" -> "UE2"), if one is close enough.
  std::optional<std::string> closest(std::string_view unknown) const;
  // "UE1, UE2, SS" (the names of one kind, or all when kind is empty).
  std::string names(std::optional<Kind> kind = std::nullopt) const;

private:
  std::vector<Party> parties_;
  bool declared_ = true;
};

}  // namespace scn::party

// The run options that name a party: --ue [NAME=]HOST:PORT, --bind [NAME=]HOST:PORT,
// --drive NAME=SPEC. Parsed with the other run options; checked against the test case
// when a run starts (assign), since the parties are the test case's.
namespace scn::party {

enum class OptionKind { Ue, Bind, Drive };

std::string_view option_name(OptionKind kind);  // "--ue", "--bind", "--drive"

struct Option {
  OptionKind kind = OptionKind::Ue;
  std::string party;  // empty: none named (--ue HOST:PORT, --bind HOST:PORT)
  std::string value;  // HOST:PORT, or the driver SPEC
};

// "NAME=VALUE" or, for --ue and --bind, a plain "HOST:PORT"; addresses are checked as
// numeric HOST:PORT with an explicit port. Errors leave the option name to the caller:
// "expected NAME=SPEC, got 'ctrl:1.2.3.4:5'".
Result<Option> parse_option(OptionKind kind, std::string_view text);
// A numeric HOST:PORT with an explicit port ("127.0.0.1:5060", "[::1]:5060").
Result<void> check_address(std::string_view text);

// What the options give each party, by index into the roster.
struct Assignment {
  std::vector<std::string> ue;     // --ue: where a party under test is; "" unknown
  std::vector<std::string> bind;   // --bind NAME=: a played party's own address; "" shared
  std::vector<std::string> drive;  // --drive: the driver spec of a party under test
};

// Checks every option against the roster of test case `testcase` and assigns it:
// unknown names ("--ue: no party 'UE3' in test case conf; did you mean 'UE2'?"), the
// wrong kind of party, a nameless --ue when several parties are under test, and two
// parties under test at one address are errors. `default_ue` (the nameless --ue of the
// run options, may be empty) goes to the only party under test. Later options for the
// same party win.
Result<Assignment> assign(const Roster& roster, std::string_view testcase,
                          std::string_view default_ue, const std::vector<Option>& options);

}  // namespace scn::party

// Where the parties under test are. Each has one address (from --ue, or learnt from the
// first message a step expects from it) and every address it was seen at (sources of
// its messages, the sent-by of its Via, the host and port of its Contact): an incoming
// message is the party's whose address or seen addresses it comes from.
namespace scn::party {

// What an incoming message says about its sender.
struct Origin {
  net::Address source;                  // where it came from (TCP: the connection's end)
  std::optional<net::Address> sent_by;  // requests: the top Via's numeric sent-by
  std::optional<net::Address> contact;  // a numeric Contact host and port
};

// The origin of a message received from `source`.
Origin origin_of(const sip::Message& message, const net::Address& source);

class Whereabouts {
public:
  explicit Whereabouts(const Roster& roster);

  // The address a party under test is known at: from --ue or learnt. nullopt: none yet.
  const std::optional<net::Address>& address(Index party) const {
    return parties_.at(party).address;
  }
  // Where the last message attributed to the party came from.
  const std::optional<net::Address>& last_source(Index party) const {
    return parties_.at(party).last_source;
  }
  // Gives a party its address (from --ue). Several parties may share one (a network
  // entity in several roles); their messages are told apart by transaction and dialog.
  bool set_address(Index party, const net::Address& address);
  // Does every party under test have an address?
  bool all_known() const;
  // Whose message is it? The one party under test whose address or seen addresses the
  // origin's source, sent-by or Contact is (in this order); nullopt when no party's or
  // when several parties share the first of these addresses that is known.
  std::optional<Index> sender(const Origin& origin) const;
  // The parties under test seen at the first of the origin's source, sent-by and Contact
  // that any is seen at.
  std::vector<Index> parties_of(const Origin& origin) const;
  // The parties under test seen at an address.
  std::vector<Index> parties_at(const net::Address& address) const;
  // The message of that origin is the party's: its source and sent-by are seen
  // addresses from now on, and the first one gives a party without an address its
  // address (unless another party has it already: false then).
  bool learn(Index party, const Origin& origin);

private:
  struct Place {
    bool under_test = false;
    std::optional<net::Address> address;
    std::optional<net::Address> last_source;
    std::vector<net::Address> seen;
  };
  bool taken_by_other(Index party, const net::Address& address) const;
  bool seen_at(const Place& place, const net::Address& address) const;

  std::vector<Place> parties_;
};

}  // namespace scn::party
