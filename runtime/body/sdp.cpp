// SDP bodies (RFC 4566): parsing and writing, paths into them (sdp.m[audio].port).
#include <algorithm>
#include <cctype>

#include "body/body.h"

namespace scn::body {

namespace {

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const std::string& part : parts) {
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

// An a= line's name and value: "rtpmap:0 PCMU/8000" -> {"rtpmap", "0 PCMU/8000"}.
std::string_view attr_name(std::string_view value) { return value.substr(0, value.find(':')); }
std::string_view attr_value(std::string_view value) {
  const std::size_t colon = value.find(':');
  return colon == std::string_view::npos ? std::string_view{} : value.substr(colon + 1);
}

bool is_direction(std::string_view name) {
  return name == "sendrecv" || name == "sendonly" || name == "recvonly" || name == "inactive";
}

}  // namespace

// Read in place: an offer and its answer ask for the rtpmap of each format several times.
std::optional<std::string_view> payload_type_attribute(const std::vector<SdpLine>& lines,
                                                       std::string_view attribute,
                                                       std::string_view pt) {
  for (const SdpLine& line : lines) {
    if (line.type != 'a' || attr_name(line.value) != attribute) continue;
    const std::string_view value = attr_value(line.value);
    const std::size_t space = value.find(' ');
    if (value.substr(0, space) == pt)
      return space == std::string_view::npos ? std::string_view() : value.substr(space + 1);
  }
  return std::nullopt;
}

namespace {

// The value of a=rtpmap:PT ... or a=fmtp:PT ... for one payload type.
std::optional<std::string> by_payload_type(const std::vector<SdpLine>& lines,
                                           std::string_view attribute, std::string_view pt) {
  if (auto value = payload_type_attribute(lines, attribute, pt)) return std::string(*value);
  return std::nullopt;
}

const SdpLine* first_of(const std::vector<SdpLine>& lines, char type) {
  for (const SdpLine& line : lines)
    if (line.type == type) return &line;
  return nullptr;
}

// RFC 3551 6: the static payload types an endpoint may leave without a=rtpmap.
std::string_view static_encoding(std::string_view pt) {
  static const std::pair<const char*, const char*> kStatic[] = {
      {"0", "PCMU/8000"},  {"3", "GSM/8000"},   {"4", "G723/8000"}, {"8", "PCMA/8000"},
      {"9", "G722/8000"},  {"10", "L16/44100/2"}, {"11", "L16/44100"}, {"13", "CN/8000"},
      {"18", "G729/8000"}};
  for (const auto& [number, encoding] : kStatic)
    if (pt == number) return encoding;
  return "";
}

}  // namespace

// ---- lines -------------------------------------------------------------------------------

namespace {

std::string_view m_line(const SdpMedia& media) {
  return media.lines.empty() ? std::string_view() : std::string_view(media.lines.front().value);
}

}  // namespace

// The m= line's words, read in place: every offer and answer asks for them several times.
std::string SdpMedia::media() const { return std::string(sip::nth_word(m_line(*this), 0)); }
std::string SdpMedia::port() const { return std::string(sip::nth_word(m_line(*this), 1)); }
std::string SdpMedia::proto() const { return std::string(sip::nth_word(m_line(*this), 2)); }
std::vector<std::string_view> SdpMedia::formats() const {
  auto parts = sip::word_views(m_line(*this));
  if (parts.size() < 3) return {};
  parts.erase(parts.begin(), parts.begin() + 3);
  return parts;
}

Result<Sdp> parse_sdp(std::string_view text) {
  Sdp sdp;
  std::vector<SdpLine> lines;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(at, end - at);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    at = end + 1;
    SdpLine out;
    if (line.size() >= 2 && line[1] == '=' && std::islower(static_cast<unsigned char>(line[0]))) {
      out.type = line[0];
      out.value = std::string(line.substr(2));
    } else {
      out.value = std::string(line);
    }
    lines.push_back(std::move(out));
  }
  while (!lines.empty() && lines.back().type == 0 && lines.back().value.empty()) lines.pop_back();
  if (lines.empty()) return make_error("the SDP body is empty");
  if (lines.front().type != 'v') return make_error("an SDP body starts with v=");
  for (SdpLine& line : lines) {
    if (line.type == 'm') sdp.media.emplace_back();
    (sdp.media.empty() ? sdp.session : sdp.media.back().lines).push_back(std::move(line));
  }
  return sdp;
}

std::string to_text(const Sdp& sdp) {
  std::string out;
  const auto write = [&](const std::vector<SdpLine>& lines) {
    for (const SdpLine& line : lines) {
      if (line.type != 0) out += std::string(1, line.type) + "=";
      out += line.value + "\r\n";
    }
  };
  write(sdp.session);
  for (const SdpMedia& media : sdp.media) write(media.lines);
  return out;
}

std::vector<std::string> sdp_attributes(const std::vector<SdpLine>& lines, std::string_view name) {
  std::vector<std::string> out;
  for (const SdpLine& line : lines)
    if (line.type == 'a' && attr_name(line.value) == name) out.emplace_back(attr_value(line.value));
  return out;
}

std::string sdp_direction(const Sdp& sdp, const SdpMedia& media) {
  for (const auto* lines : {&media.lines, &sdp.session})
    for (const SdpLine& line : *lines)
      if (line.type == 'a' && is_direction(line.value)) return line.value;
  return "sendrecv";
}

std::string sdp_connection_address(const Sdp& sdp, const SdpMedia& media) {
  const SdpLine* c = first_of(media.lines, 'c');
  if (c == nullptr) c = first_of(sdp.session, 'c');
  if (c == nullptr) return "";
  return std::string(sip::nth_word(c->value, 2));
}

std::string sdp_encoding(const SdpMedia& media, std::string_view payload_type) {
  return std::string(sdp_encoding_view(media, payload_type));
}

std::string_view sdp_encoding_view(const SdpMedia& media, std::string_view payload_type) {
  if (auto rtpmap = payload_type_attribute(media.lines, "rtpmap", payload_type)) return *rtpmap;
  return static_encoding(payload_type);
}

// ---- paths -------------------------------------------------------------------------------

namespace {

struct Step {
  std::string name;
  std::optional<std::string> selector;  // inside [...], as written
};

Result<std::vector<Step>> parse_path(std::string_view path) {
  std::vector<Step> steps;
  std::size_t at = 0;
  while (true) {
    Step step;
    const std::size_t start = at;
    while (at < path.size() && path[at] != '.' && path[at] != '[') ++at;
    step.name = std::string(path.substr(start, at - start));
    if (step.name.empty()) return make_error("malformed SDP path '" + std::string(path) + "'");
    if (at < path.size() && path[at] == '[') {
      const std::size_t close = path.find(']', at);
      if (close == std::string_view::npos)
        return make_error("malformed SDP path '" + std::string(path) + "': no ']'");
      step.selector = std::string(sip::trim(path.substr(at + 1, close - at - 1)));
      at = close + 1;
    }
    steps.push_back(std::move(step));
    if (at == path.size()) return steps;
    if (path[at] != '.') return make_error("malformed SDP path '" + std::string(path) + "'");
    ++at;
  }
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
}

// Where a path leads: a level (the session or one media section) and what is left of it.
struct Target {
  std::vector<SdpLine>* lines = nullptr;  // the level's lines
  SdpMedia* media = nullptr;              // null at session level
  std::size_t media_index = 0;
  std::vector<Step> rest;
};

Result<Target> locate(Sdp& sdp, std::string_view path) {
  auto steps = parse_path(path);
  if (!steps) return steps.error();
  std::vector<Step>& s = steps.value();
  if (s.front().name != "sdp" || s.front().selector)
    return make_error("an SDP path starts with 'sdp': '" + std::string(path) + "'");
  s.erase(s.begin());
  if (s.empty()) return make_error("an SDP path names a field after 'sdp'");
  Target target;
  target.lines = &sdp.session;
  if (s.front().name == "m") {
    const std::optional<std::string> selector = s.front().selector;
    std::size_t pick = sdp.media.size();
    if (!selector || all_digits(*selector)) {
      const std::size_t n = selector ? std::stoul(selector->substr(0, 6)) : 1;
      if (n == 0) return make_error("m= lines are numbered from 1");
      if (n <= sdp.media.size()) pick = n - 1;
    } else {
      for (std::size_t i = 0; i < sdp.media.size(); ++i)
        if (sdp.media[i].media() == *selector) {
          pick = i;
          break;
        }
    }
    s.erase(s.begin());
    if (pick < sdp.media.size()) {
      target.media = &sdp.media[pick];
      target.lines = &sdp.media[pick].lines;
      target.media_index = pick;
    } else {
      target.lines = nullptr;  // no such section
    }
  }
  target.rest = std::move(s);
  return target;
}

// The token index of a named part of o= and c= lines.
std::optional<std::size_t> part_index(char type, std::string_view part) {
  static const char* const kOrigin[] = {"username", "sess-id", "sess-version", "nettype",
                                        "addrtype", "address"};
  static const char* const kConnection[] = {"nettype", "addrtype", "address"};
  if (type == 'o') {
    for (std::size_t i = 0; i < 6; ++i)
      if (part == kOrigin[i]) return i;
  } else {
    for (std::size_t i = 0; i < 3; ++i)
      if (part == kConnection[i]) return i;
  }
  return std::nullopt;
}

Error bad_field(const Step& step, bool media) {
  return make_error("no field '" + step.name + "' in an SDP " +
                    (media ? "media section" : "session description"));
}

std::string_view session_fields() { return "vosiuepctrzkb"; }

std::optional<std::string> joined(const std::vector<std::string>& values) {
  if (values.empty()) return std::nullopt;
  return join(values, ", ");
}

Result<std::optional<std::string>> read(Sdp& sdp, Target& t) {
  using Out = std::optional<std::string>;
  if (t.lines == nullptr) return Out{};  // no such m= line
  const std::vector<Step>& rest = t.rest;
  const bool media = t.media != nullptr;
  if (rest.empty()) return Out{t.media->lines.front().value};
  const Step& field = rest.front();
  if (rest.size() > 2 || (rest.size() == 2 && field.name != "o" && field.name != "c"))
    return make_error("no field '" + rest.back().name + "' after '" + field.name + "'");
  if (field.name == "direction") {
    if (media) return Out{sdp_direction(sdp, *t.media)};
    for (const SdpLine& line : sdp.session)
      if (line.type == 'a' && is_direction(line.value)) return Out{line.value};
    return Out{"sendrecv"};
  }
  if (field.name == "a") {
    if (!field.selector) return make_error("a[NAME] names an attribute");
    return joined(sdp_attributes(*t.lines, *field.selector));
  }
  if (media && (field.name == "rtpmap" || field.name == "fmtp")) {
    if (!field.selector) return make_error(field.name + "[PT] names a payload type");
    return by_payload_type(*t.lines, field.name, *field.selector);
  }
  if (media && field.name == "media") return Out{t.media->media()};
  if (media && field.name == "port") return Out{t.media->port()};
  if (media && field.name == "proto") return Out{t.media->proto()};
  if (media && field.name == "fmt") {
    const auto formats = t.media->formats();
    return Out{join(std::vector<std::string>(formats.begin(), formats.end()), " ")};
  }
  if (field.name.size() != 1 || (media ? std::string_view("icbk") : session_fields()).find(
                                    field.name[0]) == std::string_view::npos)
    return bad_field(field, media);
  const char type = field.name[0];
  const SdpLine* line = first_of(*t.lines, type);
  if (line == nullptr && media && type == 'c') line = first_of(sdp.session, 'c');
  if (line == nullptr) return Out{};
  if (type == 'b' && field.selector) {
    for (const SdpLine& b : *t.lines)
      if (b.type == 'b' && attr_name(b.value) == *field.selector) return Out{std::string(attr_value(b.value))};
    return Out{};
  }
  if (rest.size() == 1) return Out{line->value};
  const auto index = part_index(type, rest[1].name);
  if (!index) return make_error("no part '" + rest[1].name + "' of " + field.name + "=");
  const auto parts = sip::split_words(line->value);
  if (*index >= parts.size()) return Out{};
  return Out{parts[*index]};
}

// RFC 4566 5 and 5.14: the order of the lines of a session and of a media section.
int rank(char type, bool media) {
  const std::string_view order = media ? "micbka" : "vosiuepcbtrzka";
  const std::size_t at = order.find(type);
  return at == std::string_view::npos ? static_cast<int>(order.size()) : static_cast<int>(at);
}

void insert_in_order(std::vector<SdpLine>& lines, SdpLine line, bool media) {
  const int r = rank(line.type, media);
  auto at = std::find_if(lines.begin() + (media ? 1 : 0), lines.end(),
                         [&](const SdpLine& l) { return l.type != 0 && rank(l.type, media) > r; });
  lines.insert(at, std::move(line));
}

// Replaces the lines `matches` selects with `replacement` (at the place of the first) or
// inserts them in order when there is none.
template <class Pred>
void replace_lines(std::vector<SdpLine>& lines, Pred matches, std::vector<SdpLine> replacement,
                   bool media) {
  auto first = std::find_if(lines.begin(), lines.end(), matches);
  if (first == lines.end()) {
    if (replacement.empty()) return;
    // Attributes go after the level's last line; other lines in RFC 4566 order.
    for (SdpLine& line : replacement) {
      if (line.type == 'a') lines.push_back(std::move(line));
      else insert_in_order(lines, std::move(line), media);
    }
    return;
  }
  const std::size_t at = static_cast<std::size_t>(first - lines.begin());
  lines.erase(std::remove_if(lines.begin() + static_cast<std::ptrdiff_t>(at), lines.end(), matches),
              lines.end());
  lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(at), replacement.begin(),
               replacement.end());
}

std::vector<std::string> items(std::string_view value) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (true) {
    const std::size_t comma = value.find(", ", at);
    out.emplace_back(value.substr(at, comma == std::string_view::npos ? comma : comma - at));
    if (comma == std::string_view::npos) return out;
    at = comma + 2;
  }
}

std::string address_type(std::string_view address) {
  return address.find(':') == std::string_view::npos ? "IP4" : "IP6";
}

Result<void> write(Sdp& sdp, Target& t, std::optional<std::string_view> value, bool present) {
  if (t.lines == nullptr) return make_error("the SDP body has no such m= line");
  const std::vector<Step>& rest = t.rest;
  const bool media = t.media != nullptr;
  std::vector<SdpLine>& lines = *t.lines;
  const auto a = [](std::string text) { return SdpLine{'a', std::move(text)}; };
  if (rest.empty()) {  // the whole m= line, or the whole section when removed
    if (present) return make_error("give the m= line a value");
    if (!value) sdp.media.erase(sdp.media.begin() + static_cast<std::ptrdiff_t>(t.media_index));
    else lines.front().value = std::string(*value);
    return {};
  }
  const Step& field = rest.front();
  if (rest.size() > 2 || (rest.size() == 2 && field.name != "o" && field.name != "c"))
    return make_error("no field '" + rest.back().name + "' after '" + field.name + "'");
  if (field.name == "a") {
    if (!field.selector) return make_error("a[NAME] names an attribute");
    const std::string name = *field.selector;
    const auto matches = [&](const SdpLine& l) { return l.type == 'a' && attr_name(l.value) == name; };
    std::vector<SdpLine> replacement;
    if (present) {
      if (std::any_of(lines.begin(), lines.end(), matches)) return {};
      replacement.push_back(a(name));
    } else if (value) {
      for (const std::string& item : items(*value))
        replacement.push_back(a(item.empty() ? name : name + ":" + item));
    }
    replace_lines(lines, matches, std::move(replacement), media);
    return {};
  }
  if (present) return make_error("set a value, or use a[NAME] = present for a flag");
  if (field.name == "direction") {
    if (value && !is_direction(*value))
      return make_error("a direction is sendrecv, sendonly, recvonly or inactive");
    const auto matches = [](const SdpLine& l) { return l.type == 'a' && is_direction(l.value); };
    std::vector<SdpLine> replacement;
    if (value) replacement.push_back(a(std::string(*value)));
    replace_lines(lines, matches, std::move(replacement), media);
    return {};
  }
  if (media && (field.name == "rtpmap" || field.name == "fmtp")) {
    if (!field.selector) return make_error(field.name + "[PT] names a payload type");
    const std::string prefix = field.name + ":" + *field.selector;
    const auto matches = [&](const SdpLine& l) {
      return l.type == 'a' && (l.value == prefix || l.value.rfind(prefix + " ", 0) == 0);
    };
    std::vector<SdpLine> replacement;
    if (value) replacement.push_back(a(prefix + " " + std::string(*value)));
    replace_lines(lines, matches, std::move(replacement), media);
    return {};
  }
  if (media && (field.name == "media" || field.name == "port" || field.name == "proto" ||
                field.name == "fmt")) {
    if (!value) return make_error("an m= line keeps its " + field.name);
    auto parts = sip::split_words(lines.front().value);
    parts.resize(std::max<std::size_t>(parts.size(), 3));
    if (field.name == "fmt") {
      parts.resize(3);
      parts.push_back(std::string(*value));
    } else {
      parts[field.name == "media" ? 0 : field.name == "port" ? 1 : 2] = std::string(*value);
    }
    lines.front().value = join(parts, " ");
    return {};
  }
  if (field.name.size() != 1 || (media ? std::string_view("icbk") : session_fields()).find(
                                    field.name[0]) == std::string_view::npos)
    return bad_field(field, media);
  const char type = field.name[0];
  if (type == 'b' && field.selector) {
    const std::string bwtype = *field.selector;
    const auto matches = [&](const SdpLine& l) { return l.type == 'b' && attr_name(l.value) == bwtype; };
    std::vector<SdpLine> replacement;
    if (value) replacement.push_back({'b', bwtype + ":" + std::string(*value)});
    replace_lines(lines, matches, std::move(replacement), media);
    return {};
  }
  const auto matches = [&](const SdpLine& l) { return l.type == type; };
  if (rest.size() == 1) {
    std::vector<SdpLine> replacement;
    if (value) replacement.push_back({type, std::string(*value)});
    replace_lines(lines, matches, std::move(replacement), media);
    return {};
  }
  const auto index = part_index(type, rest[1].name);
  if (!index) return make_error("no part '" + rest[1].name + "' of " + field.name + "=");
  if (!value) return make_error("the " + rest[1].name + " of " + field.name + "= cannot be removed");
  auto line = std::find_if(lines.begin(), lines.end(), matches);
  if (line == lines.end()) {
    if (type != 'c' || *index != 2)
      return make_error("the SDP " + std::string(media ? "media section" : "session") +
                        " has no " + field.name + "= line");
    insert_in_order(lines, {'c', "IN " + address_type(*value) + " " + std::string(*value)}, media);
    return {};
  }
  auto parts = sip::split_words(line->value);
  if (*index >= parts.size()) parts.resize(*index + 1, "-");
  parts[*index] = std::string(*value);
  if (type == 'c' && *index == 2) parts[1] = address_type(*value);
  line->value = join(parts, " ");
  return {};
}

}  // namespace

bool is_sdp_path(std::string_view path) {
  return path == "sdp" || path.rfind("sdp.", 0) == 0 || path.rfind("sdp[", 0) == 0;
}

Result<std::optional<std::string>> sdp_get(std::string_view document, std::string_view path) {
  auto sdp = parse_sdp(document);
  if (!sdp) return make_error("the body is not SDP: " + sdp.reason());
  auto target = locate(sdp.value(), path);
  if (!target) return target.error();
  return read(sdp.value(), target.value());
}

Result<std::string> sdp_set(std::string_view document, std::string_view path,
                            std::optional<std::string_view> value, bool present) {
  auto sdp = parse_sdp(document);
  if (!sdp) return make_error("the body is not SDP: " + sdp.reason());
  auto target = locate(sdp.value(), path);
  if (!target) return target.error();
  auto done = write(sdp.value(), target.value(), value, present);
  if (!done) return done.error();
  return to_text(*sdp);
}

}  // namespace scn::body
