// Building SS messages from templates: fills, overrides, dialogs, errors.
#include <doctest/doctest.h>

#include <set>

#include "dialog/dialog.h"
#include "msg/msg.h"
#include "template/template.h"
#include "support/samples.h"

using namespace scn::sip;
using scn_test::crlf;
using scn_test::parse_ok;

namespace {

std::vector<std::string> values(const Message& m, std::string_view path_text) {
  auto p = parse_path(path_text);
  REQUIRE(p.ok());
  return resolve(m, p.value()).values;
}

std::string one(const Message& m, std::string_view path_text) {
  const auto v = values(m, path_text);
  REQUIRE_MESSAGE(v.size() == 1, path_text << " has " << v.size() << " values");
  return v.front();
}

Message build_ok(const SendTemplate& t, BuildContext& ctx, std::span<const SendRow> overrides = {}) {
  auto text = build(t, overrides, ctx);
  REQUIRE_MESSAGE(text.ok(), text.reason());
  return parse_ok(text.value());
}

const std::string kSdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n";

std::string ue_subscribe() {
  return crlf(R"(SUBSCRIBE sip:final@conf-factory.home1.net SIP/2.0
Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bKsub1
Max-Forwards: 70
Record-Route: <sip:rr1.home1.net;lr>, <sip:rr2.home1.net;lr>
From: <sip:alice@home1.net>;tag=ue-sub-tag
To: <sip:final@conf-factory.home1.net>
Call-ID: sub-1@127.0.0.1
CSeq: 20 SUBSCRIBE
Contact: <sip:alice@127.0.0.1:5061;transport=udp>
Event: conference
Expires: 600
Content-Length: 0

)");
}

}  // namespace

TEST_CASE("a 183 with 100rel built from an INVITE copies Via and adds a To tag and computes Content-Length") {
  const Message invite = parse_ok(scn_test::ue_invite());
  IdGenerator ids(7);
  BuildContext ctx;
  ctx.ids = &ids;
  ctx.request = &invite;
  ctx.contact = "<sip:ss@127.0.0.1:5060>";
  SendTemplate t = SendTemplate::response(183);
  t.set("Require", "100rel").set("RSeq", "1");
  t.set("Record-Route", "<sip:orig@scscf.3gpp.org;lr>, <sip:127.0.0.1:5060;lr>");
  t.with_body(kSdp);

  const Message m = build_ok(t, ctx);
  CHECK(m.status_code() == 183);
  CHECK(m.reason() == "Session Progress");
  CHECK(values(m, "Via") == values(invite, "Via"));  // all of them, in order
  CHECK(values(m, "Via").size() == 2);
  CHECK(one(m, "From") == one(invite, "From"));
  CHECK(one(m, "To.addr-spec") == "sip:mmtel@conf-factory.home1.net");
  const std::string tag = one(m, "To.tag");
  CHECK_FALSE(tag.empty());
  CHECK(one(m, "Call-ID") == "call-1@127.0.0.1");
  CHECK(one(m, "CSeq") == "5 INVITE");
  CHECK(one(m, "Require") == "100rel");
  CHECK(one(m, "RSeq") == "1");
  CHECK(one(m, "Content-Length") == std::to_string(kSdp.size()));
  CHECK(m.body() == kSdp);
  CHECK(one(m, "Content-Type") == "application/sdp");
  CHECK(one(m, "Contact") == "<sip:ss@127.0.0.1:5060>");
  CHECK(values(m, "Record-Route").size() == 2);
  CHECK_FALSE(m.has("Max-Forwards"));  // responses carry none

  // The dialog made from this 183 keeps the tag: the 200 OK carries the same one.
  auto dialog = Dialog::create_uas(invite, m);
  REQUIRE_MESSAGE(dialog.ok(), dialog.reason());
  ctx.dialog = &dialog.value();
  const Message ok = build_ok(SendTemplate::response(200), ctx);
  CHECK(one(ok, "To.tag") == tag);
  CHECK(one(ok, "Content-Length") == "0");
  CHECK_FALSE(ok.has("Content-Type"));
}

TEST_CASE("response fills: a To tag already there stays and 100 Trying gets none and a fixed tag is used") {
  const Message invite = parse_ok(scn_test::ue_invite());
  IdGenerator ids(1);
  BuildContext ctx;
  ctx.ids = &ids;
  ctx.request = &invite;
  const Message trying = build_ok(SendTemplate::response(100), ctx);
  CHECK(values(trying, "To.tag").empty());
  CHECK(trying.reason() == "Trying");

  ctx.local_tag = "common-invite-tag";
  const Message ringing = build_ok(SendTemplate::response(180), ctx);
  CHECK(one(ringing, "To.tag") == "common-invite-tag");

  SendTemplate t = SendTemplate::response(486, "Busy Here Now");
  t.set("To.tag", "chosen");
  const Message busy = build_ok(t, ctx);
  CHECK(one(busy, "To.tag") == "chosen");
  CHECK(busy.reason() == "Busy Here Now");
}

TEST_CASE("a NOTIFY in a UAS dialog has the dialog's Request-URI and Route and tags and CSeq") {
  const Message subscribe = parse_ok(ue_subscribe());
  IdGenerator ids(11);
  BuildContext ctx;
  ctx.ids = &ids;
  ctx.request = &subscribe;
  ctx.contact = "<sip:final@127.0.0.1:5060>;isfocus";
  SendTemplate ok_tmpl = SendTemplate::response(200);
  ok_tmpl.set("Expires", "600");
  const Message ok = build_ok(ok_tmpl, ctx);
  auto created = Dialog::create_uas(subscribe, ok);
  REQUIRE_MESSAGE(created.ok(), created.reason());
  Dialog dialog = created.value();

  BuildContext in_dialog;
  in_dialog.ids = &ids;
  in_dialog.dialog = &dialog;
  in_dialog.contact = ctx.contact;
  SendTemplate notify = SendTemplate::request("NOTIFY");
  notify.set("Event", "conference").set("Subscription-State", "active;expires=600");
  notify.with_body("<?xml version=\"1.0\"?><conference-info entity=\"x\"/>");

  const Message n1 = build_ok(notify, in_dialog);
  CHECK(n1.method() == "NOTIFY");
  CHECK(n1.request_uri() == "sip:alice@127.0.0.1:5061;transport=udp");
  CHECK(values(n1, "Route") ==
        std::vector<std::string>{"<sip:rr1.home1.net;lr>", "<sip:rr2.home1.net;lr>"});
  CHECK(one(n1, "From.addr-spec") == "sip:final@conf-factory.home1.net");
  CHECK(one(n1, "From.tag") == one(ok, "To.tag"));
  CHECK(one(n1, "To.addr-spec") == "sip:alice@home1.net");
  CHECK(one(n1, "To.tag") == "ue-sub-tag");
  CHECK(one(n1, "Call-ID") == "sub-1@127.0.0.1");
  CHECK(one(n1, "CSeq") == "1 NOTIFY");
  CHECK(one(n1, "Max-Forwards") == "70");
  CHECK(one(n1, "Via.sent-by") == "127.0.0.1:5060");
  CHECK(one(n1, "Via.transport") == "UDP");
  CHECK(one(n1, "Via.branch").starts_with("z9hG4bK"));
  CHECK(one(n1, "Contact.addr-spec") == "sip:final@127.0.0.1:5060");
  CHECK(one(n1, "Content-Type") == "application/conference-info+xml");
  CHECK(one(n1, "Content-Length") == std::to_string(n1.body().size()));
  CHECK(one(n1, "Subscription-State.expires") == "600");

  const Message n2 = build_ok(notify, in_dialog);
  CHECK(one(n2, "CSeq") == "2 NOTIFY");
  CHECK(one(n2, "Via.branch") != one(n1, "Via.branch"));

  SendTemplate bye = SendTemplate::request("BYE");
  const Message b = build_ok(bye, in_dialog);
  CHECK(one(b, "CSeq") == "3 BYE");
  CHECK_FALSE(b.has("Contact"));
}

TEST_CASE("overrides replace and set params and keep params around a new addr-spec and remove and append") {
  const Message invite = parse_ok(scn_test::ue_invite());
  IdGenerator ids(3);
  BuildContext ctx;
  ctx.ids = &ids;
  ctx.request = &invite;
  SendTemplate t = SendTemplate::response(200);
  t.set("Contact", "<sip:temporary@conf-factory.home1.net>;expires=300;+g.3gpp.icsi-ref=\"x\"");
  t.set("Supported", "100rel");
  t.set("Require", "precondition");
  t.set("Record-Route", "<sip:a.home1.net;lr>, <sip:b.home1.net;lr>");
  t.set("Subject", "template subject");

  const std::vector<SendRow> overrides{
      {Path::header_part("Contact", PathPart::AddrSpec), SendValue::of("sip:final@conf-factory.home1.net")},
      {Path::header_param("Contact", "isfocus"), SendValue::present()},
      {Path::header_value("Require"), SendValue::absent()},
      {Path::header_value("Supported"), SendValue::append("timer")},
      {Path::header_value("Record-Route", 2), SendValue::of("<sip:c.home1.net;lr>")},
      {Path::header_value("Subject"), SendValue::of("override subject")},
      {Path::header_part("From", PathPart::DisplayName), SendValue::of("Alice Smith")},
  };
  const Message m = build_ok(t, ctx, overrides);
  CHECK(one(m, "Contact.addr-spec") == "sip:final@conf-factory.home1.net");
  CHECK(one(m, "Contact.expires") == "300");
  CHECK(one(m, "Contact.+g.3gpp.icsi-ref") == "x");
  CHECK(values(m, "Contact.isfocus") == std::vector<std::string>{""});
  CHECK_FALSE(m.has("Require"));
  CHECK(values(m, "Supported") == std::vector<std::string>{"100rel", "timer"});
  CHECK(values(m, "Record-Route") ==
        std::vector<std::string>{"<sip:a.home1.net;lr>", "<sip:c.home1.net;lr>"});
  CHECK(one(m, "Subject") == "override subject");
  CHECK(one(m, "From.display-name") == "Alice Smith");
  CHECK(one(m, "From.tag") == "ue-tag-1");  // params kept around the edit
}

TEST_CASE("request rows: Request-URI parts and CSeq and Via parts and explicit branch and tags") {
  IdGenerator ids(5);
  BuildContext ctx;
  ctx.ids = &ids;
  ctx.local_host = "::1";
  ctx.local_port = 5070;
  ctx.transport = "TCP";
  SendTemplate t = SendTemplate::request("MESSAGE", "sip:alice@home1.net;transport=udp");
  t.set("From", "<sip:ss@home1.net>").set("To", "<sip:alice@home1.net>");
  t.set("Request-URI.user", "bob").set("Request-URI.transport", SendValue::absent());
  t.set("Request-URI.port", "5062");
  t.set("CSeq.seq", "4711");
  t.with_body("hello");
  const Message m = build_ok(t, ctx);
  CHECK(m.request_uri() == "sip:bob@home1.net:5062");
  CHECK(one(m, "CSeq") == "4711 MESSAGE");
  CHECK(one(m, "Via.sent-by") == "[::1]:5070");
  CHECK(one(m, "Via.transport") == "TCP");
  CHECK(one(m, "Call-ID").ends_with("@::1"));
  CHECK_FALSE(one(m, "From.tag").empty());
  CHECK(values(m, "To.tag").empty());  // out of dialog: no remote tag to add
  CHECK(one(m, "Content-Type") == "text/plain");
  CHECK(one(m, "Content-Length") == "5");

  SendTemplate fixed = t;
  fixed.set("Via.branch", "z9hG4bKmine").set("From.tag", SendValue::absent());
  fixed.set("Via[2]", "SIP/2.0/UDP scscf.3gpp.org");
  const Message f = build_ok(fixed, ctx);
  CHECK(one(f, "Via.branch") == "z9hG4bKmine");
  CHECK(values(f, "From.tag").empty());
  CHECK(values(f, "Via").size() == 2);
  CHECK(one(f, "Via[2].sent-by") == "scscf.3gpp.org");
  CHECK(one(f, "Via[2].branch").starts_with("z9hG4bK"));  // filled: the row set no branch there
}

TEST_CASE("fill flags: no Content-Length recomputation and no Max-Forwards and no Via") {
  IdGenerator ids(9);
  BuildContext ctx;
  ctx.ids = &ids;
  SendTemplate t = SendTemplate::request("OPTIONS", "sip:alice@home1.net");
  t.set("From", "<sip:ss@home1.net>;tag=1").set("To", "<sip:alice@home1.net>");
  t.set("Content-Length", "999");
  t.fill.content_length = false;
  t.fill.max_forwards = false;
  t.fill.via = false;
  auto text = build(t, ctx);
  REQUIRE(text.ok());
  CHECK(text.value().find("Content-Length: 999\r\n") != std::string::npos);
  CHECK(text.value().find("Max-Forwards") == std::string::npos);
  CHECK(text.value().find("Via") == std::string::npos);
}

TEST_CASE("identifiers: unique branches and deterministic with a seed") {
  IdGenerator ids(123);
  std::set<std::string> branches;
  for (int i = 0; i < 200; ++i) branches.insert(ids.branch());
  CHECK(branches.size() == 200);
  for (const std::string& b : branches) CHECK(b.starts_with("z9hG4bK"));

  IdGenerator a(99), b(99), c(100);
  CHECK(a.tag() == b.tag());
  CHECK(a.call_id("h") == b.call_id("h"));
  CHECK(IdGenerator(99).branch() != c.branch());
}

TEST_CASE("build errors come back as reasons") {
  IdGenerator ids(1);
  BuildContext ctx;
  ctx.ids = &ids;
  auto no_request = build(SendTemplate::response(200), ctx);
  CHECK_FALSE(no_request.ok());
  CHECK(no_request.reason().find("request") != std::string::npos);

  SendTemplate no_header = SendTemplate::request("NOTIFY", "sip:a@b");
  no_header.set("Event.id", "3");
  auto missing = build(no_header, ctx);
  CHECK_FALSE(missing.ok());
  CHECK(missing.reason().find("Event.id") != std::string::npos);

  SendTemplate bad_path = SendTemplate::request("NOTIFY", "sip:a@b");
  bad_path.set("Via[0]", "x");
  CHECK_FALSE(build(bad_path, ctx).ok());

  auto no_uri = build(SendTemplate::request("BYE"), ctx);
  CHECK_FALSE(no_uri.ok());
  CHECK(no_uri.reason().find("Request-URI") != std::string::npos);

  BuildContext no_ids;
  CHECK_FALSE(build(SendTemplate::request("BYE", "sip:a@b"), no_ids).ok());

  SendTemplate bad_port = SendTemplate::request("BYE", "sip:a@b");
  bad_port.set("Request-URI.port", "99999");
  CHECK_FALSE(build(bad_port, ctx).ok());
}

TEST_CASE("guess_content_type recognises the bodies the SS sends") {
  CHECK(guess_content_type("v=0\r\n") == "application/sdp");
  CHECK(guess_content_type("SIP/2.0 200 OK") == "message/sipfrag;version=2.0");
  CHECK(guess_content_type("<?xml version='1.0'?><reginfo/>") == "application/reginfo+xml");
  CHECK(guess_content_type("<foo/>") == "application/xml");
  CHECK(guess_content_type("hi") == "text/plain");
}

TEST_CASE("RAck rows edit the RAck value and CSeq rows the CSeq value") {
  IdGenerator ids(9);
  BuildContext ctx;
  ctx.ids = &ids;
  SendTemplate t = SendTemplate::request("PRACK", "sip:ue@127.0.0.1:5070");
  t.set("From", "<sip:ss@home1.net>").set("To", "<sip:ue@home1.net>");
  t.set("RAck", "1 1 INVITE").set("RAck.rseq", "7").set("RAck.cseq", "3");
  t.set("RAck.method", "UPDATE").set("CSeq.seq", "8");
  const Message m = build_ok(t, ctx);
  CHECK(one(m, "RAck") == "7 3 UPDATE");
  CHECK(one(m, "CSeq") == "8 PRACK");
}

TEST_CASE("auth-params of a challenge are read, replaced and added comma-separated (RFC 3261 25.1)") {
  const Message invite = parse_ok(scn_test::ue_invite());
  IdGenerator ids(7);
  BuildContext ctx;
  ctx.ids = &ids;
  ctx.request = &invite;
  SendTemplate t = SendTemplate::response(401);
  t.set("WWW-Authenticate", "Digest realm=\"home1.net\", nonce=\"abc\", algorithm=MD5, qop=\"auth\"");
  t.set("WWW-Authenticate.realm", "other.net");
  t.set("WWW-Authenticate.opaque", "5ccc");
  t.set("WWW-Authenticate.stale", "TRUE");
  const Message m = build_ok(t, ctx);
  CHECK(one(m, "WWW-Authenticate") ==
        "Digest realm=\"other.net\", nonce=\"abc\", algorithm=MD5, qop=\"auth\", "
        "opaque=\"5ccc\", stale=TRUE");
  CHECK(one(m, "WWW-Authenticate.nonce") == "abc");
  CHECK(one(m, "WWW-Authenticate.algorithm") == "MD5");
  CHECK(values(m, "WWW-Authenticate.domain").empty());
}
