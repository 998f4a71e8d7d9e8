#!/usr/bin/env python3
"""linphone_ue answers an MT call on `accept` and hangs up on `hangup`.

SIPp (sipp/ss_mt_call.xml) plays the P-CSCF and the caller: INVITE with Record-Route;
CALL_INCOMING, then `accept` makes liblinphone answer 200 with SDP; ACK; `hangup` makes
it send BYE to the caller's Contact through the route set. No registration."""
import sys

from harness import check, main


def test(t):
    p = t.ports
    ue = t.start_linphone(t.args.linphone_ue, identity="sip:user2_public1@home2.net",
                          proxy=f"127.0.0.1:{p.sipp}")
    sipp = t.start_sipp("ss_mt_call.xml", f"127.0.0.1:{p.ue_sip}", p.sipp, p.media,
                        keys={"ue_user": "user2_public1", "ue_domain": "home2.net"})
    incoming = ue.ctrl.wait_event({"class": "call", "type": "CALL_INCOMING"}, 10)
    check(incoming.get("direction") == "incoming", f"not an incoming call: {incoming}")
    check(incoming.get("id", "").endswith("@127.0.0.1"), "the call id is not SIPp's Call-ID")
    ue.command("accept")
    established = ue.ctrl.wait_event({"class": "call", "type": "CALL_ESTABLISHED"}, 10)
    check(established.get("id") == incoming.get("id"), "another call was established")
    ue.ctrl.wait_event({"class": "call", "state": "StreamsRunning"}, 10)
    ue.command("hangup")
    ue.ctrl.wait_event({"class": "call", "type": "CALL_CLOSED", "id": incoming.get("id")}, 10)
    t.wait_sipp(sipp, 10)
    check(ue.stop() == 0, "linphone_ue did not exit cleanly on quit")


if __name__ == "__main__":
    sys.exit(main(test, __doc__.splitlines()[0]))
