// Where the parties under test are, and whose an incoming message is.
#include "party/party.h"

namespace scn::party {

namespace {

// A numeric host and port of a URI or sent-by; nullopt for names (no DNS here).
std::optional<net::Address> numeric(std::string_view host, std::optional<std::uint16_t> port) {
  return net::Address::from_host(host, port.value_or(5060));
}

std::optional<net::Address> via_sent_by(const sip::Message& message) {
  auto via = sip::parse_via(message.value_or("Via"));
  if (!via) return std::nullopt;
  return numeric(via->host, via->port);
}

std::optional<net::Address> contact_address(const sip::Message& message) {
  auto contact = sip::parse_contact(message.value_or("Contact"));
  if (!contact || contact->is_star || !contact->addr.uri.is_sip()) return std::nullopt;
  return numeric(contact->addr.uri.host, contact->addr.uri.port);
}

}  // namespace

Origin origin_of(const sip::Message& message, const net::Address& source) {
  Origin origin{source, std::nullopt, contact_address(message)};
  if (message.is_request()) origin.sent_by = via_sent_by(message);
  return origin;
}

Whereabouts::Whereabouts(const Roster& roster) : parties_(roster.size()) {
  for (Index i = 0; i < roster.size(); ++i) parties_[i].under_test = roster.under_test(i);
}

bool Whereabouts::set_address(Index party, const net::Address& address) {
  // Given (--ue), an address may be several parties': one network entity in several roles.
  parties_.at(party).address = address;
  parties_.at(party).seen.push_back(address);
  return true;
}

bool Whereabouts::all_known() const {
  for (const Place& p : parties_)
    if (p.under_test && !p.address) return false;
  return true;
}

bool Whereabouts::seen_at(const Place& place, const net::Address& address) const {
  for (const net::Address& seen : place.seen)
    if (seen == address) return true;
  return false;
}

bool Whereabouts::taken_by_other(Index party, const net::Address& address) const {
  for (Index i = 0; i < parties_.size(); ++i)
    if (i != party && parties_[i].address == address) return true;
  return false;
}

std::optional<Index> Whereabouts::sender(const Origin& origin) const {
  const std::vector<Index> at = parties_of(origin);
  if (at.size() == 1) return at.front();
  return std::nullopt;  // none, or shared: the dialog or the step tells
}

std::vector<Index> Whereabouts::parties_of(const Origin& origin) const {
  for (const std::optional<net::Address>& where : {std::optional(origin.source), origin.sent_by,
                                                   origin.contact}) {
    if (!where) continue;
    std::vector<Index> at = parties_at(*where);
    if (!at.empty()) return at;
  }
  return {};
}

std::vector<Index> Whereabouts::parties_at(const net::Address& address) const {
  std::vector<Index> out;
  for (Index i = 0; i < parties_.size(); ++i)
    if (parties_[i].under_test && seen_at(parties_[i], address)) out.push_back(i);
  return out;
}

bool Whereabouts::learn(Index party, const Origin& origin) {
  Place& place = parties_.at(party);
  place.last_source = origin.source;
  bool ok = true;
  if (!place.address) {
    ok = !taken_by_other(party, origin.source);
    if (ok) place.address = origin.source;
  }
  // Parties sharing an address share its connections too: a source seen for one of them
  // says nothing about whose the next message from there is.
  if (place.address && taken_by_other(party, *place.address)) return ok;
  for (const std::optional<net::Address>& where : {std::optional(origin.source), origin.sent_by})
    if (where && !seen_at(place, *where)) place.seen.push_back(*where);
  return ok;
}

}  // namespace scn::party
