#!/usr/bin/env python3
"""linphone_ue creates a conference via the factory URI and REFERs the participant.

liblinphone as the conference initiator of seed 004 (RFC 4579 client), against one SIPp
UAS (sipp/ss_conference_factory.xml) that is its outbound proxy, registrar, the called
user2 and the focus. The UE registers (digest), calls user2 (`dial`), then
`conference_create`: it holds user2's call, INVITEs the factory URI, and once the focus
answers with a conf-id/isfocus Contact it REFERs user2 (in user2's dialog) to the focus
and SUBSCRIBEs to the conference event package; after the REFER's final NOTIFY it ends
user2's call. `conference_terminate` makes it BYE the focus and unSUBSCRIBE; quitting
unREGISTERs. SIPp checks each message; the test checks the events of each step."""
import sys

from harness import check, main

FACTORY = "sip:conf-factory1@mrfc1.home1.net"
USER2 = "sip:user2_public1@home2.net"


def test(t):
    p = t.ports
    sipp = t.start_sipp("ss_conference_factory.xml", f"127.0.0.1:{p.ue_sip}", p.sipp, p.media,
                        calls=4, limit=60)
    ue = t.start_linphone(t.args.linphone_ue, identity="sip:user1_public1@home1.net",
                          proxy=f"127.0.0.1:{p.sipp}", register=True, password="secret",
                          factory_uri=FACTORY)
    ev = ue.ctrl
    ev.wait_event({"class": "register", "type": "REGISTER_OK"}, 10)

    user2 = ue.command("dial", USER2)["data"]
    ev.wait_event({"class": "call", "id": user2, "state": "StreamsRunning"}, 10)

    mark = len(ev.events)
    check(ue.command("conference_create")["data"] == user2,
          "conference_create did not take user2's call")
    ev.wait_event({"class": "call", "id": user2, "state": "Paused"}, 10, start=mark)
    focus = ev.wait_event(lambda e: e.get("type") == "CALL_ESTABLISHED"
                          and e.get("peeruri") == FACTORY, 10, start=mark,
                          what="the call to the factory URI established")
    check(";isfocus" in focus.get("remotecontact", ""),
          f"the focus Contact lacks isfocus: {focus.get('remotecontact')}")
    # The REFER's NOTIFYs move the transfer to Connected; liblinphone then ends the call.
    ev.wait_event({"type": "TRANSFER_STATE", "id": user2, "param": "Connected"}, 10, start=mark)
    ev.wait_event({"type": "CALL_CLOSED", "id": user2}, 10, start=mark)
    ev.wait_event({"class": "conference", "type": "CONFERENCE_CREATED"}, 10, start=mark)

    mark = len(ev.events)
    ue.command("conference_terminate")
    ev.wait_event({"type": "CALL_CLOSED", "id": focus["id"]}, 10, start=mark)
    ev.wait_event({"class": "conference", "type": "CONFERENCE_TERMINATED"}, 10, start=mark)
    listing = ue.command("listcalls")["data"]
    check(listing == "", f"calls left after conference_terminate: {listing!r}")

    check(ue.stop() == 0, "linphone_ue did not exit cleanly on quit")
    t.wait_sipp(sipp, 15)


if __name__ == "__main__":
    sys.exit(main(test, __doc__.splitlines()[0]))
