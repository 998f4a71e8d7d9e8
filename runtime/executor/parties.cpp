// Executor: the parties of the run. Each played party sends and receives on the shared
// transport or on its own (--bind NAME=); each party under test is at an address given
// (--ue) or learnt; an incoming message is its sender's, told by transaction, address
// or dialog. Reports name the parties of test cases that declare them.
#include <unistd.h>

#include "executor/executor.h"

namespace scn {

namespace {

party::Roster roster_of(const scn_testcase& testcase) {
  std::vector<party::Party> parties;
  for (std::size_t i = 0; testcase.parties && i < testcase.party_count; ++i) {
    const scn_party& p = testcase.parties[i];
    const bool under_test = p.kind == SCN_PARTY_UNDER_TEST;
    parties.push_back({p.name ? p.name : "?",
                       under_test ? party::Kind::UnderTest : party::Kind::Played,
                       p.description ? p.description : ""});
  }
  return party::Roster(std::move(parties));
}

}  // namespace

const InstanceHooks Executor::no_hooks{};

Executor::Executor(const RunOptions& options, const scn_program& program,
                   const scn_testcase& testcase, const InstanceHooks& hooks)
    : options_(options),
      hooks_(hooks),
      program_(program),
      testcase_(testcase),
      // Load mode: the fiber's scheduler watches the loop's descriptors (no epoll of its own).
      loop_(nullptr, hooks.waiter),
      printing_(!options.quiet),
      // A load instance prints nothing: its stdout is not asked (a system call a call).
      console_(options.silent ? ConsoleStyle{} : detect_console_style()),
      live_(console_),
      roster_(roster_of(testcase)),
      where_(roster_) {
  // The wall clock of the trace's start, for the capture's timestamps.
  const auto since = std::chrono::steady_clock::now() - trace_.start();
  capture_start_unix_us_ = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::microseconds>(
          std::chrono::system_clock::now().time_since_epoch() - since)
          .count());
  settings_ = options.settings_table ? options.settings_table : make_settings_table(program, {}).value();
  regexes_ = options.regexes ? options.regexes : std::make_shared<sip::RegexCache>();
  match_rows_ = options.match_rows;
}

// After the shared transport: the options naming parties, their own transports, where
// the parties under test are, and their drivers.
Result<void> Executor::open_parties() {
  for (party::Kind kind : {party::Kind::UnderTest, party::Kind::Played})
    if (!roster_.first_of_kind(kind))
      return make_error("the test case needs a party under test and a played one");
  auto assigned = party::assign(roster_, testcase_.name ? testcase_.name : "", options_.ue,
                                options_.party_options);
  if (!assigned) return assigned.error();
  assignment_ = std::move(assigned).value();
  transports_.assign(roster_.size(), nullptr);
  for (party::Index i = 0; i < roster_.size(); ++i) {
    if (roster_.under_test(i)) {
      // Distinct addresses: assign checked them.
      if (auto address = net::Address::parse(assignment_.ue[i]))
        (void)where_.set_address(i, *address);
      continue;
    }
    transports_[i] = transport_.get();
    if (assignment_.bind[i].empty()) continue;
    if (auto opened = open_own_transport(i, assignment_.bind[i]); !opened) return opened;
  }
  return make_drivers();
}

Result<void> Executor::open_own_transport(party::Index party, const std::string& bind) {
  auto address = net::Address::parse(bind);
  if (!address) return make_error("--bind " + name_of(party) + ": not a numeric HOST:PORT");
  auto opened = bind_transport(*address);
  if (!opened) {
    return make_error("cannot bind " + options_.transport + " " + address->to_string() + " for " +
                      name_of(party) + ": " + opened.reason());
  }
  own_transports_.push_back(std::move(opened).value());
  transports_[party] = own_transports_.back().get();
  layer_->attach(*transports_[party]);
  return {};
}

// Drivers are made at the start, so that a bad --drive stops the run before it begins;
// none of them connects or runs anything before its first action.
Result<void> Executor::make_drivers() {
  drivers_.resize(roster_.size());
  for (party::Index i = 0; i < roster_.size(); ++i) {
    const std::string& spec = assignment_.drive[i];
    if (spec.empty()) continue;
    auto made = options_.make_driver ? options_.make_driver(spec, loop_)
                                     : default_driver(spec, loop_);
    if (!made) return make_error("--drive " + name_of(i) + ": " + made.reason());
    drivers_[i] = std::move(made).value();
  }
  return {};
}

// A step's parties as the descriptor gives them; a program that gives none (or none
// that fit the direction) gets the first party under test and the first played one.
StepInfo Executor::step_info(const scn_step& step) const {
  StepInfo info;
  info.id = step.id ? step.id : "";
  info.direction = direction_from(step.direction).value_or(Direction::SsToUe);
  info.message = step.message ? step.message : "";
  info.comment = step.comment ? step.comment : "";
  info.dialog = step.dialog ? step.dialog : "";
  info.action = step.kind == SCN_STEP_ACTION;
  info.window_end = step.window_end ? step.window_end : "";
  info.message_unread = step.message_unread != 0;
  if (step.fields_read && step.fields_read_count > 0)
    info.fields_read = {step.fields_read, step.fields_read_count};
  // Both kinds exist: open_parties() refuses a roster without one of them.
  const party::Index ue = roster_.first_of_kind(party::Kind::UnderTest).value_or(0);
  const party::Index ss = roster_.first_of_kind(party::Kind::Played).value_or(0);
  auto pick = [&](int index, bool under_test) {
    const bool fits = index >= 0 && static_cast<std::size_t>(index) < roster_.size() &&
                      roster_.under_test(static_cast<party::Index>(index)) == under_test;
    return fits ? static_cast<party::Index>(index) : under_test ? ue : ss;
  };
  const bool from_ue = info.direction == Direction::UeToSs && !info.action;
  info.from = info.action ? ss : pick(step.from, from_ue);
  info.to = pick(step.to, !from_ue);
  return info;
}

net::Transport* Executor::transport_of(party::Index party) const {
  net::Transport* own = party < transports_.size() ? transports_[party] : nullptr;
  return own ? own : transport_.get();
}

// The sender of a message: the receiver of the request it answers, else by address,
// else by dialog. With one party under test, its message until it has an address (the
// first message gives it one) and then whatever is not plainly someone else's.
std::optional<party::Index> Executor::attribute(const InboxItem& item) {
  if (auto sole = sole_sender(item.source, item.transport)) return sole;
  if (item.message.is_response() && item.tx != sip::no_tx) {
    if (auto sent = sent_.find(item.tx); sent != sent_.end()) return sent->second.receiver;
  }
  const party::Origin origin =
      item.origin ? *item.origin : party::origin_of(item.message, item.source);
  if (auto by_address = where_.sender(origin)) return by_address;
  if (auto by_dialog = dialog_sender(item.message)) return by_dialog;
  return shared_sender(origin);
}

// Parties under test at one address (a P-CSCF in front of the focus): a message neither
// a transaction nor a dialog places is the current step's sender's when it is there, else
// the first party's there. Its source, Via sent-by or Contact says where it is from (a
// TCP connection comes from a port of its own).
std::optional<party::Index> Executor::shared_sender(const party::Origin& origin) const {
  const std::vector<party::Index> at = where_.parties_of(origin);
  if (at.empty()) return std::nullopt;
  for (party::Index i : at)
    if (i == step_.from) return i;
  return at.front();
}

std::optional<party::Index> Executor::only_under_test() const {
  const auto under_test = roster_.of_kind(party::Kind::UnderTest);
  if (under_test.size() == 1) return under_test.front();
  return std::nullopt;
}

// A UE opens TCP connections from ports of its choosing (RFC 3261 18.1.1): over TCP its
// host is enough; over UDP the source must be one of its addresses.
std::optional<party::Index> Executor::sole_sender(const net::Address& source,
                                                  const net::Transport* transport) const {
  const auto only = only_under_test();
  if (!only) return std::nullopt;
  const auto& address = where_.address(*only);
  if (!address || *address == source) return only;
  if (where_.sender({source, std::nullopt, std::nullopt}) == *only) return only;
  const net::Transport* at = transport ? transport : transport_.get();
  if (at && at->reliable() && address->host() == source.host()) return only;
  return std::nullopt;
}

std::string Executor::sender_name(std::optional<party::Index> sender,
                                  const net::Address& source) const {
  if (!roster_.declared()) return "the UE";
  return sender ? name_of(*sender) : source.to_string();
}

std::optional<party::Index> Executor::dialog_sender(const sip::Message& message) {
  if (sip::Dialog* dialog = dialogs_.find(message)) {
    if (const DialogOwner* owner = owner_of(dialog)) return owner->under_test;
  }
  const RelayedDialog* relayed = relayed_dialog(message);
  if (!relayed) return std::nullopt;
  const std::string tag = tag_of(message, message.is_request() ? "From" : "To");
  if (tag == relayed->caller_tag) return relayed->caller;
  if (tag == relayed->callee_tag) return relayed->callee;
  return std::nullopt;
}

// The played party a message that arrived on `transport` is for: the current step's
// receiver when it listens there, else the first that does.
std::optional<party::Index> Executor::receiver_at(const net::Transport* transport) const {
  const bool played = step_.to < roster_.size() && !roster_.under_test(step_.to);
  if (played && transport_of(step_.to) == transport) return step_.to;
  for (party::Index i : roster_.of_kind(party::Kind::Played))
    if (transport_of(i) == transport) return i;
  return std::nullopt;
}

std::string Executor::parties_text(const std::string& from, const std::string& to) const {
  return roster_.declared() ? from + " -> " + to : std::string();
}

std::string Executor::who(party::Index party) const {
  return roster_.declared() ? name_of(party) : std::string("the UE");
}

// Where requests to a party under test go when no dialog says: --ue, else where its
// last message came from (for the default UE exactly as before parties).
std::optional<net::Address> Executor::address_of(party::Index party) const {
  if (party < assignment_.ue.size() && !assignment_.ue[party].empty())
    return net::Address::parse(assignment_.ue[party]);
  if (auto last = where_.last_source(party)) return last;
  return where_.address(party);
}

std::optional<std::string> Executor::party_address(std::string_view name) const {
  auto party = roster_.find(name);
  if (!party) return std::nullopt;
  if (!roster_.under_test(*party)) {
    const net::Transport* transport = transport_of(*party);
    return transport ? transport->local().to_string() : options_.bind;
  }
  if (auto address = where_.address(*party)) return address->to_string();
  return std::string();
}

}  // namespace scn
