// Resolved paths of the checker -> scn_path form: header, index, one part.
#include "lower_context.h"
#include "scn/ir/lower.h"
#include "scn/ir/parts.h"
#include "scn/support/text.hpp"

namespace scn::ir {

namespace {

using check::MemberKind;
using check::PathRoot;
using check::UriPart;

// A piece of a URI (user, host, port, param) on top of what the path reached so far.
void apply_uri_part(const check::ResolvedPath& from, Path& to) {
  switch (from.uri_part) {
    case UriPart::none: return;
    case UriPart::user: to.part = Part::uri_user; return;
    case UriPart::host: to.part = Part::uri_host; return;
    case UriPart::port: to.part = Part::uri_port; return;
    case UriPart::param:
      to.part = Part::uri_param;
      to.name = support::to_lower(from.uri_param);
      return;
  }
}

Target target_of(PathRoot root) {
  switch (root) {
    case PathRoot::request_uri: return Target::request_uri;
    case PathRoot::method: return Target::method;
    case PathRoot::status: return Target::status;
    case PathRoot::reason_phrase: return Target::reason;
    case PathRoot::body: return Target::body;
    case PathRoot::header: return Target::header;
  }
  return Target::header;
}

}  // namespace

std::optional<Path> lower_path(const check::ResolvedPath& from, Lowering& lowering) {
  Path to;
  to.target = target_of(from.root);
  if (to.target != Target::header) {
    if (to.target == Target::request_uri) apply_uri_part(from, to);
    if (to.target == Target::body) to.name = from.xml_path;  // as written: XML is case-sensitive
    return to;
  }
  to.header = from.name;
  to.index = from.index ? static_cast<unsigned>(*from.index) : 0;
  if (from.member_kind == MemberKind::param) {
    to.part = Part::param;
    to.name = support::to_lower(from.member);
    return to;
  }
  if (from.member_kind == MemberKind::part) {
    auto part = named_part(from.name, from.member);
    if (!part) {
      lowering.error(from.loc, "the runtime cannot read or write '" + from.text +
                                   "' yet (part '" + from.member + "' of " + from.name + ")");
      return std::nullopt;
    }
    to.part = *part;
  }
  apply_uri_part(from, to);
  return to;
}

std::optional<Path> lower_path(const check::ResolvedPath& path,
                               std::vector<diag::Diagnostic>& diagnostics) {
  const check::CheckedProgram none;
  Lowering lowering{none, diagnostics, {}, {}};
  return lower_path(path, lowering);
}

bool holds_name_addr(const check::ResolvedPath& path) {
  using schema::ValueType;
  if (path.root != PathRoot::header || path.member_kind != MemberKind::none ||
      path.uri_part != UriPart::none)
    return false;
  return path.type == ValueType::name_addr || path.type == ValueType::contact ||
         path.type == ValueType::angle_uri;
}

}  // namespace scn::ir
