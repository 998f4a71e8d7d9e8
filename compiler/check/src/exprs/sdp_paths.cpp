// SDP body paths: `body.sdp.` then a field of the session description or of a media
// section (body.sdp.o.sess-version, body.sdp.m[audio].rtpmap[0], body.sdp.m[2].a[curr]),
// in the syntax the runtime reads (runtime/body/body.h, sdp_get). The fields are RFC
// 4566's; what the body holds is known at run time.
#include "paths.h"

#include <algorithm>

#include "report.h"

namespace scn::check {

namespace {

std::string quote(const std::string& s) { return "'" + s + "'"; }

// The fields of each level and what may follow them.
const std::vector<std::string>& session_fields() {
  static const std::vector<std::string> fields = {"v", "o", "s", "i", "u", "e", "p", "c", "b",
                                                  "t", "r", "z", "k", "a", "direction", "m"};
  return fields;
}
const std::vector<std::string>& media_fields() {
  static const std::vector<std::string> fields = {"media", "port", "proto", "fmt",  "i",
                                                  "c",     "b",    "k",     "a",    "rtpmap",
                                                  "fmtp",  "direction"};
  return fields;
}
const std::vector<std::string>& parts_of(const std::string& field) {
  static const std::vector<std::string> origin = {"username", "sess-id",  "sess-version",
                                                  "nettype",  "addrtype", "address"};
  static const std::vector<std::string> connection = {"nettype", "addrtype", "address"};
  static const std::vector<std::string> none;
  if (field == "o") return origin;
  if (field == "c") return connection;
  return none;
}

bool listed(const std::vector<std::string>& list, const std::string& name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

// What goes between [ and ] after a field: a number, a name or nothing.
enum class Select { none, number, name, optional_name, position_or_name };
Select selection(const std::string& field) {
  if (field == "m") return Select::position_or_name;
  if (field == "a") return Select::name;
  if (field == "b") return Select::optional_name;
  if (field == "rtpmap" || field == "fmtp") return Select::number;
  return Select::none;
}

bool check_selector(const ast::PathSegment& segment, const Env& env) {
  const Select wanted = selection(segment.name);
  const bool named = segment.selector && segment.selector->bare;
  if (segment.selector && !segment.selector->bare) {
    env.report.error(segment.selector->loc,
                     "[NAME = \"value\"] selects an element of an XML body; in an SDP body write " +
                         segment.name + "[NAME] or " + segment.name + "[N]");
    return false;
  }
  switch (wanted) {
    case Select::none:
      if (!segment.index && !named) return true;
      env.report.error(segment.loc, quote(segment.name) + " takes no [...] in an SDP body path");
      return false;
    case Select::number:
      if (segment.index) return true;
      env.report.error(segment.loc, segment.name + "[PT] selects by payload type, a number, as in " +
                                        segment.name + "[101]");
      return false;
    case Select::name:
      if (named) return true;
      env.report.error(segment.loc, "a[NAME] selects attributes by name, as in a[ptime] or a[curr]");
      return false;
    case Select::optional_name:
      if (!segment.index) return true;
      env.report.error(segment.loc, "b[TYPE] selects a bandwidth by its type, as in b[AS]");
      return false;
    case Select::position_or_name:
      if (segment.index && *segment.index < 1) {
        env.report.error(segment.loc, "m= lines are numbered from 1: write m[1] for the first");
        return false;
      }
      return true;
  }
  return true;
}

}  // namespace

bool resolve_sdp_path(const ast::Path& path, const Env& env, ResolvedPath& out) {
  const ast::PathSegment& sdp = path.segments[1];
  if (sdp.index || sdp.selector) {
    env.report.error(sdp.loc, "'sdp' names the SDP body: [...] goes on its fields, as in "
                              "body.sdp.m[audio]");
    return false;
  }
  if (path.segments.size() == 2) {
    env.report.error(sdp.loc, "name a field of the SDP body, as in body.sdp.o.sess-version or "
                              "body.sdp.m[audio].port; the whole body is 'body'");
    return false;
  }
  bool media = false;
  for (std::size_t i = 2; i < path.segments.size(); ++i) {
    const ast::PathSegment& segment = path.segments[i];
    const std::string& field = segment.name;
    if (segment.attribute || segment.quoted || field.find(':') != std::string::npos) {
      env.report.error(segment.loc, quote(ast::Path{segment.loc, {segment}}.text()) +
                                        " is an XML form; an SDP body path names fields, as in "
                                        "body.sdp.m[audio].port");
      return false;
    }
    const ast::PathSegment* before = i > 2 ? &path.segments[i - 1] : nullptr;
    if (before && !parts_of(before->name).empty()) {
      // o.sess-version, c.address: the last segment.
      if (!listed(parts_of(before->name), field)) {
        env.report.error(segment.loc, "no part " + quote(field) + " of an SDP " + before->name +
                                          "= line" + did_you_mean(field, parts_of(before->name)));
        return false;
      }
      if (segment.index || segment.selector) {
        env.report.error(segment.loc, quote(field) + " takes no [...]");
        return false;
      }
      if (i + 1 < path.segments.size()) {
        env.report.error(path.segments[i + 1].loc, "nothing follows " + quote(before->name + "." + field));
        return false;
      }
      break;
    }
    if (before && !(before->name == "m" && !media)) {
      env.report.error(segment.loc, "nothing follows " + quote(before->name) + " in an SDP body path");
      return false;
    }
    if (before) media = true;
    const auto& fields = media ? media_fields() : session_fields();
    if (!listed(fields, field)) {
      const bool other_level = listed(media ? session_fields() : media_fields(), field);
      std::string message = "no field " + quote(field) + " in an SDP " +
                            (media ? "media section" : "session description");
      if (other_level && !media)
        message += "; " + quote(field) + " belongs to a media section, as in body.sdp.m[audio]." + field;
      else
        message += did_you_mean(field, fields);
      env.report.error(segment.loc, message);
      return false;
    }
    if (!check_selector(segment, env)) return false;
  }
  ast::Path rest;
  rest.segments.assign(path.segments.begin() + 1, path.segments.end());
  out.xml_path = rest.text();
  out.type = schema::ValueType::text;
  return true;
}

}  // namespace scn::check
