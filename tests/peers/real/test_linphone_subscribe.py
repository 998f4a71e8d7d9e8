#!/usr/bin/env python3
"""linphone_ue subscribes to an event package on `subscribe` and reports each NOTIFY.

SIPp (sipp/ss_reg_event.xml) is the outbound proxy and the notifier: `subscribe
sip:user1_public1@home1.net reg 600` makes liblinphone SUBSCRIBE (Event: reg); the NOTIFY
with the reginfo body comes back as a subscription/NOTIFY event carrying the body;
`unsubscribe` sends SUBSCRIBE with Expires: 0."""
import sys

from harness import check, main


def test(t):
    p = t.ports
    sipp = t.start_sipp("ss_reg_event.xml", f"127.0.0.1:{p.ue_sip}", p.sipp, p.media)
    ue = t.start_linphone(t.args.linphone_ue, identity="sip:user1_public1@home1.net",
                          proxy=f"127.0.0.1:{p.sipp}")
    ue.command("subscribe", "sip:user1_public1@home1.net reg 600")
    notify = ue.ctrl.wait_event({"class": "subscription", "type": "NOTIFY"}, 10)
    check(notify.get("param") == "reg", f"NOTIFY for another event: {notify.get('param')}")
    check(notify.get("contenttype") == "application/reginfo+xml",
          f"content type {notify.get('contenttype')!r}")
    check('state="active"' in notify.get("body", ""), "the reginfo body is not in the event")
    ue.command("unsubscribe")
    ue.ctrl.wait_event({"class": "subscription", "type": "SUBSCRIPTION_STATE",
                        "state": "LinphoneSubscriptionTerminated"}, 10)
    t.wait_sipp(sipp, 10)
    check(ue.stop() == 0, "linphone_ue did not exit cleanly on quit")


if __name__ == "__main__":
    sys.exit(main(test, __doc__.splitlines()[0]))
