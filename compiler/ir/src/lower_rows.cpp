// Rows of a step -> send rows (SS -> UE) or match rows (UE -> SS).
//
// Rows apply in order and a later row with the same path key replaces an earlier one
// when its `when` holds: an earlier row is kept under "its own condition and not the
// later one's". Rows of a header's whole value go before the rows of its parts and
// params, so `Contact = X` and `Contact.isfocus = present` stack; likewise the whole
// body goes before the rows that edit it (body.conference-info.@version).
#include <algorithm>

#include "lower_context.h"
#include "lower_mirror.h"
#include "scn/support/text.hpp"

namespace scn::ir {

namespace {

using check::MatchKind;
using check::Row;

struct Planned {
  const Row* row = nullptr;
  std::optional<Cond> when;  // nullopt: always
};

int depth(const Row& row) {
  return row.path.member_kind == check::MemberKind::none &&
                 row.path.uri_part == check::UriPart::none && !row.path.index &&
                 row.path.xml_path.empty()
             ? 0
             : 1;
}

std::vector<Planned> plan(const check::Step& step, const ValueScope& scope, Lowering& lowering) {
  const std::vector<Row>& rows = step.rows;
  std::vector<std::optional<Cond>> conds;
  for (const Row& row : rows)
    conds.push_back(row.when ? std::optional(lower_cond(*row.when, scope, lowering)) : std::nullopt);
  std::vector<Planned> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::optional<Cond> when = conds[i];
    bool replaced = false;
    const std::string key = rows[i].path.key();
    for (std::size_t j = i + 1; j < rows.size() && !replaced; ++j) {
      if (rows[j].path.key() != key) continue;
      if (!conds[j]) replaced = true;
      else when = when ? cond_and(std::move(*when), cond_not(*conds[j])) : cond_not(*conds[j]);
    }
    if (replaced) continue;
    if (when && when->kind == CondKind::constant) {
      if (!when->value) continue;
      when.reset();
    }
    out.push_back(Planned{&rows[i], std::move(when)});
  }
  std::stable_sort(out.begin(), out.end(), [](const Planned& a, const Planned& b) {
    return depth(*a.row) < depth(*b.row);
  });
  return out;
}

bool mirrored(const ValueScope& scope) { return scope.testcase && scope.testcase->mirrored; }

// Rows of a default message that only document what the runtime fills in an SS message
// (stdlib convention: Via, Call-ID, CSeq, tags, Max-Forwards, Content-Length, and the
// copies of the request into a response; the dialog's remote target as Request-URI).
bool documents_only(const Row& row, bool mirror) {
  if (row.source == check::RowSource::step_except || row.source == check::RowSource::range_except)
    return false;
  if (row.path.root == check::PathRoot::request_uri) {
    return !row.items.empty() && !row.items.front().values.empty() &&
           std::holds_alternative<check::DialogFieldValue>(row.items.front().values.front().node);
  }
  if (row.path.root != check::PathRoot::header) return false;
  for (const char* h : {"Via", "Call-ID", "CSeq", "Max-Forwards", "Content-Length"})
    if (support::iequals(row.path.name, h)) return true;
  // In the mirror a played UE starts dialogs with the From and To its rows give.
  if (mirror) return false;
  return support::iequals(row.path.name, "From") || support::iequals(row.path.name, "To");
}

bool valueless(const check::ResolvedPath& path) {
  return path.type == schema::ValueType::flag || path.type == schema::ValueType::feature_value;
}

bool all_equal(const Row& row) {
  for (const check::RowItem& item : row.items)
    if (item.kind != MatchKind::equal || item.values.size() != 1) return false;
  return true;
}

std::vector<Value> item_values(const Row& row, const check::RowItem& item,
                               const ValueScope& scope, Lowering& lowering) {
  std::vector<Value> out;
  for (const check::Value& v : item.values) out.push_back(lower_value_at(v, row.path, scope, lowering));
  return out;
}

// A list value (<a>, <b>) as the SS writes it: "a, b".
Value joined_list(const Row& row, const ValueScope& scope, Lowering& lowering) {
  std::vector<Value> parts;
  for (const check::RowItem& item : row.items) {
    if (!parts.empty()) parts.push_back(Value{Const{", "}});
    parts.push_back(lower_value_at(item.values.front(), row.path, scope, lowering));
  }
  return make_concat(std::move(parts));
}

bool carries_sdp(const check::Step& step) {
  return step.method == "INVITE" || step.method == "UPDATE" || step.method == "PRACK";
}

// In the mirror, the one value a played party sends for a matcher (lower_mirror.h).
std::optional<SendRow> mirror_send_row(const Row& row, const check::RowItem& item, SendRow out,
                                       const ValueScope& scope, Lowering& lowering) {
  const check::Step& step = scope.testcase->steps.at(scope.step);
  switch (item.kind) {
    case MatchKind::present:
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
    case MatchKind::starts:
      out.value = lower_value_at(item.values.front(), row.path, scope, lowering);
      // "Digest " alone is no credentials value the rows on its params could edit.
      if (row.path.type == schema::ValueType::auth)
        out.value = make_concat({std::move(out.value), Value{Const{"realm=\"\""}}});
      return out;
    case MatchKind::one_of:
      out.value = lower_value_at(item.values.front(), row.path, scope, lowering);
      return out;
    case MatchKind::regex:
      if (auto text = regex_example(item.regex)) {
        out.value = Value{Const{*text}};
        return out;
      }
      lowering.error(row.loc, "the mirror cannot make a value that matches /" + item.regex +
                                  "/ for '" + row.path.text + "': give one in the step's except rows");
      return std::nullopt;
    case MatchKind::digest:
      lowering.warning(row.loc, "the mirror sends no credentials yet: '" + row.path.text +
                                    "' is left out");
      return std::nullopt;
    default: return std::nullopt;  // any: nothing to send
  }
}

std::optional<SendRow> send_row(const Planned& p, const ValueScope& scope, Lowering& lowering) {
  const Row& row = *p.row;
  if (row.items.empty() || documents_only(row, mirrored(scope))) return std::nullopt;
  auto path = lower_path(row.path, lowering);
  if (!path) return std::nullopt;
  SendRow out{*path, SendOp::set, Value{Const{}}, p.when};
  if (row.items.size() > 1) {
    if (!all_equal(row)) {
      lowering.error(row.loc, "a list of matchers cannot be sent");
      return std::nullopt;
    }
    out.value = joined_list(row, scope, lowering);
    return out;
  }
  const check::RowItem& item = row.items.front();
  if (mirrored(scope) && item.kind != MatchKind::equal && item.kind != MatchKind::absent &&
      !(item.kind == MatchKind::present && valueless(row.path)))
    return mirror_send_row(row, item, std::move(out), scope, lowering);
  switch (item.kind) {
    case MatchKind::equal:
      out.value = lower_value_at(item.values.front(), row.path, scope, lowering);
      return out;
    case MatchKind::absent: out.op = SendOp::absent; return out;
    case MatchKind::present:
      if (!valueless(row.path)) return std::nullopt;  // the runtime fills the value
      out.op = SendOp::present;
      return out;
    default: return std::nullopt;  // any, starts, matches, one of: left to the runtime
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

ir::MatchKind match_kind(MatchKind kind) {
  switch (kind) {
    case MatchKind::equal: return ir::MatchKind::equal;
    case MatchKind::present: return ir::MatchKind::present;
    case MatchKind::absent: return ir::MatchKind::absent;
    case MatchKind::any: return ir::MatchKind::any;
    case MatchKind::starts: return ir::MatchKind::prefix;
    case MatchKind::regex: return ir::MatchKind::regex;
    case MatchKind::one_of: return ir::MatchKind::one_of;
    case MatchKind::digest: return ir::MatchKind::digest;
  }
  return ir::MatchKind::any;
}

// In the mirror, `Contact = X` beside `Contact.audio = present` was the SS stacking a
// param on the value it sends: what the played party receives is X with params added, X's
// address for an address, X followed by params for other values, and for a body edited
// by paths (body.conference-info...) a reserialised X, which those paths check.
enum class Stacked { no, address, prefix, present };

// An XML document written out: the SS's runtime numbers and fills conference-info
// documents (executor/conference.cpp), so their text cannot be compared.
bool is_xml_text(const check::Value& value) {
  if (const auto* text = std::get_if<check::TextValue>(&value.node))
    return text->text.starts_with("<");
  if (const auto* concat = std::get_if<check::ConcatValue>(&value.node))
    return !concat->parts.empty() && is_xml_text(concat->parts.front());
  return false;
}

Stacked stacked(const Row& row, const std::vector<Planned>& planned) {
  using schema::ValueType;
  const check::ResolvedPath& path = row.path;
  const bool whole_body = path.root == check::PathRoot::body && path.xml_path.empty();
  const bool whole_header = path.root == check::PathRoot::header &&
                            path.member_kind == check::MemberKind::none && !path.index;
  if ((!whole_body && !whole_header) || row.items.size() != 1 ||
      row.items.front().kind != MatchKind::equal)
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

std::optional<MatchRow> match_row(const Planned& p, const std::vector<Planned>& planned,
                                  const ValueScope& scope, Lowering& lowering) {
  const Row& row = *p.row;
  const Stacked stack = mirrored(scope) ? stacked(row, planned) : Stacked::no;
  if (mirrored(scope) && runtime_written(row)) return std::nullopt;
  std::optional<check::ResolvedPath> address;
  if (stack == Stacked::address) {
    address = address_of(row.path);
    for (const Planned& other : planned)  // an except row on that address decides it
      if (other.row->path.key() == address->key()) return std::nullopt;
  }
  auto path = lower_path(address ? *address : row.path, lowering);
  if (!path) return std::nullopt;
  MatchRow out{*path, ir::MatchKind::any, {}, {}, p.when, {}};
  out.origin = row_origin(row, scope.testcase->steps.at(scope.step), lowering);
  if (row.capture && *row.capture < scope.testcase->slots.size())
    out.capture = scope.testcase->slots[*row.capture].name;
  if (row.items.empty()) return out;  // `-> name` alone: value not checked but stored
  if (row.items.size() > 1) {
    if (!all_equal(row)) {
      lowering.error(row.loc, "the runtime matches a list of plain values only");
      return std::nullopt;
    }
    out.kind = ir::MatchKind::equal_list;
    for (const check::RowItem& item : row.items)
      out.values.push_back(lower_value_at(item.values.front(), row.path, scope, lowering));
    return out;
  }
  const check::RowItem& item = row.items.front();
  out.kind = match_kind(item.kind);
  if (mirrored(scope) && (is_ss_own(item) || stack == Stacked::present)) {
    out.kind = ir::MatchKind::present;  // the SS's SDP or challenge, or an edited body
    return out;
  }
  if (stack == Stacked::prefix) out.kind = ir::MatchKind::prefix;
  if (item.kind == MatchKind::regex) out.values.push_back(Value{Const{item.regex}});
  else out.values = item_values(row, item, scope, lowering);
  if (address)  // `Contact = request.Contact`: compared by the address too
    for (Value& v : out.values)
      if (auto* field = std::get_if<StepFieldRef>(&v.node); field && field->path.part == Part::whole)
        field->path.part = Part::addr_spec;
  return out;
}

}  // namespace

namespace {

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

std::vector<SendRow> lower_send_rows(const check::Step& step, const ValueScope& scope,
                                     Lowering& lowering) {
  std::vector<Planned> planned = plan(step, scope, lowering);
  std::vector<SendRow> out;
  if (mirrored(scope)) {
    for (const Planned& p : planned) {
      if (p.row->items.size() != 1 || p.row->items.front().kind != check::MatchKind::digest) continue;
      if (auto row = mirror_credentials(step, p, scope, lowering)) out.push_back(std::move(*row));
      // The header's other rows apply only where the credentials do not (a re-registration
      // under A17 carries the last nonce, no new answer).
      const std::string header = p.row->path.name;
      const std::optional<Cond> answered = p.when;
      std::erase_if(planned, [&](Planned& q) {
        if (q.row->path.root != check::PathRoot::header || q.row->path.name != header) return false;
        if (!answered || q.row == p.row) return true;
        q.when = q.when ? cond_and(std::move(*q.when), cond_not(*answered)) : cond_not(*answered);
        return false;
      });
      break;
    }
    auto bases = mirror_bases(planned, lowering);
    out.insert(out.end(), bases.begin(), bases.end());
  }
  for (const Planned& p : planned)
    if (auto row = send_row(p, scope, lowering)) out.push_back(std::move(*row));
  return out;
}

namespace {

// In the mirror, a row on a part of a body element another row removes (`body.reginfo.
// registration[id = "a102"] = absent` beside its `.@aor`) was the SS's edit on the way out:
// what arrives has no such part where the removal applies.
void drop_under_absent(std::vector<Planned>& planned) {
  std::vector<Planned> removals;
  for (const Planned& p : planned) {
    const Row& r = *p.row;
    if (r.path.root == check::PathRoot::body && !r.path.xml_path.empty() && r.items.size() == 1 &&
        r.items.front().kind == MatchKind::absent)
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

}  // namespace

std::vector<MatchRow> lower_match_rows(const check::Step& step, const ValueScope& scope,
                                       Lowering& lowering) {
  std::vector<MatchRow> out;
  std::vector<Planned> planned = plan(step, scope, lowering);
  if (mirrored(scope)) drop_under_absent(planned);
  for (const Planned& p : planned)
    if (auto row = match_row(p, planned, scope, lowering)) out.push_back(std::move(*row));
  return out;
}

}  // namespace scn::ir
