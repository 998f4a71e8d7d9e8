#!/usr/bin/env python3
"""baresip answers an out-of-dialog REFER with 501 and INVITEs nobody.

sipp/ss_refer_out_of_dialog.xml sends the REFER (Refer-To the focus URI, no dialog);
baresip 1.0.0 answers 501 Not Implemented. The Refer-To URI points back at SIPp, so an
INVITE would show up there as an unexpected message."""
import sys

from harness import check, main


def test(t):
    p = t.ports
    ue = t.start_baresip(aor="sip:user2_public1@home2.net", auto_answer=True,
                         proxy=f"127.0.0.1:{p.sipp}")
    sipp = t.start_sipp("ss_refer_out_of_dialog.xml", f"127.0.0.1:{p.ue_sip}", p.sipp, p.media,
                        keys={"ue_user": "user2_public1", "focus_port": p.sipp})
    t.wait_sipp(sipp, 10)
    calls = [e for e in ue.ctrl.events if e.get("class") == "call"]
    check(not calls, f"baresip reported call events: {calls}")
    check(ue.stop() == 0, "baresip did not exit cleanly on quit")


if __name__ == "__main__":
    sys.exit(main(test, __doc__.splitlines()[0]))
