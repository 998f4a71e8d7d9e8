#include "offers.h"

#include "exprs/types.h"
#include "messages/message_rules.h"
#include "messages/rows.h"
#include "messages/xml_bodies.h"
#include "scn/support/text.hpp"

namespace scn::check {

namespace {

enum class Known { yes, no, unknown };

// Does the message carry a body, as its rows say? The SS sends what its rows give; a UE
// message has one when a row requires it.
Known has_body(const Step& step) {
  const std::vector<const Row*> rows = rows_as_written(step.rows);
  Known out = step.direction == Direction::ss_to_ue ? Known::no : Known::unknown;
  for (const Row* row : rows) {
    if (row->path.root != PathRoot::body || !row->path.xml_path.empty()) continue;
    if (row->when) return Known::unknown;  // decided at run time
    if (is_absent(*row)) {
      out = Known::no;
    } else if (row->items.size() == 1 && row->items.front().kind == MatchKind::any) {
      out = Known::unknown;
    } else {
      out = Known::yes;
    }
  }
  return out;
}

// An SDP offer or answer: a body with Content-Type application/sdp.
Known has_sdp(const Step& step) {
  const Known body = has_body(step);
  if (body != Known::yes) return body;
  const auto type = known_media_type(rows_as_written(step.rows));
  if (!type) return Known::unknown;
  return *type == "application/sdp" ? Known::yes : Known::no;
}

// A provisional response sent reliably (RFC 3262): Require lists 100rel.
Known reliable(const Step& step) {
  bool seen = false;
  for (const Row* row : rows_as_written(step.rows)) {
    if (row->path.root != PathRoot::header || !support::iequals(row->path.name, "Require") ||
        row->path.member_kind != MemberKind::none)
      continue;
    if (row->when) return Known::unknown;
    seen = true;
    bool listed = false;
    for (const RowItem& item : row->items) {
      if (item.kind != MatchKind::equal) return Known::unknown;
      for (const Value& value : item.values) {
        auto text = literal_text(value);
        if (!text) return Known::unknown;
        if (support::to_lower(*text).find("100rel") != std::string::npos) listed = true;
      }
    }
    if (!listed) return Known::no;
  }
  return seen ? Known::yes : Known::no;
}

// A step whose running the checker cannot take for granted.
bool uncertain(const Step& step) {
  return step.when || step.window || step.group || step.action;
}

std::string response_text(const Step& step) {
  return std::to_string(step.status) + (step.reason.empty() ? "" : " " + step.reason);
}

void warn_unanswered(const Step& response, const Step& request, Env& env) {
  env.report.warning(response.loc, response_text(response) + " answers the " + request.method +
                                       " of step " + request.label +
                                       ", whose SDP offer has no answer yet; give it one "
                                       "(body = ...) (RFC 3264 4)");
}

// The UE offered in a request: the SS's first message able to carry the answer.
void check_ue_offer(const std::vector<Step>& steps, std::size_t offer, Env& env) {
  const Step& request = steps[offer];
  for (std::size_t i = offer + 1; i < steps.size(); ++i) {
    const Step& step = steps[i];
    if (step.is_request || step.answers != offer || step.direction != Direction::ss_to_ue)
      continue;
    if (uncertain(step)) return;
    if (step.status >= 300) return;  // refused: nothing to answer
    const bool final = step.status >= 200;
    if (!final) {
      if (request.method != "INVITE" || step.status == 100) continue;
      const Known r = reliable(step);
      if (r == Known::unknown) return;
      if (r == Known::no) continue;  // an unreliable 18x cannot carry the answer alone
    }
    if (has_body(step) == Known::no) warn_unanswered(step, request, env);
    return;
  }
}

// The SS sent an INVITE without an offer: the UE offers in its 2xx, the SS answers in ACK.
void check_ss_invite_without_offer(const std::vector<Step>& steps, std::size_t invite, Env& env) {
  std::optional<std::size_t> ok;
  for (std::size_t i = invite + 1; i < steps.size(); ++i) {
    const Step& step = steps[i];
    if (!ok) {
      if (step.is_request || step.answers != invite) continue;
      if (uncertain(step) || step.status >= 300) return;
      if (step.status < 200) continue;
      if (has_sdp(step) != Known::yes) return;  // accepted without a (known) offer
      ok = i;
      continue;
    }
    if (!step.is_request || step.method != "ACK" || step.direction != Direction::ss_to_ue ||
        step.dialog != steps[invite].dialog)
      continue;
    if (uncertain(step)) return;
    if (has_body(step) == Known::no)
      env.report.warning(step.loc, "ACK completes the INVITE of step " + steps[invite].label +
                                       ", which had no SDP offer, so the UE's " +
                                       response_text(steps[*ok]) + " of step " +
                                       steps[*ok].label + " made it; give the ACK the "
                                       "answer (body = ...) (RFC 3264 4)");
    return;
  }
}

}  // namespace

void check_offers(const std::vector<Step>& steps, Env& env) {
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const Step& step = steps[i];
    if (!step.is_request || uncertain(step) || step.relays) continue;
    const bool offering_method = step.method == "INVITE" || step.method == "UPDATE";
    if (!offering_method) continue;
    if (step.direction == Direction::ue_to_ss) {
      if (has_sdp(step) == Known::yes) check_ue_offer(steps, i, env);
    } else if (step.method == "INVITE" && has_body(step) == Known::no) {
      check_ss_invite_without_offer(steps, i, env);
    }
  }
}

}  // namespace scn::check
