// Request-Line and Status-Line (RFC 3261 7.1, 7.2, 25.1).
#include "msg/parser.h"

#include "base/base.h"
#include "uri/uri.h"

namespace scn::sip::detail {

namespace {

constexpr int kVersionNotSupported = 505;

bool is_sip_2_0(std::string_view version) { return iequals(version, "SIP/2.0"); }

Result<StartLine> version_error(std::string_view version, std::size_t offset) {
  Error e = make_error("unsupported SIP version '" + std::string(version.substr(0, 32)) + "'", offset);
  if (version.size() > 4 && iequals(version.substr(0, 4), "SIP/")) e.response_code = kVersionNotSupported;
  return e;
}

Result<StartLine> parse_status_line(std::string_view line) {
  StartLine out;
  const std::size_t sp = line.find(' ');
  out.version = line.substr(0, sp);
  if (!is_sip_2_0(out.version)) return version_error(out.version, 0);
  if (sp == std::string_view::npos) return make_error("status line without status code", line.size());
  const std::string_view rest = line.substr(sp + 1);
  const std::string_view code = rest.substr(0, 3);
  const bool three_digits = code.size() == 3 && is_digit(code[0]) && is_digit(code[1]) && is_digit(code[2]);
  if (!three_digits || (rest.size() > 3 && rest[3] != ' ')) {
    return make_error("status code must be exactly three digits", sp + 1);
  }
  out.status = (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
  if (out.status < 100 || out.status > 699) return make_error("status code outside 100-699", sp + 1);
  out.reason = rest.size() > 4 ? rest.substr(4) : std::string_view(rest.data() + rest.size(), 0);
  return out;
}

Result<StartLine> parse_request_line(std::string_view line) {
  StartLine out;
  if (!line.empty() && (line.back() == ' ' || line.back() == '\t')) {
    return make_error("whitespace at the end of the Request-Line", line.size() - 1);
  }
  const std::size_t sp1 = find_char(line, ' ');
  const std::size_t sp2 = line.rfind(' ');
  if (sp1 == std::string_view::npos || sp1 == sp2) {
    return make_error("Request-Line needs method, Request-URI and SIP version", 0);
  }
  out.method = line.substr(0, sp1);
  if (!is_token(out.method)) return make_error("method is not a token", 0);
  out.request_uri = line.substr(sp1 + 1, sp2 - sp1 - 1);
  out.version = line.substr(sp2 + 1);
  if (out.request_uri.empty() || out.request_uri.front() == ' ' || out.request_uri.back() == ' ') {
    return make_error("more than one SP between Request-Line elements", sp1);
  }
  if (has_ws(out.request_uri)) {
    return make_error("whitespace inside the Request-URI", sp1 + 1 + out.request_uri.find_first_of(" \t"));
  }
  if (!is_sip_2_0(out.version)) return version_error(out.version, sp2 + 1);
  auto uri = check_uri(out.request_uri);
  if (!uri) return make_error("invalid Request-URI: " + uri.reason(), sp1 + 1 + uri.error().offset);
  return out;
}

}  // namespace

Result<StartLine> parse_start_line(std::string_view line) {
  if (line.size() >= 4 && iequals(line.substr(0, 4), "SIP/")) return parse_status_line(line);
  return parse_request_line(line);
}

}  // namespace scn::sip::detail
