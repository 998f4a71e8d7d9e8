#include "paths.h"

namespace scn::check {

namespace {

using schema::Header;

std::vector<std::string> header_candidates(const schema::Schema& schema) {
  std::vector<std::string> out;
  for (auto name : schema.header_names()) out.emplace_back(name);
  for (const auto& pseudo : schema.pseudo_paths()) out.push_back(pseudo.name);
  return out;
}

PathRoot root_of(const std::string& pseudo) {
  if (pseudo == "Request-URI") return PathRoot::request_uri;
  if (pseudo == "Method") return PathRoot::method;
  if (pseudo == "Status") return PathRoot::status;
  if (pseudo == "Reason-Phrase") return PathRoot::reason_phrase;
  return PathRoot::body;
}

std::string quote(const std::string& s) { return "'" + s + "'"; }

// user, host, port or a URI param of a URI value (Request-URI.user, To.addr-spec.host).
bool resolve_uri_part(const ast::PathSegment& segment, const Env& env, ResolvedPath& out) {
  if (segment.index) {
    env.report.error(segment.loc, "[N] does not apply to a part of a URI");
    return false;
  }
  const std::string& name = segment.name;
  if (!segment.quoted && name == "user") {
    out.uri_part = UriPart::user;
    out.type = schema::ValueType::token;
  } else if (!segment.quoted && name == "host") {
    out.uri_part = UriPart::host;
    out.type = schema::ValueType::host;
  } else if (!segment.quoted && name == "port") {
    out.uri_part = UriPart::port;
    out.type = schema::ValueType::port;
  } else {
    out.uri_part = UriPart::param;
    out.uri_param = name;
    out.type = schema::ValueType::gen_value;
  }
  return true;
}

bool resolve_pseudo(const schema::PseudoPath& pseudo, const ast::Path& path,
                    const MessageShape& shape, const Env& env, ResolvedPath& out) {
  const ast::PathSegment& head = path.segments.front();
  out.root = root_of(pseudo.name);
  out.name = pseudo.name;
  out.type = pseudo.type;
  if (shape.is_request && !pseudo.in_requests) {
    env.report.error(head.loc, quote(pseudo.name) + " exists only in responses, not in a " +
                                   shape.text());
    return false;
  }
  if (!shape.is_request && !pseudo.in_responses) {
    env.report.error(head.loc, quote(pseudo.name) + " exists only in requests, not in a " +
                                   shape.text());
    return false;
  }
  if (head.index) {
    env.report.error(head.loc, quote(pseudo.name) + " has a single value, so [" +
                                   std::to_string(*head.index) + "] does not apply");
    return false;
  }
  if (path.segments.size() > 1 && out.root == PathRoot::body)
    return resolve_xml_path(path, env, out);
  if (path.segments.size() > 1 && pseudo.type == schema::ValueType::uri) {
    if (!resolve_uri_part(path.segments[1], env, out)) return false;
    if (path.segments.size() == 2) return true;
    env.report.error(path.segments[2].loc, quote(out.text) + " goes too deep: after " +
                                               pseudo.name + "." + path.segments[1].name +
                                               " nothing can follow");
    return false;
  }
  if (path.segments.size() > 1) {
    env.report.error(path.segments[1].loc, quote(pseudo.name) + " has no parts or params");
    return false;
  }
  return true;
}

bool resolve_index(const Header& header, const ast::PathSegment& head, const Env& env,
                   ResolvedPath& out) {
  if (!head.index) return true;
  if (!header.is_list()) {
    env.report.error(head.loc, quote(header.name) + " holds a single value, so [" +
                                   std::to_string(*head.index) + "] does not apply");
    return false;
  }
  if (*head.index < 1) {
    env.report.error(head.loc, "values of " + quote(header.name) +
                                   " are numbered from 1: write [1] for the first");
    return false;
  }
  out.index = head.index;
  return true;
}

std::vector<std::string> member_candidates(const Header& header) {
  std::vector<std::string> out;
  for (auto name : header.part_names()) out.emplace_back(name);
  for (auto name : header.param_names()) out.emplace_back(name);
  return out;
}

bool resolve_member(const Header& header, const ast::PathSegment& member, const Env& env,
                    ResolvedPath& out) {
  if (member.index) {
    env.report.error(member.loc, "[N] picks a value of a list header, as in Record-Route[2]." +
                                     member.name + "; it does not apply to " + member.name);
    return false;
  }
  if (!member.quoted) {
    if (const auto* part = header.find_part(member.name)) {
      out.member_kind = MemberKind::part;
      out.member = part->name;
      out.type = part->type;
      return true;
    }
  }
  if (const auto* param = header.find_param(member.name)) {
    out.member_kind = MemberKind::param;
    out.member = param->name;
    out.type = param->type;
    return true;
  }
  const std::string hint = did_you_mean(member.name, member_candidates(header));
  if (header.param_policy == schema::ParamPolicy::closed) {
    env.report.error(member.loc, quote(header.name) + " has no part or param " +
                                     quote(member.name) + hint);
    return false;
  }
  env.report.warning(member.loc, quote(header.name) + " has no known part or param " +
                                     quote(member.name) + hint +
                                     " (it is treated as an extension param)");
  out.member_kind = MemberKind::param;
  out.member = member.name;
  out.listed_member = false;
  out.type = schema::ValueType::gen_value;
  return true;
}

}  // namespace

std::optional<ResolvedPath> resolve_path(const ast::Path& path, const MessageShape& shape,
                                         const Env& env) {
  if (path.segments.empty()) return std::nullopt;
  const ast::PathSegment& head = path.segments.front();
  ResolvedPath out;
  out.loc = path.loc;
  out.text = path.text();
  const auto* pseudo = head.quoted ? nullptr : env.schema.find_pseudo_path(head.name);
  const bool body = pseudo && root_of(pseudo->name) == PathRoot::body;
  // After body the names are XML names; before it, and in other paths, none can be.
  if (!no_xml_forms(path, body ? 1 : path.segments.size(), env)) return std::nullopt;
  if (pseudo) {
    if (!resolve_pseudo(*pseudo, path, shape, env, out)) return std::nullopt;
    return out;
  }
  const Header* header = head.quoted ? nullptr : env.schema.find_header(head.name);
  if (!header) {
    env.report.error(head.loc, "unknown header " + quote(head.name) +
                                   did_you_mean(head.name, header_candidates(env.schema)));
    return std::nullopt;
  }
  out.root = PathRoot::header;
  out.name = header->name;
  out.list = header->is_list();
  out.type = header->type;
  if (!resolve_index(*header, head, env, out)) return std::nullopt;
  if (path.segments.size() == 1) return out;
  if (!resolve_member(*header, path.segments[1], env, out)) return std::nullopt;
  if (path.segments.size() == 2) return out;
  const std::string shown = header->name + "." + path.segments[1].name;
  if (out.type != schema::ValueType::uri || path.segments.size() > 3) {
    const auto& at = path.segments[out.type == schema::ValueType::uri ? 3 : 2];
    env.report.error(at.loc, quote(shown) +
                                 (out.type == schema::ValueType::uri
                                      ? " is a URI: only user, host, port or a URI param can follow"
                                      : " has no parts: a path is HEADER, HEADER.part or "
                                        "HEADER.param"));
    return std::nullopt;
  }
  if (!resolve_uri_part(path.segments[2], env, out)) return std::nullopt;
  return out;
}

}  // namespace scn::check
