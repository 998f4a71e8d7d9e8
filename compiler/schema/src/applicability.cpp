// Choosing the RFC table row that governs a header in a given message.
#include "scn/schema/schema.hpp"

namespace scn::schema {

// For a request: the rows that cover requests. For a response: the rows whose status
// set holds the status, the narrowest first (an exact code beats "2xx", which beats
// "r"), as the RFC tables list general and specific rows side by side (Allow r / 405).
// Only rows with a value for the method compete, so a file may describe a subset of
// the methods. The first of equally narrow rows wins.
const Rule* Schema::best_rule(const Header& header, std::size_t method, bool request,
                              int status) const noexcept {
  const Rule* best = nullptr;
  for (const auto& rule : header.rules) {
    if (method >= rule.by_method.size() || rule.by_method[method] == Presence::unspecified)
      continue;
    if (request) {
      if (rule.where.requests && !best) best = &rule;
      continue;
    }
    if (!rule.where.covers(status)) continue;
    if (!best || rule.where.width() < best->where.width()) best = &rule;
  }
  return best;
}

namespace {

// Whether any row of the header has a column for this method.
bool describes(const Header& header, std::size_t method) noexcept {
  for (const auto& rule : header.rules)
    if (method < rule.by_method.size() && rule.by_method[method] != Presence::unspecified)
      return true;
  return false;
}

}  // namespace

Presence Schema::applicability(const Header& header, std::string_view method) const noexcept {
  const auto index = method_index(method);
  if (!index) return Presence::unspecified;
  const Rule* rule = best_rule(header, *index, true, 0);
  return rule ? rule->by_method[*index] : Presence::not_applicable;
}

Presence Schema::applicability(const Header& header, std::string_view method,
                               int status) const noexcept {
  const auto index = method_index(method);
  if (!index) return Presence::unspecified;
  const Rule* rule = best_rule(header, *index, false, status);
  return rule ? rule->by_method[*index] : Presence::not_applicable;
}

Presence Schema::applicability(const Header& header, int status) const noexcept {
  bool seen = false;
  Presence common = Presence::unspecified;
  for (std::size_t m = 0; m < data_.methods.size(); ++m) {
    if (!data_.methods[m].has_responses || !describes(header, m)) continue;
    const Rule* rule = best_rule(header, m, false, status);
    const Presence p = rule ? rule->by_method[m] : Presence::not_applicable;
    if (!seen) {
      common = p;
      seen = true;
    } else if (p != common) {
      return Presence::conditional;
    }
  }
  return common;
}

}  // namespace scn::schema
