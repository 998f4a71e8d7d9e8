#include "xml_bodies.h"

#include <optional>

#include "exprs/types.h"
#include "message_rules.h"
#include "rows.h"
#include "scn/support/text.hpp"

namespace scn::check {

namespace {

std::string quote(const std::string& s) { return "'" + s + "'"; }

bool is_body_path(const Row& row) {
  return row.path.root == PathRoot::body && !row.path.xml_path.empty();
}

// body.sdp...: a path into an SDP body (resolved by exprs/sdp_paths.cpp).
bool is_sdp_path(const Row& row) {
  return is_body_path(row) && row.path.xml_path.rfind("sdp.", 0) == 0;
}

// "application/conference-info+xml" of " Application/Conference-Info+XML;charset=utf-8".
std::string media_type_of(const std::string& content_type) {
  const std::string type = content_type.substr(0, content_type.find(';'));
  const std::size_t first = type.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return support::to_lower(type.substr(first, type.find_last_not_of(" \t") + 1 - first));
}

}  // namespace

std::optional<std::string> known_media_type(const std::vector<const Row*>& rows) {
  std::optional<std::string> out;
  for (const Row* row : rows) {
    if (row->path.root != PathRoot::header || !support::iequals(row->path.name, "Content-Type") ||
        row->path.member_kind != MemberKind::none)
      continue;
    if (out || row->items.size() != 1 || row->items.front().kind != MatchKind::equal ||
        row->items.front().values.size() != 1)
      return std::nullopt;  // given twice (under conditions) or not a plain value
    auto text = literal_text(row->items.front().values.front());
    if (!text) return std::nullopt;
    out = media_type_of(*text);
  }
  return out;
}

namespace {

// RFC 7303: application/xml, text/xml and the +xml structured syntax suffix.
bool is_xml(const std::string& media_type) {
  const auto ends_with = [&](const std::string& tail) {
    return media_type.size() >= tail.size() &&
           media_type.compare(media_type.size() - tail.size(), tail.size(), tail) == 0;
  };
  return ends_with("+xml") || ends_with("/xml");
}

// The root element a body path starts with, without its prefix, and where it ends.
std::string root_of(const std::string& xml_path, std::size_t& end) {
  end = xml_path.find_first_of(".[");
  if (end == std::string::npos) end = xml_path.size();
  const std::string name = xml_path.substr(0, end);
  const std::size_t colon = name.find(':');
  return colon == std::string::npos ? name : name.substr(colon + 1);
}

void check_root(const Row& row, const schema::ContentType& type, Env& env) {
  std::size_t end = 0;
  const std::string root = root_of(row.path.xml_path, end);
  if (type.xml_root.empty() || root == type.xml_root) return;
  env.report.error(row.path.loc, "the root element of " + type.name + " bodies is " +
                                     quote(type.xml_root) + ", not " + quote(root) +
                                     "; did you mean " +
                                     quote("body." + type.xml_root +
                                           row.path.xml_path.substr(end)) +
                                     "?");
}

}  // namespace

void check_body_paths(const std::vector<Row>& rows, Env& env) {
  const std::vector<const Row*> written = rows_as_written(rows);
  const std::optional<std::string> media_type = known_media_type(written);
  if (!media_type) return;
  const schema::ContentType* type = env.schema.find_content_type(*media_type);
  for (const Row* row : written) {
    if (!is_body_path(*row)) continue;
    if (is_sdp_path(*row)) {
      if (*media_type != "application/sdp")
        env.report.warning(row->path.loc, quote(row->path.text) + " needs an SDP body, but the "
                                          "message's Content-Type is " + quote(*media_type));
      continue;
    }
    if (!is_xml(*media_type)) {
      env.report.warning(row->path.loc, quote(row->path.text) + " needs an XML body, but the "
                                        "message's Content-Type is " + quote(*media_type));
    } else if (type) {
      check_root(*row, *type, env);
    }
  }
}

void check_body_edits(const std::vector<Row>& rows, const std::string& who, Env& env) {
  const std::vector<const Row*> written = rows_as_written(rows);
  for (const Row* row : written)
    if (row->path.root == PathRoot::body && row->path.xml_path.empty() && !is_absent(*row))
      return;
  for (const Row* row : written) {
    if (!is_body_path(*row) || is_absent(*row)) continue;
    env.report.error(row->path.loc, quote(row->path.text) + " edits the body, but " + who +
                                        " has none: give it one (body = \"...\") or use a "
                                        "default message that does");
    return;
  }
}

}  // namespace scn::check
