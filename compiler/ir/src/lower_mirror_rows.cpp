// The mirror's rows (lower_mirror.h): what a played party sends for a UE's rows, and how
// the SS's rows are compared with what a real network sends.
#include <algorithm>

#include "lower_mirror.h"
#include "scn/support/text.hpp"

namespace scn::ir {

using check::Row;

namespace {

bool carries_sdp(const check::Step& step) {
  return step.method == "INVITE" || step.method == "UPDATE" || step.method == "PRACK";
}

}  // namespace

std::optional<SendRow> mirror_send_row(const Row& row, const check::RowItem& item, SendRow out,
                                       const ValueScope& scope, Lowering& lowering) {
  const check::Step& step = scope.testcase->steps.at(scope.step);
  switch (item.kind) {
    case check::MatchKind::present:
      if (row.path.root == check::PathRoot::body && row.path.xml_path.empty()) {
        if (!carries_sdp(step)) return std::nullopt;
        out.value = Value{Sdp{step.is_request ? SdpKind::offer : SdpKind::answer}};
        return out;
      }
      if (auto text = present_example(row.path)) {
        out.value = Value{Const{*text}};
        return out;
      }
      return std::nullopt;
    case check::MatchKind::starts:
      out.value = lower_value_at(item.values.front(), row.path, scope, lowering);
      // "Digest " alone is no credentials value the rows on its params could edit.
      if (row.path.type == schema::ValueType::auth)
        out.value = make_concat({std::move(out.value), Value{Const{"realm=\"\""}}});
      return out;
    case check::MatchKind::one_of:
      out.value = lower_value_at(item.values.front(), row.path, scope, lowering);
      return out;
    case check::MatchKind::regex:
      if (auto text = regex_example(item.regex)) {
        out.value = Value{Const{*text}};
        return out;
      }
      lowering.error(row.loc, "the mirror cannot make a value that matches /" + item.regex +
                                  "/ for '" + row.path.text + "': give one in the step's except rows");
      return std::nullopt;
    case check::MatchKind::digest:  // a second one: answer_challenge answers the first only
      lowering.warning(row.loc, "the mirror answers one challenge per message: '" +
                                    row.path.text + "' is left out");
      return std::nullopt;
    default: return std::nullopt;  // any: nothing to send
  }
}


// Values only the SS can make (its SDP, its challenges): what the mirror receives in their
// place cannot be predicted.
bool is_ss_own(const check::RowItem& item) {
  for (const check::Value& v : item.values)
    if (std::holds_alternative<check::SdpValue>(v.node) ||
        std::holds_alternative<check::ChallengeValue>(v.node))
      return true;
  return false;
}

// In the mirror, `Contact = X` beside `Contact.audio = present` was the SS stacking a
// param on the value it sends: what the played party receives is X with params added, X's
// address for an address, X followed by params for other values, and for a body edited
// by paths (body.conference-info...) a reserialised X, which those paths check.

namespace {

// An XML document written out: the SS's runtime numbers and fills conference-info
// documents (executor/conference.cpp), so their text cannot be compared.
bool is_xml_text(const check::Value& value) {
  if (const auto* text = std::get_if<check::TextValue>(&value.node))
    return text->text.starts_with("<");
  if (const auto* concat = std::get_if<check::ConcatValue>(&value.node))
    return !concat->parts.empty() && is_xml_text(concat->parts.front());
  return false;
}

}  // namespace

Stacked stacked(const Row& row, const std::vector<Planned>& planned) {
  using schema::ValueType;
  const check::ResolvedPath& path = row.path;
  const bool whole_body = path.root == check::PathRoot::body && path.xml_path.empty();
  const bool whole_header = path.root == check::PathRoot::header &&
                            path.member_kind == check::MemberKind::none && !path.index;
  if ((!whole_body && !whole_header) || row.items.size() != 1 ||
      row.items.front().kind != check::MatchKind::equal)
    return Stacked::no;
  if (whole_body && !row.items.front().values.empty() && is_xml_text(row.items.front().values.front()))
    return Stacked::present;
  for (const Planned& other : planned) {
    const check::ResolvedPath& o = other.row->path;
    if (whole_body && o.root == check::PathRoot::body && !o.xml_path.empty()) return Stacked::present;
    if (whole_header && o.root == check::PathRoot::header && o.name == path.name &&
        o.member_kind == check::MemberKind::param)
      return schema::is_address_type(path.type) ? Stacked::address : Stacked::prefix;
  }
  return Stacked::no;
}

check::ResolvedPath address_of(const check::ResolvedPath& path) {
  check::ResolvedPath address = path;
  address.member_kind = check::MemberKind::part;
  address.member = "addr-spec";
  address.text += ".addr-spec";
  address.type = schema::ValueType::uri;
  return address;
}

// Max-Forwards and Content-Length rows of the SS's defaults document the table; the
// runtime writes its own values (documents_only).
bool runtime_written(const Row& row) {
  return row.path.root == check::PathRoot::header &&
         row.source != check::RowSource::step_except && row.source != check::RowSource::range_except &&
         (support::iequals(row.path.name, "Max-Forwards") ||
          support::iequals(row.path.name, "Content-Length"));
}


// In the mirror, rows on a part of a header no row writes as a whole (Event.package =
// "refer" in a UE's NOTIFY) edit a value that must exist first: an example of the header;
// a row on the N-th value of a list (Route[2]) needs N values.
std::vector<SendRow> mirror_bases(const std::vector<Planned>& planned, Lowering& lowering) {
  std::vector<SendRow> out;
  std::vector<std::string> done;
  for (const Planned& p : planned) {
    const check::ResolvedPath& path = p.row->path;
    const bool member = path.member_kind != check::MemberKind::none ||
                        path.uri_part != check::UriPart::none;
    if (path.root != check::PathRoot::header || (!member && !path.index)) continue;
    if (std::find(done.begin(), done.end(), path.name) != done.end()) continue;
    done.push_back(path.name);
    bool whole = false;
    for (const Planned& other : planned)
      whole = whole || (other.row->path.root == check::PathRoot::header &&
                        other.row->path.name == path.name &&
                        other.row->path.member_kind == check::MemberKind::none &&
                        other.row->path.uri_part == check::UriPart::none &&
                        !other.row->path.index);
    check::ResolvedPath base = path;
    base.member_kind = check::MemberKind::none;
    base.member.clear();
    base.uri_part = check::UriPart::none;
    base.uri_param.clear();
    base.text = path.name;
    base.index.reset();
    const bool address = path.member == "addr-spec" || path.uri_part != check::UriPart::none ||
                         (!member && schema::is_address_type(path.type));
    base.type = address ? schema::ValueType::name_addr : schema::ValueType::token;
    auto example = whole ? std::nullopt : present_example(base);
    if (!example) continue;
    const std::string one = *example;
    for (std::int64_t n = 1; n < path.index.value_or(1); ++n) *example += ", " + one;
    if (auto lowered = lower_path(base, lowering))
      out.push_back(SendRow{*lowered, SendOp::set, Value{Const{*example}}, std::nullopt});
  }
  return out;
}

namespace {

// The step before `scope.step` whose rows challenge with `header` (aka_challenge(...) or
// digest_challenge(...) as the whole value), and that challenge.
std::optional<std::pair<std::size_t, const check::Row*>> challenge_before(
    const ValueScope& scope, const std::string& header) {
  const auto& steps = scope.testcase->steps;
  for (std::size_t i = std::min(scope.step, steps.size()); i-- > 0;)
    for (const Row& row : steps[i].rows)
      if (row.path.root == check::PathRoot::header && support::iequals(row.path.name, header) &&
          row.path.member_kind == check::MemberKind::none && row.items.size() == 1 &&
          !row.items.front().values.empty() &&
          std::holds_alternative<check::ChallengeValue>(row.items.front().values.front().node))
        return std::pair{i, &row};
  return std::nullopt;
}

}  // namespace

namespace {

// In the mirror, `Authorization.response = digest_response(user, password)`: the played
// UE answers the challenge of the latest step that made one, so the whole header is its
// credentials (scn_auth_credentials) and the header's other rows, which describe them,
// are left to that.
std::optional<SendRow> mirror_credentials(const check::Step& step, const Planned& digest,
                                          const ValueScope& scope, Lowering& lowering) {
  const Row& row = *digest.row;
  const bool proxy = support::iequals(row.path.name, "Proxy-Authorization");
  auto challenge = challenge_before(scope, proxy ? "Proxy-Authenticate" : "WWW-Authenticate");
  if (!challenge) {
    lowering.error(row.loc, "the mirror answers a challenge, but no step before this one "
                            "makes one (aka_challenge or digest_challenge)");
    return std::nullopt;
  }
  const auto [index, challenge_row] = *challenge;
  const check::Step& challenged = scope.testcase->steps[index];
  auto field = [&](std::size_t at, const check::ResolvedPath& path) {
    check::Value v;
    v.loc = row.loc;
    v.node = check::StepFieldValue{at, path};
    return lower_value(v, scope, lowering);
  };
  check::ResolvedPath request_uri;
  request_uri.root = check::PathRoot::request_uri;
  request_uri.text = "Request-URI";
  request_uri.type = schema::ValueType::uri;
  Credentials credentials;
  credentials.args.push_back(field(index, challenge_row->path));
  credentials.args.push_back(Value{Const{step.method}});
  credentials.args.push_back(challenged.answers ? field(*challenged.answers, request_uri)
                                                : Value{Const{}});
  for (const check::Value& v : row.items.front().values)  // user, password
    credentials.args.push_back(lower_value(v, scope, lowering));
  const auto& made = std::get<check::ChallengeValue>(challenge_row->items.front().values.front().node);
  for (std::size_t i = 2; i < 5; ++i)  // K, OP, OPc of an AKA challenge
    credentials.args.push_back(made.scheme == check::AuthScheme::aka && i < made.args.size()
                                   ? lower_value(made.args[i], scope, lowering)
                                   : Value{Const{}});
  check::ResolvedPath whole = row.path;
  whole.member_kind = check::MemberKind::none;
  whole.member.clear();
  whole.text = row.path.name;
  auto path = lower_path(whole, lowering);
  if (!path) return std::nullopt;
  return SendRow{*path, SendOp::set, Value{std::move(credentials)}, digest.when};
}

}  // namespace


// In the mirror, a row on a part of a body element another row removes (`body.reginfo.
// registration[id = "a102"] = absent` beside its `.@aor`) was the SS's edit on the way out:
// what arrives has no such part where the removal applies.
void drop_under_absent(std::vector<Planned>& planned) {
  std::vector<Planned> removals;
  for (const Planned& p : planned) {
    const Row& r = *p.row;
    if (r.path.root == check::PathRoot::body && !r.path.xml_path.empty() && r.items.size() == 1 &&
        r.items.front().kind == check::MatchKind::absent)
      removals.push_back(p);
  }
  for (const Planned& gone : removals) {
    const Row& r = *gone.row;
    std::erase_if(planned, [&](Planned& q) {
      const std::string& path = q.row->path.xml_path;
      if (q.row->path.root != check::PathRoot::body || path.size() <= r.path.xml_path.size() ||
          !path.starts_with(r.path.xml_path) || path[r.path.xml_path.size()] != '.')
        return false;
      if (!gone.when) return true;
      q.when = q.when ? cond_and(std::move(*q.when), cond_not(*gone.when)) : cond_not(*gone.when);
      return false;
    });
  }
}


// In the mirror, the first `X.response = digest_response(...)` row: the played UE's
// credentials for the challenge before it (mirror_credentials); the header's other rows
// then apply only where the credentials do not (a re-registration under A17 carries the
// last nonce, no new answer).
std::vector<SendRow> answer_challenge(const check::Step& step, std::vector<Planned>& planned,
                                      const ValueScope& scope, Lowering& lowering) {
  std::vector<SendRow> out;
  for (const Planned& p : planned) {
    if (p.row->items.size() != 1 || p.row->items.front().kind != check::MatchKind::digest) continue;
    if (auto row = mirror_credentials(step, p, scope, lowering)) out.push_back(std::move(*row));
    const std::string header = p.row->path.name;
    const check::Row* digest = p.row;
    const std::optional<Cond> answered = p.when;
    std::erase_if(planned, [&](Planned& q) {
      if (q.row->path.root != check::PathRoot::header || q.row->path.name != header) return false;
      if (!answered || q.row == digest) return true;
      q.when = q.when ? cond_and(std::move(*q.when), cond_not(*answered)) : cond_not(*answered);
      return false;
    });
    break;
  }
  return out;
}

}  // namespace scn::ir
