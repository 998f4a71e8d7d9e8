// Small helpers of the AST node types.
#include <limits>

#include "scn/ast/module.h"

namespace scn::ast {

const std::string& SourceLoc::path() const {
  static const std::string unknown = "<unknown>";
  return file ? file->path : unknown;
}

std::int64_t DurationLit::millis() const {
  std::int64_t factor = unit == TimeUnit::ms ? 1 : unit == TimeUnit::s ? 1000 : 60000;
  if (amount > std::numeric_limits<std::int64_t>::max() / factor) {
    return std::numeric_limits<std::int64_t>::max();
  }
  return amount * factor;
}

namespace {

// A selector's value in quotes, as the runtime's XML paths read it: a backslash escapes
// the next character.
std::string quoted_value(const std::string& value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

bool PathSegment::xml_only() const {
  return attribute || selector || (!quoted && name.find(':') != std::string::npos);
}

std::string Path::text() const {
  std::string out;
  for (const PathSegment& segment : segments) {
    if (!out.empty()) out += '.';
    if (segment.attribute) out += '@';
    out += segment.quoted ? "\"" + segment.name + "\"" : segment.name;
    if (segment.index) out += "[" + std::to_string(*segment.index) + "]";
    if (const auto& s = segment.selector) {
      out += "[" + (s->key_quoted ? "\"" + s->key + "\"" : s->key);
      out += s->bare ? "]" : " = " + quoted_value(s->value) + "]";
    }
  }
  return out;
}

const char* party_kind_name(PartyKind kind) { return kind == PartyKind::ue ? "ue" : "ss"; }

std::string RelayClause::label() const {
  return (procedure.empty() ? "" : procedure + ":") + std::to_string(step);
}

std::string Message::text() const {
  if (kind == Kind::method) return method;
  std::string out = std::to_string(status);
  if (!reason.empty()) out += " " + reason;
  return out;
}

std::string Import::dotted() const {
  std::string out;
  for (const std::string& part : path) {
    if (!out.empty()) out += '.';
    out += part;
  }
  return out;
}

const SourceLoc& StepItem::loc() const {
  return std::visit([](const auto& item) -> const SourceLoc& { return item.loc; }, node);
}

std::vector<const std::vector<StepItem>*> StepItem::blocks() const {
  std::vector<const std::vector<StepItem>*> out;
  if (const auto* optional = std::get_if<OptionalBlock>(&node)) out.push_back(&optional->items);
  if (const auto* either = std::get_if<EitherBlock>(&node))
    for (const auto& branch : either->branches) out.push_back(&branch);
  if (const auto* any = std::get_if<AnyOrderBlock>(&node)) out.push_back(&any->items);
  if (const auto* when = std::get_if<WhenBlock>(&node)) out.push_back(&when->items);
  return out;
}

}  // namespace scn::ast
