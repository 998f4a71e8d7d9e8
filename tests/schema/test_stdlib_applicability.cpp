// Samples of the RFC 3261 Tables 2/3 and extension tables, as the schema encodes them.
#include <algorithm>
#include <string>
#include <vector>

#include "stdlib_fixture.hpp"

using namespace scn::schema;

namespace {

Presence in_request(std::string_view name, std::string_view method) {
  return stdlib().applicability(header(name), method);
}

Presence in_response(std::string_view name, std::string_view method, int status) {
  return stdlib().applicability(header(name), method, status);
}

std::vector<std::string> names(const std::vector<const Header*>& headers) {
  std::vector<std::string> out;
  for (const auto* h : headers) out.push_back(h->name);
  std::sort(out.begin(), out.end());
  return out;
}

const char* const kAllMethods[] = {"ACK",    "BYE",       "CANCEL", "INVITE", "OPTIONS",
                                   "REGISTER", "PRACK",   "UPDATE", "SUBSCRIBE", "NOTIFY",
                                   "REFER",  "MESSAGE",   "INFO",   "PUBLISH"};

}  // namespace

TEST_CASE("RFC 3261 Table 2: Via From To Call-ID CSeq Max-Forwards in every request") {
  for (const char* method : kAllMethods) {
    CAPTURE(method);
    for (const char* h : {"Via", "From", "To", "Call-ID", "CSeq", "Max-Forwards"})
      CHECK(in_request(h, method) == Presence::mandatory);
  }
}

TEST_CASE("RFC 3261 Table 2: Via From To Call-ID CSeq in every response and Max-Forwards in none") {
  for (const char* method : kAllMethods) {
    CAPTURE(method);
    for (int status : {100, 180, 200, 302, 404, 486, 503, 603}) {
      CAPTURE(status);
      for (const char* h : {"Via", "From", "To", "Call-ID", "CSeq"})
        CHECK(in_response(h, method, status) == Presence::mandatory);
      CHECK(in_response("Max-Forwards", method, status) == Presence::not_applicable);
    }
  }
}

TEST_CASE("Contact: m in INVITE SUBSCRIBE NOTIFY REFER UPDATE requests") {
  for (const char* method : {"INVITE", "SUBSCRIBE", "NOTIFY", "REFER", "UPDATE"}) {
    CAPTURE(method);
    CHECK(in_request("Contact", method) == Presence::mandatory);
  }
  CHECK(in_request("Contact", "REGISTER") == Presence::optional);
  CHECK(in_request("Contact", "BYE") == Presence::not_applicable);
  CHECK(in_request("Contact", "CANCEL") == Presence::not_applicable);
  CHECK(in_request("Contact", "PRACK") == Presence::not_applicable);
  CHECK(in_request("m", "INVITE") == Presence::mandatory);  // compact form
}

TEST_CASE("Contact in responses: the narrowest where row wins") {
  CHECK(in_response("Contact", "INVITE", 200) == Presence::mandatory);  // 2xx
  CHECK(in_response("Contact", "INVITE", 183) == Presence::optional);   // 1xx
  CHECK(in_response("Contact", "INVITE", 302) == Presence::optional);   // 3xx
  CHECK(in_response("Contact", "INVITE", 485) == Presence::optional);   // 485
  CHECK(in_response("Contact", "INVITE", 404) == Presence::not_applicable);  // no row
  CHECK(in_response("Contact", "SUBSCRIBE", 200) == Presence::mandatory);
  CHECK(in_response("Contact", "REFER", 202) == Presence::mandatory);
  CHECK(in_response("Contact", "SUBSCRIBE", 302) == Presence::mandatory);
  CHECK(in_response("Contact", "BYE", 200) == Presence::not_applicable);
}

TEST_CASE("event headers: RFC 6665 tables") {
  CHECK(in_request("Event", "SUBSCRIBE") == Presence::mandatory);
  CHECK(in_request("Event", "NOTIFY") == Presence::mandatory);
  CHECK(in_request("Event", "PUBLISH") == Presence::mandatory);
  CHECK(in_request("Event", "INVITE") == Presence::not_applicable);
  CHECK(in_request("Subscription-State", "NOTIFY") == Presence::mandatory);
  CHECK(in_request("Subscription-State", "SUBSCRIBE") == Presence::not_applicable);
  CHECK(in_response("Expires", "SUBSCRIBE", 200) == Presence::mandatory);
  CHECK(in_request("Expires", "SUBSCRIBE") == Presence::optional);
  CHECK(in_response("Allow-Events", "SUBSCRIBE", 489) == Presence::mandatory);
  CHECK(in_response("Allow-Events", "INVITE", 489) == Presence::not_applicable);
}

TEST_CASE("REFER and PRACK and RSeq: RFC 3515 and RFC 3262 tables") {
  CHECK(in_request("Refer-To", "REFER") == Presence::mandatory);
  CHECK(in_request("Refer-To", "INVITE") == Presence::not_applicable);
  CHECK(in_request("RAck", "PRACK") == Presence::mandatory);
  CHECK(in_request("RAck", "INVITE") == Presence::not_applicable);
  CHECK(in_response("RSeq", "INVITE", 183) == Presence::optional);
  CHECK(in_response("RSeq", "INVITE", 200) == Presence::not_applicable);
  CHECK(in_request("Refer-Sub", "REFER") == Presence::optional);
  CHECK(in_request("Replaces", "INVITE") == Presence::optional);
  CHECK(in_request("Replaces", "REFER") == Presence::not_applicable);
}

TEST_CASE("body headers: Content-Length is t and Content-Type is if-body") {
  for (const char* method : kAllMethods) {
    CAPTURE(method);
    CHECK(in_request("Content-Length", method) == Presence::stream);
    CHECK(in_response("l", method, 200) == Presence::stream);
  }
  CHECK(in_request("Content-Type", "INVITE") == Presence::if_body);
  CHECK(in_request("Content-Type", "NOTIFY") == Presence::if_body);
  CHECK(in_request("Content-Type", "CANCEL") == Presence::not_applicable);
}

TEST_CASE("specific status rows beat general ones") {
  CHECK(in_response("Allow", "INVITE", 405) == Presence::mandatory);  // 405 beats r
  CHECK(in_response("Allow", "INVITE", 200) == Presence::should);     // 2xx: m*
  CHECK(in_response("Allow", "INVITE", 486) == Presence::optional);   // r
  CHECK(in_response("Min-Expires", "REGISTER", 423) == Presence::mandatory);
  CHECK(in_response("Unsupported", "INVITE", 420) == Presence::mandatory);
  CHECK(in_response("WWW-Authenticate", "REGISTER", 401) == Presence::mandatory);
  CHECK(in_response("Proxy-Authenticate", "INVITE", 407) == Presence::mandatory);
  CHECK(in_response("Record-Route", "INVITE", 180) == Presence::optional);  // 18x
  CHECK(in_response("Record-Route", "INVITE", 100) == Presence::not_applicable);
  CHECK(in_response("Retry-After", "INVITE", 503) == Presence::optional);
  CHECK(in_response("Retry-After", "INVITE", 502) == Presence::not_applicable);
  CHECK(in_response("Min-SE", "INVITE", 422) == Presence::mandatory);
  CHECK(in_response("Security-Server", "REGISTER", 401) == Presence::optional);
  CHECK(in_response("Security-Server", "REGISTER", 494) == Presence::optional);
  CHECK(in_request("Supported", "INVITE") == Presence::should);
}

TEST_CASE("mandatory headers of a request or response") {
  using V = std::vector<std::string>;
  CHECK(names(stdlib().mandatory_headers("INVITE")) ==
        V{"CSeq", "Call-ID", "Contact", "From", "Max-Forwards", "To", "Via"});
  CHECK(names(stdlib().mandatory_headers("NOTIFY")) ==
        V{"CSeq", "Call-ID", "Contact", "Event", "From", "Max-Forwards",
          "Subscription-State", "To", "Via"});
  CHECK(names(stdlib().mandatory_headers("PRACK")) ==
        V{"CSeq", "Call-ID", "From", "Max-Forwards", "RAck", "To", "Via"});
  CHECK(names(stdlib().mandatory_headers("REFER")) ==
        V{"CSeq", "Call-ID", "Contact", "From", "Max-Forwards", "Refer-To", "To", "Via"});
  CHECK(names(stdlib().mandatory_headers("INVITE", 200)) ==
        V{"CSeq", "Call-ID", "Contact", "From", "To", "Via"});
  CHECK(names(stdlib().mandatory_headers("BYE", 200)) ==
        V{"CSeq", "Call-ID", "From", "To", "Via"});
}

TEST_CASE("unknown methods have unspecified presence") {
  CHECK(in_request("Contact", "FOO") == Presence::unspecified);
  CHECK(in_response("Contact", "FOO", 200) == Presence::unspecified);
  CHECK(stdlib().mandatory_headers("FOO").empty());
}

TEST_CASE("presence in a response whatever the method") {
  const auto& s = stdlib();
  CHECK(s.applicability(header("Via"), 200) == Presence::mandatory);
  CHECK(s.applicability(header("Call-ID"), 486) == Presence::mandatory);
  CHECK(s.applicability(header("Contact"), 200) == Presence::conditional);  // differs
  CHECK(s.applicability(header("RAck"), 200) == Presence::not_applicable);
  CHECK(s.applicability(header("Max-Forwards"), 200) == Presence::not_applicable);
  CHECK(s.applicability(header("Server"), 200) == Presence::optional);
  CHECK(s.applicability(header("Allow"), 405) == Presence::conditional);  // CANCEL: -
}
