#!/usr/bin/env python3
"""baresip answers an MT call on `accept` and hangs up on `hangup`.

SIPp (sipp/ss_mt_call.xml) plays the P-CSCF and the caller: INVITE with Record-Route;
baresip (answermode=manual) answers 180 and reports CALL_INCOMING; `accept` makes it
answer 200 with SDP; ACK; `hangup` makes it send BYE to the caller's Contact through the
route set. (The REFER test covers answermode=auto.)"""
import sys

from harness import check, main


def test(t):
    p = t.ports
    ue = t.start_baresip(aor="sip:user2_public1@home2.net", proxy=f"127.0.0.1:{p.sipp}",
                         auto_answer=False)
    sipp = t.start_sipp("ss_mt_call.xml", f"127.0.0.1:{p.ue_sip}", p.sipp, p.media,
                        keys={"ue_user": "user2_public1", "ue_domain": "home2.net"})
    incoming = ue.ctrl.wait_event({"class": "call", "type": "CALL_INCOMING"}, 10)
    check(incoming.get("direction") == "incoming", f"not an incoming call: {incoming}")
    check(incoming.get("id", "").endswith("@127.0.0.1"), "the call id is not SIPp's Call-ID")
    ue.command("accept")
    established = ue.ctrl.wait_event({"class": "call", "type": "CALL_ESTABLISHED"}, 10)
    check(established.get("id") == incoming.get("id"), "another call was established")
    ue.command("hangup")
    closed = ue.ctrl.wait_event({"class": "call", "type": "CALL_CLOSED"}, 10)
    check(closed.get("id") == established.get("id"), "another call was closed")
    t.wait_sipp(sipp, 10)
    check(ue.stop() == 0, "baresip did not exit cleanly on quit")


if __name__ == "__main__":
    sys.exit(main(test, __doc__.splitlines()[0]))
