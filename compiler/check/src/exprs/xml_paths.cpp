// Body paths: `body.` then the XML path of an element or attribute of the body
// (body.conference-info.users.user[entity = "sip:u@h"].endpoint.status), in the syntax the
// runtime reads (runtime/body/body.h). The checker sees names and selectors only; what
// the body holds is known at run time.
#include "paths.h"

namespace scn::check {

namespace {

std::string quote(const std::string& s) { return "'" + s + "'"; }

// The segment as written, for messages: @entity, user[2], user[entity = "x"].
std::string shown(const ast::PathSegment& segment) {
  ast::Path one;
  one.segments.push_back(segment);
  return one.text();
}

bool check_xml_segment(const ast::Path& path, std::size_t i, const Env& env) {
  const ast::PathSegment& segment = path.segments[i];
  if (segment.quoted || (segment.selector && segment.selector->key_quoted)) {
    env.report.error(segment.loc, "XML names are written without quotes in a body path, as "
                                  "in body.conference-info.users.user[entity = \"...\"]");
    return false;
  }
  if (segment.selector && segment.selector->bare) {
    env.report.error(segment.selector->loc,
                     "[NAME] selects a part of an SDP body (body.sdp.m[audio]); an XML element "
                     "is selected by position or attribute, as in user[2] or "
                     "user[entity = \"sip:u@h\"]");
    return false;
  }
  if (segment.attribute && i == 1) {
    env.report.error(segment.loc, "a body path starts with the root element, as in "
                                  "body.conference-info.@version");
    return false;
  }
  if (segment.attribute && (segment.index || segment.selector)) {
    env.report.error(segment.loc, quote("@" + segment.name) +
                                      " is an attribute: [...] selects elements only");
    return false;
  }
  if (segment.attribute && i + 1 < path.segments.size()) {
    env.report.error(path.segments[i + 1].loc, quote("@" + segment.name) +
                                                   " is an attribute: nothing can follow it");
    return false;
  }
  if (segment.index && *segment.index < 1) {
    env.report.error(segment.loc, "elements are numbered from 1: write " + segment.name +
                                      "[1] for the first");
    return false;
  }
  if (segment.index && *segment.index > 1 && i == 1) {
    env.report.error(segment.loc, "a document has one root element, so " + shown(segment) +
                                      " selects nothing");
    return false;
  }
  return true;
}

std::string what_it_is(const ast::PathSegment& segment) {
  if (segment.selector && segment.selector->bare)
    return "[" + segment.selector->key + "] selects a part of an SDP body by name";
  if (segment.selector)
    return "[NAME = \"value\"] selects an element of an XML body by an attribute";
  if (segment.attribute) return quote("@" + segment.name) + " names an attribute of an XML body";
  return quote(segment.name) + " is a prefixed XML name";
}

}  // namespace

bool no_xml_forms(const ast::Path& path, std::size_t count, const Env& env) {
  for (std::size_t i = 0; i < count && i < path.segments.size(); ++i) {
    const ast::PathSegment& segment = path.segments[i];
    if (!segment.xml_only()) continue;
    if (segment.attribute && i > 0) {
      env.report.error(segment.loc, what_it_is(segment) + "; a parameter is written without "
                                    "'@', as in " + path.segments[0].name + "." + segment.name);
      return false;
    }
    const bool sdp = segment.selector && segment.selector->bare;
    env.report.error(segment.selector ? segment.selector->loc : segment.loc,
                     what_it_is(segment) + "; only a body path can hold it, as in " +
                         (sdp ? "body.sdp.m[audio].port"
                              : "body.conference-info.users.user[entity = \"sip:u@h\"]"));
    return false;
  }
  return true;
}

bool resolve_xml_path(const ast::Path& path, const Env& env, ResolvedPath& out) {
  if (!path.segments[1].quoted && path.segments[1].name == "sdp")
    return resolve_sdp_path(path, env, out);
  for (std::size_t i = 1; i < path.segments.size(); ++i)
    if (!check_xml_segment(path, i, env)) return false;
  ast::Path rest;
  rest.segments.assign(path.segments.begin() + 1, path.segments.end());
  out.xml_path = rest.text();
  out.type = schema::ValueType::text;
  return true;
}

}  // namespace scn::check
