// Dialogs as UAS and UAC: route sets, tags, CSeq rules, target refresh, in-dialog
// requests, several dialogs at once, subscriptions.
#include <doctest/doctest.h>

#include "dialog/dialog.h"
#include "msg/msg.h"
#include "template/template.h"
#include "support/samples.h"

using namespace scn::sip;
using scn_test::crlf;
using scn_test::parse_ok;

namespace {

Message respond(const Message& request, int status, std::string_view extra = {},
                std::string_view tag = "ss-tag") {
  IdGenerator ids(1);
  BuildContext ctx;
  ctx.ids = &ids;
  ctx.request = &request;
  ctx.local_tag = std::string(tag);
  ctx.contact = "<sip:ss@127.0.0.1:5060>";
  SendTemplate t = SendTemplate::response(status);
  if (!extra.empty()) t.set("Record-Route", std::string(extra));
  auto text = build(t, ctx);
  REQUIRE_MESSAGE(text.ok(), text.reason());
  return parse_ok(text.value());
}

Dialog uas_dialog(const Message& request, const Message& response) {
  auto d = Dialog::create_uas(request, response);
  REQUIRE_MESSAGE(d.ok(), d.reason());
  return d.value();
}

// A request from the UE inside the dialog made by ue_invite().
Message ue_request(std::string_view method, int cseq, std::string_view extra = {}) {
  std::string text = std::string(method) + " sip:ss@127.0.0.1:5060 SIP/2.0\n" +
                     "Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bKin" + std::to_string(cseq) +
                     "\nFrom: \"Alice\" <sip:alice@home1.net>;tag=ue-tag-1\n" +
                     "To: <sip:mmtel@conf-factory.home1.net>;tag=ss-tag\n" +
                     "Call-ID: call-1@127.0.0.1\nCSeq: " + std::to_string(cseq) + " " +
                     std::string(method) + "\n" + std::string(extra) + "Content-Length: 0\n\n";
  return parse_ok(crlf(text));
}

// The SS's MT INVITE and the UE's answers to it.
Message ss_invite() {
  return parse_ok(crlf(R"(INVITE sip:alice@127.0.0.1:5061 SIP/2.0
Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKss1
Max-Forwards: 70
Record-Route: <sip:127.0.0.1:5060;lr>, <sip:term@scscf1.3gpp.org;lr>
From: <sip:caller@3gpp.org>;tag=ss-from
To: <sip:alice@home1.net>
Call-ID: mt-1@127.0.0.1
CSeq: 4711 INVITE
Contact: <sip:caller@127.0.0.1:5060>
Content-Length: 0

)"));
}

Message ue_answer(int status, std::string_view contact, std::string_view rr) {
  std::string text = "SIP/2.0 " + std::to_string(status) + " " +
                     std::string(default_reason(status)) +
                     "\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKss1\n" +
                     "Record-Route: " + std::string(rr) +
                     "\nFrom: <sip:caller@3gpp.org>;tag=ss-from\n" +
                     "To: <sip:alice@home1.net>;tag=ue-to\n" + "Call-ID: mt-1@127.0.0.1\n" +
                     "CSeq: 4711 INVITE\nContact: " + std::string(contact) +
                     "\nContent-Length: 0\n\n";
  return parse_ok(crlf(text));
}

}  // namespace

TEST_CASE("UAS dialog: route set from Record-Route in order with tags and remote target and CSeq") {
  const Message invite = parse_ok(scn_test::ue_invite());
  const Message ringing = respond(invite, 180);
  Dialog d = uas_dialog(invite, ringing);
  CHECK(d.role() == DialogRole::Uas);
  CHECK(d.state() == DialogState::Early);
  CHECK(d.call_id() == "call-1@127.0.0.1");
  CHECK(d.local_tag() == "ss-tag");
  CHECK(d.remote_tag() == "ue-tag-1");
  CHECK(d.remote_uri() == "\"Alice\" <sip:alice@home1.net>");
  CHECK(d.local_uri() == "<sip:mmtel@conf-factory.home1.net>");
  CHECK(d.remote_target() == "sip:alice@127.0.0.1:5061");
  CHECK(d.route_set() == std::vector<std::string>{"<sip:p1.home1.net;lr>", "<sip:p2.home1.net;lr>",
                                                  "<sip:p3.home1.net;lr>"});
  CHECK(d.remote_cseq() == 5u);
  CHECK(d.local_cseq() == 0u);
  CHECK_FALSE(d.secure());
  CHECK(d.method() == "INVITE");

  d.on_local_response(respond(invite, 200));
  CHECK(d.state() == DialogState::Confirmed);

  const DialogRequestFields bye = d.request_fields("BYE");
  CHECK(bye.request_uri == "sip:alice@127.0.0.1:5061");
  REQUIRE(bye.fields.size() == 7);
  CHECK(bye.fields[0].name == "Route");
  CHECK(bye.fields[0].value == "<sip:p1.home1.net;lr>");
  CHECK(bye.fields[2].value == "<sip:p3.home1.net;lr>");
  CHECK(bye.fields[3].value == "<sip:mmtel@conf-factory.home1.net>;tag=ss-tag");
  CHECK(bye.fields[4].value == "\"Alice\" <sip:alice@home1.net>;tag=ue-tag-1");
  CHECK(bye.fields[5].value == "call-1@127.0.0.1");
  CHECK(bye.fields[6].value == "1 BYE");
  CHECK(d.local_cseq() == 1u);
}

TEST_CASE("UAC dialog: route set reversed then recomputed from the 2xx with ACK and BYE CSeq") {
  const Message invite = ss_invite();
  const Message ringing = ue_answer(180, "<sip:alice@127.0.0.1:5061>",
                                    "<sip:127.0.0.1:5060;lr>, <sip:term@scscf1.3gpp.org;lr>");
  auto created = Dialog::create_uac(invite, ringing);
  REQUIRE_MESSAGE(created.ok(), created.reason());
  Dialog d = created.value();
  CHECK(d.role() == DialogRole::Uac);
  CHECK(d.state() == DialogState::Early);
  CHECK(d.local_tag() == "ss-from");
  CHECK(d.remote_tag() == "ue-to");
  CHECK(d.route_set() ==
        std::vector<std::string>{"<sip:term@scscf1.3gpp.org;lr>", "<sip:127.0.0.1:5060;lr>"});
  CHECK(d.local_cseq() == 4711u);
  CHECK_FALSE(d.remote_cseq().has_value());

  const Message ok = ue_answer(200, "<sip:alice@127.0.0.1:5062>",
                               "<sip:a.net;lr>, <sip:b.net;lr>, <sip:c.net;lr>");
  const DialogOutcome outcome = d.on_response(ok);
  CHECK(outcome.ok());
  CHECK(outcome->target_refreshed);
  CHECK(d.state() == DialogState::Confirmed);
  CHECK(d.remote_target() == "sip:alice@127.0.0.1:5062");
  CHECK(d.route_set() ==
        std::vector<std::string>{"<sip:c.net;lr>", "<sip:b.net;lr>", "<sip:a.net;lr>"});

  CHECK(d.next_local_cseq("ACK") == 4711u);
  const DialogRequestFields bye = d.request_fields("BYE");
  CHECK(bye.fields.back().value == "4712 BYE");
  CHECK(bye.fields[0].value == "<sip:c.net;lr>");
  CHECK(bye.request_uri == "sip:alice@127.0.0.1:5062");
}

TEST_CASE("remote CSeq must not go backwards (RFC 3261 12.2.2)") {
  const Message invite = parse_ok(scn_test::ue_invite());
  Dialog d = uas_dialog(invite, respond(invite, 200));
  CHECK(d.on_remote_request(ue_request("ACK", 5)).ok());  // ACK reuses the INVITE's number
  const DialogOutcome info = d.on_remote_request(ue_request("INFO", 6));
  CHECK(info.ok());
  CHECK(d.remote_cseq() == 6u);

  const DialogOutcome late = d.on_remote_request(ue_request("UPDATE", 4));
  CHECK_FALSE(late.ok());
  CHECK(late.reason().find("CSeq 4 UPDATE is lower than the last CSeq 6") != std::string::npos);
  CHECK(d.remote_cseq() == 6u);  // unchanged by the rejected request

  const DialogOutcome reinvite =
      d.on_remote_request(ue_request("INVITE", 7, "Contact: <sip:alice@10.1.1.1:5061>\n"));
  CHECK(reinvite.ok());
  CHECK(reinvite->target_refreshed);
  CHECK(d.remote_target() == "sip:alice@10.1.1.1:5061");

  const DialogOutcome same =
      d.on_remote_request(ue_request("UPDATE", 8, "Contact: <sip:alice@10.1.1.1:5061>\n"));
  CHECK_FALSE(same->target_refreshed);

  CHECK(d.on_remote_request(ue_request("BYE", 9)).ok());
  CHECK(d.state() == DialogState::Terminated);
}

TEST_CASE("ACK and CANCEL stay outside the remote CSeq order after PRACK and UPDATE") {
  const Message invite = parse_ok(scn_test::ue_invite());  // CSeq 5 INVITE
  Dialog d = uas_dialog(invite, respond(invite, 183));
  CHECK(d.on_remote_request(ue_request("PRACK", 6)).ok());
  CHECK(d.on_remote_request(ue_request("UPDATE", 7)).ok());

  const DialogOutcome cancel = d.on_remote_request(ue_request("CANCEL", 5));
  CHECK_MESSAGE(cancel.ok(), cancel.reason());
  const DialogOutcome ack = d.on_remote_request(ue_request("ACK", 5));
  CHECK_MESSAGE(ack.ok(), ack.reason());
  CHECK(d.remote_cseq() == 7u);  // neither moves the remote CSeq back

  const DialogOutcome late = d.on_remote_request(ue_request("INFO", 6));
  CHECK_FALSE(late.ok());  // the order still holds for every other method
  CHECK(d.on_remote_request(ue_request("INFO", 8)).ok());
}

TEST_CASE("a strict first route becomes the Request-URI") {
  const Message invite = parse_ok(crlf(R"(INVITE sip:ss@127.0.0.1 SIP/2.0
Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK9
Record-Route: <sip:strict.home1.net>, <sip:loose.home1.net;lr>
From: <sip:alice@home1.net>;tag=a
To: <sip:ss@home1.net>
Call-ID: s1
CSeq: 1 INVITE
Contact: <sip:alice@127.0.0.1:5061>
Content-Length: 0

)"));
  Dialog d = uas_dialog(invite, respond(invite, 200));
  const DialogRequestFields f = d.request_fields("BYE");
  CHECK(f.request_uri == "sip:strict.home1.net");
  CHECK(f.fields[0].value == "<sip:loose.home1.net;lr>");
  CHECK(f.fields[1].value == "<sip:alice@127.0.0.1:5061>");
}

TEST_CASE("dialog creation errors are values") {
  const Message invite = parse_ok(scn_test::ue_invite());
  CHECK_FALSE(Dialog::create_uas(invite, respond(invite, 100)).ok());
  CHECK_FALSE(Dialog::create_uas(invite, respond(invite, 486)).ok());
  CHECK_FALSE(Dialog::create_uas(invite, invite).ok());

  const Message no_tag = ue_answer(180, "<sip:a@b>", "<sip:x;lr>");
  const std::string text = std::string(no_tag.raw());
  const Message untagged = parse_ok(text.substr(0, text.find(";tag=ue-to")) +
                                    text.substr(text.find(";tag=ue-to") + 10));
  auto uac = Dialog::create_uac(ss_invite(), untagged);
  CHECK_FALSE(uac.ok());
  CHECK(uac.reason().find("To tag") != std::string::npos);

  const Message no_contact = ue_answer(200, "*", "<sip:x;lr>");
  CHECK_FALSE(Dialog::create_uac(ss_invite(), no_contact).ok());
}

TEST_CASE("UAC early dialog ends on a final error to the INVITE and 481 ends any dialog") {
  const Message ringing = ue_answer(180, "<sip:alice@127.0.0.1:5061>", "<sip:x;lr>");
  auto d = Dialog::create_uac(ss_invite(), ringing);
  REQUIRE(d.ok());
  CHECK(d.value().on_response(ue_answer(486, "<sip:alice@127.0.0.1:5061>", "<sip:x;lr>")).ok());
  CHECK(d.value().state() == DialogState::Terminated);

  auto d2 = Dialog::create_uac(ss_invite(), ue_answer(200, "<sip:a@127.0.0.1>", "<sip:x;lr>"));
  REQUIRE(d2.ok());
  CHECK(d2.value().state() == DialogState::Confirmed);
  CHECK(d2.value().on_response(ue_answer(481, "<sip:a@127.0.0.1>", "<sip:x;lr>")).ok());
  CHECK(d2.value().state() == DialogState::Terminated);
}

TEST_CASE("DialogSet: several dialogs with lookup by Call-ID and tags and names and subscriptions") {
  DialogSet set;
  const Message invite = parse_ok(scn_test::ue_invite());
  Dialog& call = set.add(uas_dialog(invite, respond(invite, 200)), "focus");

  const Message subscribe = parse_ok(crlf(R"(SUBSCRIBE sip:final@conf-factory.home1.net SIP/2.0
Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bKs1
From: <sip:alice@home1.net>;tag=ue-sub
To: <sip:final@conf-factory.home1.net>
Call-ID: sub-1@127.0.0.1
CSeq: 1 SUBSCRIBE
Contact: <sip:alice@127.0.0.1:5061>
Event: conference
Expires: 600
Content-Length: 0

)"));
  CHECK_FALSE(set.subscribed("conference"));
  CHECK(set.find(subscribe) == nullptr);  // no To tag yet: a new dialog
  Dialog& sub = set.add(uas_dialog(subscribe, respond(subscribe, 200, {}, "ss-sub")));
  set.name(sub, "sub");
  CHECK(set.size() == 2);
  CHECK(set.subscribed("conference"));
  CHECK(set.subscribed("Conference"));
  CHECK_FALSE(set.subscribed("reg"));

  CHECK(set.named("focus") == &call);
  CHECK(set.named("sub") == &sub);
  CHECK(set.named("") == &call);  // the implicit dialog
  CHECK(set.named("other") == nullptr);

  CHECK(set.find(ue_request("INFO", 6)) == &call);
  CHECK(set.find("sub-1@127.0.0.1", "ss-sub", "ue-sub") == &sub);
  CHECK(set.find("sub-1@127.0.0.1", "ss-sub", "other") == nullptr);
  CHECK(set.find("call-1@127.0.0.1", "ss-sub", "ue-tag-1") == nullptr);

  // A response from the UE to an SS NOTIFY: From carries our tag, To the UE's.
  const Message notify_ok = parse_ok(crlf(R"(SIP/2.0 200 OK
Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKn1
From: <sip:final@conf-factory.home1.net>;tag=ss-sub
To: <sip:alice@home1.net>;tag=ue-sub
Call-ID: sub-1@127.0.0.1
CSeq: 1 NOTIFY
Content-Length: 0

)"));
  CHECK(set.find(notify_ok) == &sub);

  // Names move: the newest holder answers to it.
  set.name(sub, "focus");
  CHECK(set.named("focus") == &sub);
  CHECK(call.name().empty());

  // The SS ends the subscription with a NOTIFY "terminated".
  const Message final_notify = parse_ok(crlf(R"(NOTIFY sip:alice@127.0.0.1:5061 SIP/2.0
Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKn2
From: <sip:final@conf-factory.home1.net>;tag=ss-sub
To: <sip:alice@home1.net>;tag=ue-sub
Call-ID: sub-1@127.0.0.1
CSeq: 2 NOTIFY
Event: conference
Subscription-State: terminated;reason=timeout
Content-Length: 0

)"));
  sub.on_local_request(final_notify);
  CHECK(sub.local_cseq() == 2u);
  CHECK_FALSE(set.subscribed("conference"));
}

TEST_CASE("REFER creates an implicit refer subscription with the REFER's CSeq as id") {
  const Message invite = parse_ok(scn_test::ue_invite());
  Dialog d = uas_dialog(invite, respond(invite, 200));
  CHECK(d.on_remote_request(ue_request("REFER", 6, "Refer-To: <sip:bob@home1.net>\n")).ok());
  const Subscription* refer = d.subscription("refer");
  REQUIRE(refer != nullptr);
  CHECK(refer->id == "6");
  CHECK(refer->implicit);
  CHECK_FALSE(refer->ours);  // the peer subscribed: ours to notify
  CHECK(d.subscription("refer", "7") == nullptr);

  CHECK(d.on_remote_request(
             ue_request("REFER", 7, "Refer-To: <sip:carol@home1.net>\nRefer-Sub: false\n"))
            .ok());
  CHECK(d.subscription("refer", "7") == nullptr);

  // An in-dialog SUBSCRIBE with Expires: 0 unsubscribes.
  CHECK(d.on_remote_request(ue_request("SUBSCRIBE", 8, "Event: conference\nExpires: 600\n")).ok());
  CHECK(d.subscribed("conference"));
  CHECK(d.on_remote_request(ue_request("SUBSCRIBE", 9, "Event: conference\nExpires: 0\n")).ok());
  CHECK_FALSE(d.subscribed("conference"));

  // A SUBSCRIBE this end sends (a played UE): the subscription is ours to end.
  d.on_local_request(ue_request("SUBSCRIBE", 10, "Event: conference\nExpires: 600\n"));
  REQUIRE(d.subscription("conference") != nullptr);
  CHECK(d.subscription("conference")->ours);
}

TEST_CASE("dialog states have names") {
  CHECK(to_string(DialogState::Early) == "early");
  CHECK(to_string(DialogState::Confirmed) == "confirmed");
  CHECK(to_string(DialogState::Terminated) == "terminated");
}
