#!/usr/bin/env python3
"""The ctrl driver makes a real baresip dial.

baresip (started by tests/peers/real's baresip_ue.py) has SIPp as its outbound proxy;
tester_act hands it `dial sip:user1_public1@home1.net` through make_driver("ctrl:...").
The driver must report ok, and SIPp (sipp/ss_mo_call.xml of tests/peers/real) must receive
the INVITE for that URI through the proxy, answer it and end the call. Exit 77 (skipped)
when baresip or SIPp is not installed."""
import argparse
import os
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "peers", "real"))
from ctrl_tcp import Ctrl  # noqa: E402
from harness import check, main  # noqa: E402

CALLED = "sip:user1_public1@home1.net"


def test(t, program):
    p = t.ports
    ue = t.start_baresip(aor="sip:user2_public1@home2.net", proxy=f"127.0.0.1:{p.sipp}")
    sipp = t.start_sipp("ss_mo_call.xml", f"127.0.0.1:{p.ue_sip}", p.sipp, p.media)
    # ctrl_tcp serves one client: the driver's connection takes over from the harness's.
    ue.ctrl.close()
    ue.ctrl = None
    command = [program, "--timeout", "10000", "--party", "UE2", f"ctrl:127.0.0.1:{p.ue_ctrl}",
               "dial", CALLED]
    t.say("run " + " ".join(command))
    run = subprocess.run(command, capture_output=True, text=True, timeout=20)
    t.say(f"tester_act exit {run.returncode}: {run.stdout.strip()} {run.stderr.strip()}")
    check(run.returncode == 0 and run.stdout.strip() == "ok",
          f"the ctrl driver did not report the dial as done: {run.stdout.strip()}")
    t.wait_sipp(sipp, 15)  # passes only once the INVITE came and the call was completed
    with open(os.path.join(t.dir, "sipp.messages.log"), errors="replace") as f:
        messages = f.read()
    check(f"INVITE {CALLED} SIP/2.0" in messages, "SIPp's trace shows no INVITE to " + CALLED)
    ue.ctrl = Ctrl(p.ue_ctrl, connect_timeout=5, log=t.ctrl_log("baresip"))  # for quit
    check(ue.stop() == 0, "baresip did not exit cleanly on quit")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--program", required=True, help="the tester_act program")
    known, rest = parser.parse_known_args()
    sys.argv = [sys.argv[0]] + rest
    sys.exit(main(lambda t: test(t, known.program), __doc__.splitlines()[0]))
