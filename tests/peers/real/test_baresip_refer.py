#!/usr/bin/env python3
"""baresip accepts an in-dialog REFER and INVITEs the Refer-To URI.

Two SIPp instances play the network: sipp/ss_refer_pcscf.xml the conference initiator
(calls baresip, then REFERs it in that dialog to the focus), sipp/ss_refer_focus.xml the
focus (answers the INVITE to the Refer-To URI with isfocus, then sends a conference NOTIFY
that baresip never subscribed to: 481). baresip keeps both calls; `hangup` ends the
current one (the call to the focus), a second `hangup` the original call.
The account has no outbound proxy here: the Refer-To URI names the focus's address, and
SIPp ties each dialog to one instance (by Call-ID)."""
import sys

from harness import check, main


def test(t):
    p = t.ports
    ue = t.start_baresip(aor="sip:user2_public1@home2.net", auto_answer=True)
    focus = t.start_sipp("ss_refer_focus.xml", f"127.0.0.1:{p.ue_sip}", p.sipp2, p.media2,
                         name="focus")
    pcscf = t.start_sipp("ss_refer_pcscf.xml", f"127.0.0.1:{p.ue_sip}", p.sipp, p.media,
                         name="pcscf", keys={"focus_port": p.sipp2, "ue_user": "user2_public1"})
    first = ue.ctrl.wait_event({"class": "call", "type": "CALL_ESTABLISHED"}, 10)
    transfer = ue.ctrl.wait_event({"class": "call", "type": "TRANSFER"}, 10)
    check(transfer.get("id") == first.get("id"), "the REFER came in another dialog")
    check(transfer.get("param") == f"<sip:conf1@127.0.0.1:{p.sipp2};method=INVITE>",
          f"TRANSFER param is not the Refer-To value: {transfer.get('param')!r}")
    conference = ue.ctrl.wait_event(
        lambda e: e.get("type") == "CALL_ESTABLISHED" and e.get("id") != first.get("id"), 10,
        what="the call to the focus established")
    check(conference.get("peeruri", "").startswith("sip:conf1@127.0.0.1"),
          f"the new call is not to the Refer-To URI: {conference.get('peeruri')}")
    # The focus's NOTIFY and baresip's 481 happen right after the ACK; give them time.
    ue.ctrl.collect(0.5)
    ue.command("hangup")  # the current call: the one to the focus
    ue.ctrl.wait_event({"type": "CALL_CLOSED", "id": conference.get("id")}, 10)
    t.wait_sipp(focus, 10)
    ue.command("hangup")  # then the original call
    ue.ctrl.wait_event({"type": "CALL_CLOSED", "id": first.get("id")}, 10)
    t.wait_sipp(pcscf, 10)
    check(ue.stop() == 0, "baresip did not exit cleanly on quit")


if __name__ == "__main__":
    sys.exit(main(test, __doc__.splitlines()[0]))
