#include "message_rules.h"

#include <algorithm>
#include <variant>

#include "rows.h"
#include "scn/support/text.hpp"

namespace scn::check {

namespace {

std::string quote(const std::string& s) { return "'" + s + "'"; }

std::string plural(const MessageShape& shape) {
  if (shape.is_request) return shape.method + " requests";
  std::string out = std::to_string(shape.status) + " responses";
  if (!shape.method.empty()) out += " to " + shape.method;
  return out;
}

schema::Presence presence(const schema::Schema& schema, const schema::Header& header,
                          const MessageShape& shape) {
  if (shape.is_request) return schema.applicability(header, shape.method);
  if (shape.method.empty()) return schema.applicability(header, shape.status);
  return schema.applicability(header, shape.method, shape.status);
}

std::string and_list(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i) out += i + 1 == names.size() ? " and " : ", ";
    out += quote(names[i]);
  }
  return out;
}

bool gives(const std::vector<const Row*>& rows, const std::string& header) {
  return std::any_of(rows.begin(), rows.end(), [&](const Row* r) {
    return r->path.root == PathRoot::header && support::iequals(r->path.name, header) &&
           (!is_absent(*r) || r->path.member_kind != MemberKind::none);
  });
}

// Whether a row condition holds with every applied condition code true (as the test
// case is written); parameters and subscriptions may go either way.
enum class Holds { no, yes, maybe };

Holds as_written(const Cond& c) {
  if (c.kind == CondKind::atom) {
    if (c.atom.empty()) return Holds::yes;
    const auto& node = c.atom.front().node;
    if (std::holds_alternative<ConditionValue>(node)) return Holds::yes;
    if (const auto* b = std::get_if<BoolValue>(&node)) return b->value ? Holds::yes : Holds::no;
    return Holds::maybe;
  }
  if (c.kind == CondKind::not_) {
    const Holds inner = c.operands.empty() ? Holds::yes : as_written(c.operands.front());
    return inner == Holds::maybe ? inner : inner == Holds::yes ? Holds::no : Holds::yes;
  }
  const Holds decisive = c.kind == CondKind::and_ ? Holds::no : Holds::yes;
  bool open = false;
  for (const Cond& operand : c.operands) {
    const Holds h = as_written(operand);
    if (h == decisive) return decisive;
    open = open || h == Holds::maybe;
  }
  if (open) return Holds::maybe;
  return decisive == Holds::no ? Holds::yes : Holds::no;
}

}  // namespace

std::vector<const Row*> rows_as_written(const std::vector<Row>& rows) {
  std::vector<const Row*> out;
  for (const Row& row : rows) {
    const Holds h = row.when ? as_written(*row.when) : Holds::yes;
    if (h == Holds::no) continue;
    if (h == Holds::yes) {
      const std::string key = row.path.key();
      out.erase(std::remove_if(out.begin(), out.end(),
                               [&](const Row* r) { return r->path.key() == key; }),
                out.end());
    }
    out.push_back(&row);
  }
  return out;
}

bool check_method(const ast::Message& message, Env& env) {
  if (message.kind != ast::Message::Kind::method) return true;
  if (env.schema.find_method(message.method)) return true;
  std::vector<std::string> names;
  for (auto n : env.schema.method_names()) names.emplace_back(n);
  env.report.error(message.loc, "unknown method " + quote(message.method) +
                                    did_you_mean(message.method, names));
  return false;
}

void check_allowed(const Row& row, const MessageShape& shape, Env& env) {
  if (row.path.root != PathRoot::header || is_absent(row)) return;
  if (!shape.is_request && shape.status == 0) return;
  const schema::Header* header = env.schema.find_header(row.path.name);
  if (!header) return;
  if (presence(env.schema, *header, shape) != schema::Presence::not_applicable) return;
  env.report.error(row.path.loc, quote(header->name) + " is not allowed in " + plural(shape));
}

void check_ss_message(const std::vector<Row>& step_rows, const MessageShape& shape,
                      const ast::SourceLoc& at, const std::string& who, Env& env) {
  if (!shape.is_request && shape.method.empty()) return;  // the request is not known
  const std::vector<const Row*> rows = rows_as_written(step_rows);
  const auto mandatory = shape.is_request
                             ? env.schema.mandatory_headers(shape.method)
                             : env.schema.mandatory_headers(shape.method, shape.status);
  std::vector<std::string> missing;
  for (const schema::Header* header : mandatory) {
    if (filled_by_runtime(header->name)) continue;
    bool removed = false;
    for (const Row* r : rows) {
      const Row& row = *r;
      if (row.path.root != PathRoot::header || row.path.name != header->name ||
          row.path.member_kind != MemberKind::none || row.path.index || !is_absent(row))
        continue;
      env.report.error(row.path.loc, quote(header->name) + " must be in " + plural(shape) +
                                         ": 'absent' would leave it out");
      removed = true;
    }
    if (!removed && !gives(rows, header->name)) missing.push_back(header->name);
  }
  if (!missing.empty()) {
    env.report.error(at, who + " lacks " + and_list(missing) + ", which " + plural(shape) +
                             " must carry: set " + (missing.size() > 1 ? "them" : "it") +
                             " in an except block or use a default message that does");
  }
  const bool has_body = std::any_of(rows.begin(), rows.end(), [](const Row* r) {
    return r->path.root == PathRoot::body && !is_absent(*r);
  });
  // The runtime labels the SDP of sdp_answer() / sdp_offer() application/sdp itself.
  const bool sdp_body = std::any_of(rows.begin(), rows.end(), [](const Row* r) {
    return r->path.root == PathRoot::body &&
           std::any_of(r->items.begin(), r->items.end(), [](const RowItem& item) {
             return std::any_of(item.values.begin(), item.values.end(), [](const Value& v) {
               return std::holds_alternative<SdpValue>(v.node);
             });
           });
  });
  if (has_body && !sdp_body && !gives(rows, "Content-Type"))
    env.report.error(at, who + " has a body but no 'Content-Type': add Content-Type = \"...\"");
}

}  // namespace scn::check
