// Path values, their text form and how values at a path compare.
#include "template/template.h"

#include "msg/msg.h"
#include "template/parts.h"

namespace scn::sip {

namespace {

bool is_uri_part(PathPart part) {
  return part == PathPart::UriUser || part == PathPart::UriHost || part == PathPart::UriPort ||
         part == PathPart::UriParam;
}

// The last word of a path to a part: the part's name, or the parameter the path names.
std::string part_text(const Path& path) {
  if (path.part == PathPart::Param || path.part == PathPart::UriParam) return path.name;
  return std::string(detail::part_name(path.part));
}

// "user" -> UriUser; anything else names a uri-parameter.
void set_uri_part(Path& path, std::string_view text) {
  if (auto part = detail::part_named(text, path.header, true)) {
    path.part = *part;
    return;
  }
  path.part = PathPart::UriParam;
  path.name = to_lower(text);
}

Result<Path> parse_header_rest(Path path, std::string_view rest) {
  if (rest.empty()) return path;
  const std::size_t dot = rest.find('.');
  const std::string_view first = rest.substr(0, dot);
  if (first.empty()) return make_error("empty part in path");
  if (detail::part_named(first, path.header, false) == PathPart::AddrSpec) {
    path.part = PathPart::AddrSpec;
    if (dot == std::string_view::npos) return path;
    const std::string_view sub = rest.substr(dot + 1);
    if (sub.empty() || !is_token(sub)) return make_error("bad URI part in path");
    set_uri_part(path, sub);
    return path;
  }
  // Below, parameter names may contain dots ("+g.3gpp.icsi-ref"): the rest is one name.
  if (auto part = detail::part_named(rest, path.header, false)) {
    path.part = *part;
    return path;
  }
  if (!is_token(rest)) return make_error("bad parameter name '" + std::string(rest) + "' in path");
  path.part = PathPart::Param;
  path.name = to_lower(rest);
  return path;
}

// "[N]" at the start of text: N and the characters consumed.
Result<std::pair<std::uint32_t, std::size_t>> parse_index(std::string_view text) {
  const std::size_t close = text.find(']');
  if (close == std::string_view::npos) return make_error("missing ']' in path");
  const auto n = parse_decimal(text.substr(1, close - 1), 1000000);
  if (!n || *n == 0) return make_error("index in path must be a number from 1");
  return std::make_pair(static_cast<std::uint32_t>(*n), close + 1);
}

Result<Path> parse_request_uri_path(std::string_view rest) {
  Path path = Path::request_uri();
  if (rest.empty()) return path;
  if (rest.front() != '.' || rest.size() < 2 || !is_token(rest.substr(1))) {
    return make_error("bad Request-URI part in path");
  }
  set_uri_part(path, rest.substr(1));
  return path;
}

std::optional<Path> keyword_path(std::string_view text) {
  if (iequals(text, "Status") || iequals(text, "Status-Code")) return Path::status();
  if (iequals(text, "Reason") || iequals(text, "Reason-Phrase")) return Path::reason();
  if (iequals(text, "Method")) return Path::method();
  if (iequals(text, "body")) return Path::body();
  return std::nullopt;
}

// A path to a whole part of the message outside its headers (status, method, body, ...).
Path whole_part_path(PathTarget target) {
  Path p;
  p.target = target;
  return p;
}

}  // namespace

Path Path::request_uri(PathPart part, std::string param) {
  Path p = whole_part_path(PathTarget::RequestUri);
  p.part = part;
  p.name = std::move(param);
  return p;
}

Path Path::status() { return whole_part_path(PathTarget::Status); }
Path Path::reason() { return whole_part_path(PathTarget::Reason); }
Path Path::method() { return whole_part_path(PathTarget::Method); }
Path Path::body() { return whole_part_path(PathTarget::Body); }

Path Path::header_value(std::string_view header, std::uint32_t index) {
  Path p;
  p.header = std::string(canonical_header_name(header));
  p.index = index;
  return p;
}

Path Path::header_part(std::string_view header, PathPart part, std::uint32_t index) {
  Path p = header_value(header, index);
  p.part = part;
  return p;
}

Path Path::header_param(std::string_view header, std::string param, std::uint32_t index) {
  Path p = header_part(header, PathPart::Param, index);
  p.name = to_lower(param);
  return p;
}

bool Path::designates_uri() const {
  return part == PathPart::AddrSpec ||
         (target == PathTarget::RequestUri && part == PathPart::Whole);
}

bool operator==(const Path& a, const Path& b) {
  return a.target == b.target && iequals(a.header, b.header) && a.index == b.index &&
         a.part == b.part && iequals(a.name, b.name);
}

std::string to_string(const Path& path) {
  switch (path.target) {
    case PathTarget::Status: return "Status";
    case PathTarget::Reason: return "Reason";
    case PathTarget::Method: return "Method";
    case PathTarget::Body: return path.name.empty() ? "body" : "body." + path.name;
    case PathTarget::RequestUri:
      if (path.part == PathPart::Whole) return "Request-URI";
      return "Request-URI." + part_text(path);
    case PathTarget::Header: break;
  }
  std::string out = path.header;
  if (path.index != 0) out += "[" + std::to_string(path.index) + "]";
  if (path.part == PathPart::Whole) return out;
  if (is_uri_part(path.part)) out += "." + std::string(detail::part_name(PathPart::AddrSpec));
  return out + "." + part_text(path);
}

Result<Path> parse_path(std::string_view text) {
  text = trim(text);
  if (text.empty()) return make_error("empty path");
  if (auto keyword = keyword_path(text)) return *keyword;
  const std::size_t end = text.find_first_of(".[");
  const std::string_view name = text.substr(0, end);
  std::string_view rest = end == std::string_view::npos ? std::string_view{} : text.substr(end);
  if (iequals(name, "Request-URI")) return parse_request_uri_path(rest);
  if (name == "body" && rest.size() > 1 && rest.front() == '.') {
    Path path = Path::body();
    path.name = std::string(rest.substr(1));  // an XML path, checked where it is used
    return path;
  }
  if (!is_token(name)) return make_error("bad header name '" + std::string(name) + "' in path");
  Path path = Path::header_value(name);
  if (!rest.empty() && rest.front() == '[') {
    auto index = parse_index(rest);
    if (!index) return index.error();
    path.index = index->first;
    rest.remove_prefix(index->second);
  }
  if (rest.empty()) return path;
  if (rest.front() != '.') return make_error("expected '.' after index in path");
  if (rest.size() == 1) return make_error("empty part in path");
  return parse_header_rest(std::move(path), rest.substr(1));
}

std::string Resolved::joined() const {
  std::string out;
  for (const std::string& v : values) {
    if (!out.empty()) out += ", ";
    out += v;
  }
  return out;
}

}  // namespace scn::sip
