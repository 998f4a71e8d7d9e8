// The run options that name a party: parsing "[NAME=]VALUE" and checking each option
// against the parties of the test case.
#include "party/party.h"

namespace scn::party {

namespace {

// "v4:port" (one colon) or "[v6]:port": the port is never implied on the command line.
bool has_explicit_port(std::string_view text) {
  std::size_t colon;
  if (text.starts_with('[')) {
    auto close = text.find("]:");
    if (close == std::string_view::npos) return false;
    colon = close + 1;
  } else {
    colon = text.find(':');
    if (colon == std::string_view::npos || text.find(':', colon + 1) != std::string_view::npos)
      return false;
  }
  return colon + 1 < text.size();
}

bool is_name(std::string_view text) {
  if (text.empty() || sip::is_digit(text.front())) return false;
  for (char c : text)
    if (!sip::is_alpha(c) && !sip::is_digit(c) && c != '_') return false;
  return true;
}

// Says what is wrong with giving this option to that party, or nothing.
std::optional<std::string> wrong_kind(OptionKind kind, const Party& party) {
  const bool under_test = party.kind == Kind::UnderTest;
  if (kind == OptionKind::Bind && under_test)
    return party.name + " is under test: where it is, --ue says";
  if (kind != OptionKind::Bind && !under_test)
    return party.name + " is played by scn, not under test";
  return std::nullopt;
}

Result<Index> named_party(const Roster& roster, std::string_view testcase, const Option& option) {
  auto found = roster.find(option.party);
  if (!found) {
    std::string why = "no party '" + option.party + "' in test case " + std::string(testcase);
    if (auto close = roster.closest(option.party))
      return make_error(why + "; did you mean '" + *close + "'?");
    return make_error(why + " (its parties: " + roster.names() + ")");
  }
  if (auto wrong = wrong_kind(option.kind, roster.at(*found))) return make_error(*wrong);
  return *found;
}

// The party a nameless --ue is for: the only one under test.
Result<Index> only_under_test(const Roster& roster, std::string_view testcase) {
  const auto under_test = roster.of_kind(Kind::UnderTest);
  if (under_test.size() == 1) return under_test.front();
  return make_error("test case " + std::string(testcase) + " has " +
                    std::to_string(under_test.size()) + " parties under test (" +
                    roster.names(Kind::UnderTest) + "): name one, --ue NAME=HOST:PORT");
}

}  // namespace

std::string_view option_name(OptionKind kind) {
  switch (kind) {
    case OptionKind::Ue: return "--ue";
    case OptionKind::Bind: return "--bind";
    case OptionKind::Drive: return "--drive";
  }
  return "--ue";
}

Result<void> check_address(std::string_view text) {
  if (!has_explicit_port(text))
    return make_error("expected HOST:PORT, got '" + std::string(text) + "'");
  if (!net::Address::parse(text))
    return make_error("not a numeric HOST:PORT: '" + std::string(text) + "'");
  return {};
}

Result<Option> parse_option(OptionKind kind, std::string_view text) {
  Option option{kind, {}, std::string(text)};
  const auto eq = text.find('=');
  if (eq != std::string_view::npos) {
    option.party = text.substr(0, eq);
    option.value = text.substr(eq + 1);
    if (!is_name(option.party))
      return make_error("expected a party name before '=', got '" + option.party + "'");
  }
  if (kind == OptionKind::Drive) {
    if (option.party.empty())
      return make_error("expected NAME=SPEC, got '" + std::string(text) + "'");
    if (option.value.empty()) return make_error("no SPEC for " + option.party);
    return option;
  }
  if (auto checked = check_address(option.value); !checked) return checked.error();
  return option;
}

Result<Assignment> assign(const Roster& roster, std::string_view testcase,
                          std::string_view default_ue, const std::vector<Option>& options) {
  Assignment a;
  a.ue.resize(roster.size());
  a.bind.resize(roster.size());
  a.drive.resize(roster.size());
  if (!default_ue.empty()) {
    auto party = only_under_test(roster, testcase);
    if (!party) return make_error("--ue: " + party.reason());
    a.ue[*party] = default_ue;
  }
  for (const Option& option : options) {
    const std::string name(option_name(option.kind));
    if (option.party.empty() && option.kind == OptionKind::Bind) continue;  // the shared one
    auto party = option.party.empty() ? only_under_test(roster, testcase)
                                      : named_party(roster, testcase, option);
    if (!party) return make_error(name + ": " + party.reason());
    auto& slot = option.kind == OptionKind::Ue     ? a.ue
                 : option.kind == OptionKind::Bind ? a.bind
                                                   : a.drive;
    slot[*party] = option.value;
  }
  return a;
}

}  // namespace scn::party
