// RFC 4475 torture messages, driven by rfc4475/MANIFEST.tsv of the shared test corpora. Every file
// in the manifest must have an entry in kExpect below; valid messages must parse and
// round-trip, invalid ones must be rejected with the expected reason, and the few
// "invalid" ones that are syntactically fine must parse and show the semantic problem
// their RFC 4475 section names.
#include <doctest/doctest.h>

#include <functional>
#include <string_view>

#include "msg/msg.h"
#include "support.h"

namespace {

using namespace scn::sip;

enum class Outcome {
  Valid,     // parses, round-trips, details checked
  Reject,    // parse() fails; the reason contains `reason`
  Semantic,  // parses (the RFC lets a parser accept it); check shows the higher-layer problem
};

struct Expect {
  std::string_view file;
  Outcome outcome;
  std::string_view reason;
  std::function<void(const Message&)> check;
};

std::string uri_user(std::string_view text) { return parse_uri(text)->user; }
std::string addr_user(std::string_view value) { return parse_name_addr(value)->uri.user; }

void wsinv(const Message& m) {
  CHECK(m.method() == "INVITE");
  CHECK(parse_name_addr(m.value_or("To"))->tag() == "1918181833n");
  CHECK(parse_name_addr(m.value_or("From"))->display() == "J Rosenberg \\\"");
  CHECK(parse_name_addr(m.value_or("From"))->tag() == "98asjd8");
  CHECK(*parse_max_forwards(m.value_or("Max-Forwards")) == 68);
  CHECK(parse_cseq(m.value_or("CSeq"))->number == 9);
  CHECK(parse_cseq(m.value_or("CSeq"))->method == "INVITE");
  const auto vias = m.values("Via");
  REQUIRE(vias.size() == 3);
  CHECK(parse_via(vias[0])->branch() == "390skdjuw");
  CHECK(parse_via(vias[1])->host == "spindle.example.com");
  CHECK(parse_via(vias[1])->transport == "TCP");
  CHECK(parse_via(vias[2])->branch() == "z9hG4bK30239");
  CHECK(m.has("Subject"));
  CHECK(m.value_or("s", "x").empty());
  CHECK(m.value_or("NewFangledHeader") == "newfangled value continued newfangled value");
  CHECK(m.value_or("UnknownHeaderWithUnusualValue") == ";;,,;;,;");
  const auto contact = parse_contact(m.value_or("Contact"));
  CHECK(contact->addr.params.get("q") == "0.33");
  CHECK(contact->addr.params.get("newparam") == "newvalue");
  CHECK(contact->addr.params.has("secondparam"));
  CHECK(m.body().size() == 150);
}

void intmeth(const Message& m) {
  CHECK(m.method() == "!interesting-Method0123456789_*+`.%indeed'~");
  CHECK_FALSE(is_known_method(m.method()));
  const auto ruri = parse_uri(m.request_uri());
  CHECK(ruri->user == "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
  CHECK(ruri->password == "&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
  const std::string to_display = parse_name_addr(m.value_or("To"))->display();
  CHECK(to_display == std::string("BEL:\x07 NUL:\0 DEL:\x7F", 17));
  CHECK(parse_name_addr(m.value_or("From"))->display_name == "token1~` token2'+_ token3*%!.-");
  CHECK(m.value_or("Call-ID") == "intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{");
  CHECK(m.value_or("extensionHeader-!.%*+_`'~").substr(0, 3) == "\xEF\xBB\xBF");
}

void esc01(const Message& m) {
  CHECK(uri_user(m.request_uri()) == "sips:user@example.com");
  CHECK(addr_user(m.value_or("To")) == "user");
  CHECK(addr_user(m.value_or("From")) == "I have spaces");
  const auto contact = parse_name_addr(m.value_or("Contact"));
  CHECK(contact->uri.user == "caller");
  CHECK(contact->uri.param("lr") != nullptr);
  REQUIRE(contact->uri.param("name") != nullptr);
  CHECK(contact->uri.param("name")->value == "value%41");  // decoded once only
}

void escnull(const Message& m) {
  CHECK(addr_user(m.value_or("To")) == std::string("null-\0-null", 11));
  const auto contacts = m.values("Contact");
  REQUIRE(contacts.size() == 2);
  CHECK(addr_user(contacts[0]) == std::string(1, '\0'));
  CHECK(addr_user(contacts[1]) == std::string(2, '\0'));
  CHECK_FALSE(uri_equal(parse_name_addr(contacts[0])->uri, parse_name_addr(contacts[1])->uri));
}

void esc02(const Message& m) {
  CHECK(m.method() == "RE%47IST%45R");
  CHECK_FALSE(is_known_method(m.method()));
  CHECK(m.values("Contact").size() == 2);
  CHECK(m.has("C%6Fntact"));
  CHECK(parse_name_addr(m.value_or("To"))->display() == "%Z%45");
}

void lwsdisp(const Message& m) {
  CHECK(parse_name_addr(m.value_or("From"))->display_name == "caller");
}

void longreq(const Message& m) {
  CHECK(m.values("Via").size() == 34);
  CHECK(parse_name_addr(m.value_or("To"))->display_name.size() > 100);
}

void dblreq(const Message& m) {
  CHECK(m.method() == "REGISTER");
  CHECK(m.body().empty());
  CHECK(m.trailing_octets() == 450);
}

void semiuri(const Message& m) {
  const auto ruri = parse_uri(m.request_uri());
  CHECK(ruri->user == "user;par=u@example.net");
  CHECK(ruri->host == "example.com");
  CHECK(ruri->params.empty());
  CHECK(m.values("Accept").size() == 6);
}

void transports(const Message& m) {
  std::vector<std::string_view> got;
  for (auto v : m.values("Via")) got.push_back(parse_via(v)->transport);
  CHECK(got == std::vector<std::string_view>{"UDP", "SCTP", "TLS", "UNKNOWN", "TCP"});
}

void mpart01(const Message& m) {
  CHECK(m.body().size() == 553);
  CHECK(m.body().find('\0') != std::string_view::npos);
  CHECK(parse_media_type(m.value_or("Content-Type"))->subtype == "mixed");
}

void unreason(const Message& m) {
  CHECK(m.status_code() == 200);
  CHECK(m.reason().substr(0, 14) == "= 2**3 * 5**2 ");
  CHECK(m.reason().size() > 60);
}

void noreason(const Message& m) {
  CHECK(m.status_code() == 100);
  CHECK(m.reason().empty());
}

const std::vector<Expect>& expectations() {
  static const std::vector<Expect> table{
      {"wsinv.dat", Outcome::Valid, "", wsinv},
      {"intmeth.dat", Outcome::Valid, "", intmeth},
      {"esc01.dat", Outcome::Valid, "", esc01},
      {"escnull.dat", Outcome::Valid, "", escnull},
      {"esc02.dat", Outcome::Valid, "", esc02},
      {"lwsdisp.dat", Outcome::Valid, "", lwsdisp},
      {"longreq.dat", Outcome::Valid, "", longreq},
      {"dblreq.dat", Outcome::Valid, "", dblreq},
      {"semiuri.dat", Outcome::Valid, "", semiuri},
      {"transports.dat", Outcome::Valid, "", transports},
      {"mpart01.dat", Outcome::Valid, "", mpart01},
      {"unreason.dat", Outcome::Valid, "", unreason},
      {"noreason.dat", Outcome::Valid, "", noreason},
      // 3.1.2: syntax errors.
      {"badinv01.dat", Outcome::Reject, ": empty parameter", {}},
      {"clerr.dat", Outcome::Reject, "Content-Length 9999 exceeds", {}},
      {"ncl.dat", Outcome::Reject, "Content-Length: negative", {}},
      {"scalar02.dat", Outcome::Reject, "CSeq: sequence number: value exceeds", {}},
      {"scalarlg.dat", Outcome::Reject, "CSeq: sequence number: value exceeds", {}},
      {"quotbal.dat", Outcome::Reject, "unterminated quoted-string", {}},
      {"ltgtruri.dat", Outcome::Reject, "invalid Request-URI", {}},
      {"lwsruri.dat", Outcome::Reject, "whitespace inside the Request-URI", {}},
      {"lwsstart.dat", Outcome::Reject, "more than one SP", {}},
      {"trws.dat", Outcome::Reject, "whitespace at the end of the Request-Line", {}},
      // 3.1.2.11: may be rejected or the headers ignored; we accept and expose them so
      // that nothing forwards them blindly.
      {"escruri.dat", Outcome::Semantic, "headers in the Request-URI",
       [](const Message& m) { CHECK(parse_uri(m.request_uri())->header("Route") != nullptr); }},
      // 3.1.2.12: "reasonable to ignore Date": kept whole, not split at its commas.
      {"baddate.dat", Outcome::Semantic, "Date not in GMT",
       [](const Message& m) {
         REQUIRE(m.values("Date").size() == 1);
         CHECK(m.value_or("Date").substr(m.value_or("Date").size() - 3) == "EST");
       }},
      {"regbadct.dat", Outcome::Reject, "must be enclosed in <>", {}},
      {"badaspec.dat", Outcome::Reject, "whitespace inside <>", {}},
      // The canonical file lacks the final empty line (see MANIFEST); the 333-byte
      // variant is checked for the display-name error below.
      {"baddn.dat", Outcome::Reject, "header section not terminated", {}},
      {"badvers.dat", Outcome::Reject, "unsupported SIP version", {}},
      {"mismatch01.dat", Outcome::Reject, "does not match the request method", {}},
      {"mismatch02.dat", Outcome::Reject, "does not match the request method", {}},
      {"bigcode.dat", Outcome::Reject, "status code must be exactly three digits", {}},
      // 3.2.1: transaction layer matter; the branch is only the magic cookie.
      {"badbranch.dat", Outcome::Semantic, "branch without transaction id",
       [](const Message& m) { CHECK(parse_via(m.value_or("Via"))->branch() == "z9hG4bK"); }},
      // 3.3: application layer.
      {"insuf.dat", Outcome::Semantic, "missing required headers",
       [](const Message& m) {
         const auto missing = check_required_headers(m);
         REQUIRE_FALSE(missing.ok());
         CHECK(missing.error().response_code == 400);
       }},
      {"unkscm.dat", Outcome::Semantic, "416 unsupported scheme",
       [](const Message& m) {
         const auto uri = parse_uri(m.request_uri());
         CHECK(uri->kind == UriScheme::Other);
         CHECK(uri->scheme == "nobodyknowsthisscheme");
       }},
      {"novelsc.dat", Outcome::Semantic, "416 unsupported scheme",
       [](const Message& m) { CHECK(parse_uri(m.request_uri())->scheme == "soap.beep"); }},
      {"unksm2.dat", Outcome::Semantic, "To must be a SIP AOR",
       [](const Message& m) {
         CHECK(parse_name_addr(m.value_or("To"))->uri.scheme == "isbn");
         CHECK(parse_name_addr(m.value_or("From"))->uri.scheme == "http");
         CHECK(parse_name_addr(m.value_or("Contact"))->uri.scheme == "name");
       }},
      {"bext01.dat", Outcome::Semantic, "420 Bad Extension",
       [](const Message& m) {
         CHECK(parse_option_tags(m.find("Require")->value)->size() == 2);
         CHECK(m.values("Require").size() == 2);
         CHECK(m.values("Proxy-Require").back() == "norDoAnyProxiesSupportThis");
       }},
      {"invut.dat", Outcome::Semantic, "415 Unsupported Media Type",
       [](const Message& m) { CHECK(parse_media_type(m.value_or("Content-Type"))->subtype == "unknownformat"); }},
      {"regaut01.dat", Outcome::Semantic, "401 challenge",
       [](const Message& m) { CHECK(m.values("Authorization").size() == 1); }},
      {"multi01.dat", Outcome::Reject, "repeated", {}},
      {"mcl01.dat", Outcome::Reject, "repeated Content-Length", {}},
      {"bcast.dat", Outcome::Semantic, "broadcast Via is processed normally",
       [](const Message& m) { CHECK(parse_via(m.values("Via").at(1))->host == "255.255.255.255"); }},
      {"zeromf.dat", Outcome::Semantic, "483 at a proxy",
       [](const Message& m) { CHECK(*parse_max_forwards(m.value_or("Max-Forwards")) == 0); }},
      {"cparam01.dat", Outcome::Semantic, "header param, not URI param",
       [](const Message& m) {
         const auto c = parse_name_addr(m.value_or("Contact"));
         CHECK(c->params.has("unknownparam"));
         CHECK(c->uri.params.empty());
       }},
      {"cparam02.dat", Outcome::Semantic, "URI param",
       [](const Message& m) {
         const auto c = parse_name_addr(m.value_or("Contact"));
         CHECK(c->params.empty());
         CHECK(c->uri.param("unknownparam") != nullptr);
       }},
      {"regescrt.dat", Outcome::Semantic, "escaped header belongs to the contact",
       [](const Message& m) {
         const auto c = parse_name_addr(m.value_or("m"));
         REQUIRE(c->uri.header("Route") != nullptr);
         CHECK(c->uri.header("Route")->value == "<sip:sip.example.com>");
       }},
      {"sdp01.dat", Outcome::Semantic, "406 Not Acceptable",
       [](const Message& m) { CHECK(m.values("Accept") == std::vector<std::string_view>{"text/nobodyKnowsThis"}); }},
      // 3.4.1: no Content-Length over UDP: the body is the rest of the datagram.
      {"inv2543.dat", Outcome::Semantic, "RFC 2543 syntax",
       [](const Message& m) {
         CHECK(m.body_from_datagram_end());
         CHECK(m.body().size() == 105);
         CHECK_FALSE(parse_via(m.value_or("Via"))->branch().has_value());
       }},
  };
  return table;
}

const Expect* expectation_for(const std::string& file) {
  for (const Expect& e : expectations()) {
    if (e.file == file) return &e;
  }
  return nullptr;
}

void run_one(const std::string& file, const std::string& bytes, const Expect& expect) {
  const auto result = parse(bytes, ParseMode::Datagram);
  if (expect.outcome == Outcome::Reject) {
    CHECK_MESSAGE(!result.ok(), file << " parsed but must be rejected");
    CHECK_MESSAGE(result.reason().find(expect.reason) != std::string::npos,
                  file << ": reason '" << result.reason() << "' lacks '" << expect.reason << "'");
    return;
  }
  REQUIRE_MESSAGE(result.ok(), file << " rejected: " << result.reason() << " at " << result.error().offset);
  const std::string problem = scn_test::round_trip_problem(*result);
  CHECK_MESSAGE(problem.empty(), file << " round trip: " << problem);
  if (expect.check) expect.check(*result);
}

}  // namespace

TEST_CASE("rfc4475: every MANIFEST message has its expected outcome") {
  const auto rows = scn_test::read_manifest(scn_test::corpus_path("rfc4475/MANIFEST.tsv"));
  REQUIRE(rows.size() == 49);
  for (const auto& row : rows) {
    const std::string& file = row.at("file");
    INFO("file: " << file << " (RFC 4475 " << row.at("rfc_section") << ")");
    const Expect* expect = expectation_for(file);
    REQUIRE_MESSAGE(expect != nullptr, file << " has no expectation");
    // The MANIFEST class and the table agree: valid ones are Valid, nothing else is.
    CHECK_EQ(row.at("expectation") == "valid", expect->outcome == Outcome::Valid);
    const std::string bytes = scn_test::read_binary(scn_test::corpus_path("rfc4475/" + file));
    REQUIRE_EQ(std::to_string(bytes.size()), row.at("size_bytes"));
    run_one(file, bytes, *expect);
  }
}

TEST_CASE("rfc4475: baddn variant with the final CRLF fails on the display name") {
  const std::string bytes = scn_test::read_binary(scn_test::corpus_path("rfc4475/variants/baddn.crlf-terminated.dat"));
  REQUIRE(bytes.size() == 333);
  const auto result = parse(bytes);
  REQUIRE_FALSE(result.ok());
  CHECK(result.reason().find("display name") != std::string::npos);
  CHECK(result.error().response_code == 400);
}

TEST_CASE("rfc4475: response codes suggested for rejected requests") {
  auto code_of = [](const char* file) {
    return parse(scn_test::read_binary(scn_test::corpus_path(std::string("rfc4475/") + file))).error().response_code;
  };
  CHECK(code_of("badvers.dat") == 505);
  CHECK(code_of("ncl.dat") == 400);
  CHECK(code_of("scalarlg.dat") == 0);  // a response: discarded, never answered
  CHECK(code_of("bigcode.dat") == 0);
}

TEST_CASE("rfc4475: Content-Length errors over a stream") {
  // clerr: the stream reader waits for the missing body octets.
  const std::string clerr = scn_test::read_binary(scn_test::corpus_path("rfc4475/clerr.dat"));
  CHECK(frame(clerr).status == FrameStatus::NeedMore);
  // ncl and mcl01: framing is lost, the connection must be closed.
  for (const char* file : {"ncl.dat", "mcl01.dat"}) {
    INFO(file);
    const auto f = frame(scn_test::read_binary(scn_test::corpus_path(std::string("rfc4475/") + file)));
    CHECK(f.status == FrameStatus::Error);
    CHECK(f.reason.find("Content-Length") != std::string::npos);
  }
  // inv2543 has no Content-Length: fine in a datagram, an error on a stream.
  const std::string inv = scn_test::read_binary(scn_test::corpus_path("rfc4475/inv2543.dat"));
  CHECK(frame(inv).status == FrameStatus::Error);
  CHECK_FALSE(parse(inv, ParseMode::Stream).ok());
  // dblreq as a stream: two messages back to back.
  const std::string dbl = scn_test::read_binary(scn_test::corpus_path("rfc4475/dblreq.dat"));
  const auto first = frame(dbl);
  REQUIRE(first.status == FrameStatus::Complete);
  CHECK(first.length == 300);
  const auto second = parse(std::string_view(dbl).substr(first.length), ParseMode::Datagram);
  REQUIRE(second.ok());
  CHECK(second->method() == "INVITE");
}
