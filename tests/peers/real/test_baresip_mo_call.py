#!/usr/bin/env python3
"""baresip dials through its outbound proxy and ends the call on the network's BYE.

SIPp (sipp/ss_mo_call.xml) is the outbound proxy and the called user: `dial` makes
baresip send INVITE with our address as Route; 180, 200, ACK; SIPp's BYE closes the call."""
import sys

from harness import check, main


def test(t):
    p = t.ports
    ue = t.start_baresip(aor="sip:user2_public1@home2.net", proxy=f"127.0.0.1:{p.sipp}")
    sipp = t.start_sipp("ss_mo_call.xml", f"127.0.0.1:{p.ue_sip}", p.sipp, p.media)
    ue.command("dial", "sip:user1_public1@home1.net")
    ringing = ue.ctrl.wait_event({"class": "call", "type": "CALL_RINGING"}, 10)
    check(ringing.get("direction") == "outgoing", f"not an outgoing call: {ringing}")
    established = ue.ctrl.wait_event({"class": "call", "type": "CALL_ESTABLISHED"}, 10)
    closed = ue.ctrl.wait_event({"class": "call", "type": "CALL_CLOSED"}, 10)
    check(closed.get("id") == established.get("id"), "another call was closed")
    t.wait_sipp(sipp, 10)
    check(ue.stop() == 0, "baresip did not exit cleanly on quit")


if __name__ == "__main__":
    sys.exit(main(test, __doc__.splitlines()[0]))
