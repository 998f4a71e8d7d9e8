#!/usr/bin/env python3
"""The main job: runs each seed test case with `scn run` against conformant SIPp UEs on
loopback (one that subscribes to the conference event package, one that does not) and
prints, for each run, the call flow, the message trace and the verdict, then a summary.

Exit status: 0 when every run passed, 1 otherwise, 77 when SIPp is missing.
"""
import argparse
import contextlib
import io
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(ROOT, "tests", "peers"))
import e2e_run  # noqa: E402

SEEDS = [
    ("conference_factory", "factory", "UE creates a conference using the conference factory URI"),
    ("conference_refer", "refer", "UE invites a user to its conference with REFER"),
]
UES = [("nosub", "a UE that does not subscribe to the conference event package"),
       ("sub", "a UE that subscribes to the conference event package")]


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--scn", default=os.path.join(ROOT, "build", "scn"), help="the scn driver")
    p.add_argument("--sipp", default="sipp")
    p.add_argument("--transport", choices=["udp", "tcp"], default="udp")
    p.add_argument("--brief", action="store_true", help="the call flow only, no full messages")
    return p.parse_args()


def run_one(args, testcase, short, ue):
    """Runs one test case against one UE; returns (exit status, captured output)."""
    argv = ["--scn", args.scn, "--sipp", args.sipp, "--transport", args.transport,
            "--scenario", os.path.join(ROOT, "scenarios", "ts34229", testcase + ".scn"),
            "--ue", os.path.join(ROOT, "tests", "peers", f"ue_{short}_{ue}.xml")]
    if not args.brief:
        argv.append("--show-trace")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = e2e_run.main(argv)
    return status, out.getvalue()


def verdict_of(output):
    """The SS's verdict line: the last PASS/FAIL/INCONC/ERROR line it printed."""
    flow = output.split("----- message trace", 1)[0]
    for line in reversed(flow.splitlines()):
        if line.split(" ", 1)[0].rstrip(":") in ("PASS", "FAIL", "INCONC", "ERROR"):
            return line
    return "no verdict (see above)"


def main():
    args = parse_args()
    if not os.access(args.scn, os.X_OK):
        print(f"main job: {args.scn} not found; build first (scripts/build.sh)")
        return 1
    summary, worst = [], 0
    for testcase, short, title in SEEDS:
        for ue, ue_text in UES:
            print("=" * 100)
            print(f"{testcase}: \"{title}\"\nagainst {ue_text} (SIPp, {args.transport})")
            print("=" * 100, flush=True)
            status, output = run_one(args, testcase, short, ue)
            print(output, flush=True)
            if status == e2e_run.SKIP:
                return e2e_run.SKIP
            summary.append((testcase, ue, verdict_of(output), status))
            worst = max(worst, 1 if status else 0)
    print("=" * 100)
    print("Verdicts")
    for testcase, ue, verdict, status in summary:
        print(f"  {testcase:<20} {ue + ' UE':<10} {verdict}{'' if status == 0 else '   <- unexpected'}")
    return worst


if __name__ == "__main__":
    sys.exit(main())
