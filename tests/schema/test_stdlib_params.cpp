// Parts, params and value types of the standard schema.
#include <string>

#include "stdlib_fixture.hpp"

using namespace scn::schema;

namespace {

const ParamSpec& param(std::string_view h, std::string_view name) {
  const auto* p = header(h).find_param(name);
  REQUIRE_MESSAGE(p != nullptr, "no param " << h << "." << name);
  return *p;
}

const PartSpec& part(std::string_view h, std::string_view name) {
  const auto* p = header(h).find_part(name);
  REQUIRE_MESSAGE(p != nullptr, "no part " << h << "." << name);
  return *p;
}

}  // namespace

TEST_CASE("Contact params: expires integer and isfocus flag and feature tags") {
  CHECK(param("Contact", "expires").type == ValueType::delta_seconds);
  CHECK(is_integer_type(param("Contact", "expires").type));
  CHECK(param("Contact", "q").type == ValueType::qvalue);
  CHECK(param("Contact", "isfocus").type == ValueType::flag);
  CHECK(param("Contact", "isfocus").from_set == "feature-tags");
  CHECK(param("Contact", "+g.3gpp.icsi-ref").type == ValueType::feature_value);
  CHECK(param("Contact", "+G.3GPP.ICSI-REF").name == "+g.3gpp.icsi-ref");
  CHECK(param("Contact", "+g.3gpp.srvcc-alerting").type == ValueType::flag);
  CHECK(param("Contact", "+sip.instance").type == ValueType::feature_value);
  CHECK(param("Contact", "pub-gruu").type == ValueType::quoted_string);
  CHECK(param("Contact", "temp-gruu").type == ValueType::quoted_string);
  CHECK(param("Contact", "reg-id").type == ValueType::integer);
  CHECK(param("Contact", "audio").type == ValueType::flag);
  CHECK(param("Contact", "video").type == ValueType::flag);
  CHECK(param("Accept-Contact", "isfocus").type == ValueType::flag);
  CHECK(param("Accept-Contact", "require").type == ValueType::flag);
  CHECK(header("Contact").find_param("nosuchparam") == nullptr);
  CHECK(header("Contact").param_policy == ParamPolicy::open);
}

TEST_CASE("Via params and parts") {
  CHECK(param("Via", "branch").type == ValueType::token);
  CHECK(param("Via", "received").type == ValueType::host);
  CHECK(param("Via", "rport").type == ValueType::port);
  CHECK(param("Via", "rport").value_optional);
  CHECK_FALSE(param("Via", "branch").value_optional);
  CHECK(part("Via", "sent-by").type == ValueType::hostport);
  CHECK(part("Via", "host").type == ValueType::host);
  CHECK(part("Via", "port").type == ValueType::port);
  CHECK(part("Via", "sent-protocol").type == ValueType::sent_protocol);
  CHECK(part("Via", "transport").values.contains("udp"));
  CHECK(part("Via", "transport").values.open);
  CHECK(header("v").type == ValueType::via);
  CHECK(header("Via").cardinality == Cardinality::list);
}

TEST_CASE("name-addr parts: display-name and addr-spec and its alias uri") {
  for (const char* h : {"From", "To", "Contact", "Refer-To", "P-Asserted-Identity", "Route"}) {
    CAPTURE(h);
    CHECK(part(h, "display-name").type == ValueType::text);
    CHECK(part(h, "addr-spec").type == ValueType::uri);
    CHECK(part(h, "uri").name == "addr-spec");  // alias resolves to its target
    CHECK(part(h, "ADDR-SPEC").name == "addr-spec");
  }
  CHECK(param("From", "tag").type == ValueType::token);
  CHECK(param("To", "tag").type == ValueType::token);
  CHECK(header("To").find_part("branch") == nullptr);
}

TEST_CASE("CSeq and RAck parts") {
  CHECK(part("CSeq", "seq").type == ValueType::uint32);
  CHECK(part("CSeq", "method").type == ValueType::method);
  CHECK(part("RAck", "rseq").type == ValueType::uint32);
  CHECK(part("RAck", "cseq").type == ValueType::uint32);
  CHECK(part("RAck", "method").type == ValueType::method);
  CHECK(header("CSeq").param_policy == ParamPolicy::closed);
  CHECK(header("CSeq").params.empty());
  CHECK(header("RSeq").type == ValueType::uint32);
}

TEST_CASE("token values: closed and open sets") {
  const auto& refresher = param("Session-Expires", "refresher");
  CHECK(refresher.values.contains("uac"));
  CHECK(refresher.values.contains("UAS"));
  CHECK_FALSE(refresher.values.contains("proxy"));
  CHECK_FALSE(refresher.values.open);
  const auto& reason = param("Subscription-State", "reason");
  CHECK(reason.values.contains("timeout"));
  CHECK(reason.values.open);
  CHECK(header("Subscription-State").values.contains("active"));
  CHECK(header("Subscription-State").values.contains("terminated"));
  CHECK(header("Privacy").separator == ';');
  CHECK(header("Privacy").values.contains("id"));
  CHECK(header("Refer-Sub").type == ValueType::boolean);
}

TEST_CASE("value types and cardinality of common headers") {
  CHECK(header("Contact").type == ValueType::contact);
  CHECK(header("Contact").is_list());
  CHECK(header("From").type == ValueType::name_addr);
  CHECK_FALSE(header("From").is_list());
  CHECK(header("Route").cardinality == Cardinality::list);
  CHECK(header("Record-Route").cardinality == Cardinality::list);
  CHECK(header("Authorization").cardinality == Cardinality::multi);
  CHECK(header("WWW-Authenticate").type == ValueType::auth);
  CHECK(param("WWW-Authenticate", "nonce").type == ValueType::quoted_string);
  CHECK(param("Authorization", "integrity-protected").values.contains("ip-assoc-pending"));
  CHECK(header("Require").type == ValueType::option_tag);
  CHECK(header("Allow").type == ValueType::method);
  CHECK(header("Event").type == ValueType::event_type);
  CHECK(param("Event", "id").type == ValueType::token);
  CHECK(header("Content-Type").type == ValueType::media_type);
  CHECK(header("Content-Length").type == ValueType::integer);
  CHECK(header("Max-Forwards").type == ValueType::integer);
  CHECK(header("Expires").type == ValueType::delta_seconds);
  CHECK(header("P-Charging-Vector").type == ValueType::param_list);
  CHECK(param("P-Charging-Vector", "icid-value").type == ValueType::gen_value);
  CHECK(param("Security-Client", "spi-c").type == ValueType::integer);
  CHECK(param("Security-Verify", "port-s").type == ValueType::port);
  CHECK(header("Accept-Contact").type == ValueType::star);
}

TEST_CASE("misspelt params and parts get suggestions") {
  CHECK(header("Contact").suggest_param("isfocsu") == std::optional<std::string>("isfocus"));
  CHECK(header("Via").suggest_param("brnach") == std::optional<std::string>("branch"));
  CHECK(header("Contact").suggest_part("adr-spec") == std::optional<std::string>("addr-spec"));
  CHECK_FALSE(header("CSeq").suggest_param("tag").has_value());
}

TEST_CASE("option tags and event packages and content types and status codes") {
  const auto& s = stdlib();
  for (const char* tag : {"100rel", "precondition", "timer", "replaces", "norefersub", "gruu",
                          "sec-agree", "path", "outbound", "eventlist", "tdialog"}) {
    CAPTURE(tag);
    CHECK(s.find_option_tag(tag) != nullptr);
  }
  CHECK(s.find_option_tag("100-rel") == nullptr);
  for (const char* pkg : {"conference", "refer", "reg", "presence", "dialog", "message-summary"}) {
    CAPTURE(pkg);
    CHECK(s.find_event_package(pkg) != nullptr);
  }
  const auto* conference = s.find_event_package("conference");
  REQUIRE(conference);
  REQUIRE(conference->content_types.size() == 1);
  CHECK(conference->content_types[0] == "application/conference-info+xml");
  CHECK(s.find_event_package("refer")->content_types[0] == "message/sipfrag");
  CHECK(s.find_content_type("application/sdp") != nullptr);
  CHECK(s.find_content_type("APPLICATION/SDP") != nullptr);
  CHECK(s.find_content_type("message/sipfrag") != nullptr);
  CHECK(s.find_content_type("application/conference-info+xml") != nullptr);
  CHECK(s.find_content_type("application/vnd.3gpp.sms")->name == "application/vnd.3gpp.sms");
  CHECK(s.find_content_type("application/vnd.3gpp.foo+xml")->name == "application/vnd.3gpp.*");
  CHECK(s.find_content_type("application/vnd.3gpp.") == nullptr);
  CHECK(s.find_content_type("text/html") == nullptr);
  REQUIRE(s.find_status(183) != nullptr);
  CHECK(s.find_status(183)->reason == "Session Progress");
  CHECK(s.find_status(489)->reason == "Bad Event");
  CHECK(s.find_status(299) == nullptr);
}

TEST_CASE("pseudo-paths are exposed with their types") {
  const auto& s = stdlib();
  const auto* ruri = s.find_pseudo_path("Request-URI");
  REQUIRE(ruri);
  CHECK(ruri->type == ValueType::uri);
  CHECK(ruri->in_requests);
  CHECK_FALSE(ruri->in_responses);
  const auto* status = s.find_pseudo_path("status");
  REQUIRE(status);
  CHECK(status->type == ValueType::status_code);
  CHECK(status->in_responses);
  CHECK(s.find_pseudo_path("Reason-Phrase")->type == ValueType::text);
  CHECK(s.find_pseudo_path("body")->type == ValueType::body);
  CHECK(s.find_pseudo_path("Method")->type == ValueType::method);
  CHECK(s.find_pseudo_path("Reason") == nullptr);  // the RFC 3326 header
  CHECK(s.find_header("Reason") != nullptr);
}

TEST_CASE("fields after a header name are parts or params") {
  const auto& contact = header("Contact");
  const auto addr = contact.find_field("addr-spec");
  REQUIRE(addr);
  CHECK(addr.part != nullptr);
  CHECK(addr.type() == ValueType::uri);
  const auto focus = contact.find_field("isfocus");
  REQUIRE(focus);
  CHECK(focus.param != nullptr);
  CHECK(focus.type() == ValueType::flag);
  CHECK_FALSE(contact.find_field("nonsense"));
  CHECK(contact.suggest_field("displayname") == std::optional<std::string>("display-name"));
  CHECK(contact.suggest_field("isfocsu") == std::optional<std::string>("isfocus"));
  CHECK(header("To").find_field("tag").param != nullptr);
}

TEST_CASE("every standard header cites its source and covers every method") {
  for (const auto& h : stdlib().headers()) {
    CAPTURE(h.name);
    CHECK_FALSE(h.spec.empty());
    CHECK_FALSE(h.rules.empty());
    for (const auto& rule : h.rules) {
      CAPTURE(rule.where.text);
      REQUIRE(rule.by_method.size() == stdlib().methods().size());
      for (auto p : rule.by_method) CHECK(p != Presence::unspecified);
    }
  }
}
