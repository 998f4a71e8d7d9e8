// The standard schema loads cleanly and its lookups work.
#include <algorithm>
#include <string>

#include "scn/schema/load.hpp"
#include "stdlib_fixture.hpp"

using namespace scn::schema;

TEST_CASE("the standard schema loads without errors or warnings") {
  const auto& result = stdlib_result();
  for (const auto& d : result.diagnostics) MESSAGE(format(d));
  CHECK(result.diagnostics.empty());
  REQUIRE(result.ok());
  CHECK(result.schema->headers().size() >= 80);
}

TEST_CASE("headers are found by full name ignoring case") {
  CHECK(header("Contact").name == "Contact");
  CHECK(header("contact").name == "Contact");
  CHECK(header("SUBSCRIPTION-STATE").name == "Subscription-State");
  CHECK(header("p-asserted-identity").name == "P-Asserted-Identity");
  CHECK(header("call-id").name == "Call-ID");
  CHECK(header("CSEQ").name == "CSeq");
  CHECK(stdlib().find_header("Contacts") == nullptr);
  CHECK(stdlib().find_header("") == nullptr);
}

TEST_CASE("headers are found by compact form ignoring case") {
  const std::pair<const char*, const char*> compacts[] = {
      {"i", "Call-ID"},        {"m", "Contact"},        {"e", "Content-Encoding"},
      {"l", "Content-Length"}, {"c", "Content-Type"},   {"f", "From"},
      {"s", "Subject"},        {"k", "Supported"},      {"t", "To"},
      {"v", "Via"},            {"o", "Event"},          {"u", "Allow-Events"},
      {"r", "Refer-To"},       {"b", "Referred-By"},    {"a", "Accept-Contact"},
      {"j", "Reject-Contact"}, {"d", "Request-Disposition"}, {"x", "Session-Expires"},
      {"y", "Identity"}};
  for (const auto& [compact, name] : compacts) {
    CAPTURE(compact);
    CHECK(header(compact).name == name);
    CHECK(header(std::string(1, static_cast<char>(std::toupper(compact[0])))).name == name);
    CHECK(header(name).compact == compact);
  }
  CHECK(stdlib().find_header("g") == nullptr);
}

TEST_CASE("every header the conference flows need is in the schema") {
  const char* needed[] = {
      "Accept", "Accept-Contact", "Accept-Encoding", "Accept-Language", "Alert-Info",
      "Allow", "Allow-Events", "Authentication-Info", "Authorization", "Call-ID",
      "Call-Info", "Contact", "Content-Disposition", "Content-Encoding", "Content-Length",
      "Content-Type", "CSeq", "Date", "Error-Info", "Event", "Expires", "Feature-Caps",
      "From", "Geolocation", "Identity", "In-Reply-To", "Max-Forwards", "MIME-Version",
      "Min-Expires", "Min-SE", "Organization", "P-Access-Network-Info",
      "P-Asserted-Identity", "P-Asserted-Service", "P-Associated-URI", "P-Called-Party-ID",
      "P-Charging-Function-Addresses", "P-Charging-Vector", "P-Early-Media",
      "P-Preferred-Identity", "P-Preferred-Service", "P-Visited-Network-ID", "Path",
      "Priority", "Privacy", "Proxy-Authenticate", "Proxy-Authorization", "Proxy-Require",
      "RAck", "Reason", "Record-Route", "Refer-Sub", "Refer-To", "Referred-By",
      "Reject-Contact", "Replaces", "Reply-To", "Request-Disposition", "Require",
      "Retry-After", "Route", "RSeq", "Security-Client", "Security-Server",
      "Security-Verify", "Server", "Service-Route", "Session-Expires", "Subject",
      "Subscription-State", "Supported", "Timestamp", "To", "Unsupported", "User-Agent",
      "Via", "Warning", "WWW-Authenticate"};
  for (const char* name : needed) {
    CAPTURE(name);
    CHECK(stdlib().find_header(name) != nullptr);
  }
}

TEST_CASE("header names list every header once in canonical spelling") {
  const auto names = stdlib().header_names();
  CHECK(names.size() == stdlib().headers().size());
  CHECK(std::count(names.begin(), names.end(), "Contact") == 1);
  CHECK(std::count(names.begin(), names.end(), "m") == 0);
  CHECK(std::find(names.begin(), names.end(), "Subscription-State") != names.end());
}

TEST_CASE("misspelt header names get a suggestion") {
  CHECK(stdlib().suggest_header("Refer-Too") == std::optional<std::string>("Refer-To"));
  CHECK(stdlib().suggest_header("Subscripton-State") ==
        std::optional<std::string>("Subscription-State"));
  CHECK(stdlib().suggest_header("Contcat") == std::optional<std::string>("Contact"));
  CHECK(stdlib().suggest_header("P-Asserted-Identiy") ==
        std::optional<std::string>("P-Asserted-Identity"));
  CHECK_FALSE(stdlib().suggest_header("Completely-Unrelated-Thing").has_value());
}

TEST_CASE("methods are known exactly and suggested when misspelt") {
  for (const char* m : {"ACK", "BYE", "CANCEL", "INVITE", "OPTIONS", "REGISTER", "PRACK",
                        "UPDATE", "SUBSCRIBE", "NOTIFY", "REFER", "MESSAGE", "INFO",
                        "PUBLISH"}) {
    CAPTURE(m);
    CHECK(stdlib().find_method(m) != nullptr);
  }
  CHECK(stdlib().find_method("invite") == nullptr);  // methods are case-sensitive
  CHECK(stdlib().suggest_method("invite") == std::optional<std::string>("INVITE"));
  CHECK(stdlib().suggest_method("SUBSCRIBES") == std::optional<std::string>("SUBSCRIBE"));
  const auto* invite = stdlib().find_method("INVITE");
  REQUIRE(invite);
  CHECK(invite->abbrev == "INV");
  CHECK(invite->creates_dialog);
  CHECK(invite->target_refresh);
  CHECK_FALSE(stdlib().find_method("ACK")->has_responses);
  CHECK_FALSE(stdlib().find_method("BYE")->creates_dialog);
}
