// Reading what a response needs from bytes that did not parse as a message, so that the
// SS can still answer a malformed request with 400 (RFC 3261 8.2.6.2, 21.4.1).
#include "msg/lenient.h"

#include "msg/msg.h"

namespace scn::sip {

namespace {

// A value the response may carry: no control character (NUL, a bare CR, ...).
bool copyable(std::string_view value) {
  if (value.empty()) return false;
  for (char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\t') || byte == 0x7f) return false;
  }
  return true;
}

// "METHOD SP Request-URI SP SIP/x": the method, or "" for anything else.
std::string_view request_method(std::string_view line) {
  const std::size_t first = line.find(' ');
  const std::size_t last = line.rfind(' ');
  if (first == std::string_view::npos || last == first) return {};
  const std::string_view method = line.substr(0, first);
  if (!is_token(method) || !line.substr(last + 1).starts_with("SIP/")) return {};
  return method;
}

// The header lines up to the empty line, folded lines joined to the one they continue.
std::vector<std::string> header_lines(std::string_view head) {
  std::vector<std::string> lines;
  while (!head.empty()) {
    const std::size_t end = head.find('\n');
    std::string_view line = head.substr(0, end);
    head = end == std::string_view::npos ? std::string_view() : head.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) break;
    if ((line.front() == ' ' || line.front() == '\t') && !lines.empty())
      lines.back() += " " + std::string(trim(line));
    else
      lines.emplace_back(line);
  }
  return lines;
}

}  // namespace

std::optional<RequestEssentials> read_request_essentials(std::string_view raw) {
  while (raw.starts_with("\r\n")) raw.remove_prefix(2);
  const std::size_t end = raw.find('\n');
  if (end == std::string_view::npos) return std::nullopt;
  RequestEssentials out;
  out.method = std::string(request_method(trim(raw.substr(0, end))));
  if (out.method.empty()) return std::nullopt;
  std::string* single[] = {&out.from, &out.to, &out.call_id, &out.cseq};
  const char* names[] = {"From", "To", "Call-ID", "CSeq"};
  for (const std::string& line : header_lines(raw.substr(end + 1))) {
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    const std::string_view name = trim(std::string_view(line).substr(0, colon));
    const std::string_view value = trim(std::string_view(line).substr(colon + 1));
    if (same_header(name, "Via")) {
      if (!copyable(value)) return std::nullopt;
      out.via.emplace_back(value);
      continue;
    }
    for (std::size_t i = 0; i < std::size(names); ++i) {
      if (!same_header(name, names[i]) || !single[i]->empty()) continue;
      if (!copyable(value)) return std::nullopt;
      *single[i] = std::string(value);
    }
  }
  for (const std::string* field : single)
    if (field->empty()) return std::nullopt;
  if (out.via.empty()) return std::nullopt;
  return out;
}

std::string essential_response(const RequestEssentials& request, int status,
                               std::string_view reason, std::string_view to_tag) {
  MessageBuilder response = MessageBuilder::response(status, reason);
  for (const std::string& via : request.via) response.add("Via", via);
  const bool tagged = request.to.find(";tag=") != std::string::npos ||
                      request.to.find(";TAG=") != std::string::npos;
  response.add("From", request.from);
  response.add("To", tagged || to_tag.empty() ? request.to
                                               : request.to + ";tag=" + std::string(to_tag));
  response.add("Call-ID", request.call_id);
  response.add("CSeq", request.cseq);
  return response.build();
}

std::string reason_phrase(std::string_view text) {
  constexpr std::size_t kLongest = 120;  // a phrase, not a copy of the message
  std::string out;
  for (char c : text) {
    if (out.size() == kLongest) break;
    const auto byte = static_cast<unsigned char>(c);
    const bool control = byte < 0x20 || byte == 0x7f;
    if (control && (out.empty() || out.back() == ' ')) continue;
    out.push_back(control ? ' ' : c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

namespace {

bool known_header(std::string_view word) {
  for (const HeaderInfo& header : schema_headers())
    if (header.name == word) return true;
  return false;
}

// The first header name the text spells as the schema does ("CSeq", "Call-ID").
std::string_view header_named_in(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    std::size_t j = i;
    while (j < text.size() && is_token_char(text[j]) && text[j] != '.') ++j;
    const std::string_view word = text.substr(i, j - i);
    if (word.size() > 1 && known_header(word)) return word;
    i = j + 1;
  }
  return {};
}

}  // namespace

std::string malformed_reason_phrase(std::string_view error) {
  const std::string_view header = header_named_in(error);
  if (header.empty()) return "Bad Request (" + reason_phrase(error) + ")";
  const bool missing = error.starts_with("no ") || error.find("missing") != std::string_view::npos;
  const char* what = missing ? "Missing " : error.starts_with("repeated") ? "Repeated " : "Malformed ";
  return what + std::string(header);
}

}  // namespace scn::sip
