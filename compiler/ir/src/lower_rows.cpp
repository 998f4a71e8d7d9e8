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

std::optional<MatchRow> match_row(const Planned& p, const std::vector<Planned>& planned,
                                  const ValueScope& scope, Lowering& lowering) {
  const Row& row = *p.row;
  if (mirrored(scope) && runtime_written(row)) return std::nullopt;
  const Stacked stack = mirrored(scope) ? stacked(row, planned) : Stacked::no;
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

std::vector<SendRow> lower_send_rows(const check::Step& step, const ValueScope& scope,
                                     Lowering& lowering) {
  std::vector<Planned> planned = plan(step, scope, lowering);
  std::vector<SendRow> out;
  if (mirrored(scope)) {
    out = answer_challenge(step, planned, scope, lowering);
    auto bases = mirror_bases(planned, lowering);
    out.insert(out.end(), bases.begin(), bases.end());
  }
  for (const Planned& p : planned)
    if (auto row = send_row(p, scope, lowering)) out.push_back(std::move(*row));
  return out;
}

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
