#!/usr/bin/env python3
"""A test case against its own mirror: `scn run FILE` plays the SS, `scn run --mirror FILE`
plays the UE, on loopback ports of their own; both must end PASS (exit 0).

Usage: mirror_run.py --scn SCN --scenario FILE [--testcase NAME] [--transport udp|tcp]
                     [--build] [--timeout SECONDS] [--parties UE1,UE2:SS,FOCUS] [--set N=V]
With --build both sides run as executables from `scn build` (and `scn build --mirror`).
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "peers"))
from sipp_loopback import free_ports  # noqa: E402


def addresses(args, ports, mirror):
    """--bind and --ue: one UE and one SS by default. With --parties UE1,UE2:SS,FOCUS each
    party under test as written has a port of its own and the played ones share one (the
    network is one address, as in the e2e tests); the first party a side plays is on its
    default --bind."""
    if not args.parties:
        bind, ue = (ports[1], ports[0]) if mirror else (ports[0], ports[1])
        return ["--bind", f"127.0.0.1:{bind}", "--ue", f"127.0.0.1:{ue}"]
    under_test, played = (part.split(",") for part in args.parties.split(":"))
    port = dict(zip(under_test, ports[1:]))
    port.update({name: ports[0] for name in played})
    if not mirror:
        played = played[:1]  # the others share its socket
    if mirror:
        under_test, played = played, under_test
    out = ["--bind", f"127.0.0.1:{port[played[0]]}"]
    for name in played[1:]:
        out += ["--bind", f"{name}=127.0.0.1:{port[name]}"]
    for name in under_test:
        out += ["--ue", f"{name}=127.0.0.1:{port[name]}"]
        # The played UE of the mirror acts on its own: the SS's upper tester has nothing to do.
        if not mirror:
            out += ["--drive", f"{name}=cmd:true"]
    return out


def side_command(args, program, ports, mirror):
    extra = ["--mirror"] if mirror else []
    base = [program] if args.build else [args.scn, "run"] + extra + [args.scenario]
    base += addresses(args, ports, mirror)
    base += ["--transport", args.transport, "--timeout", "5", "--linger", "0.5"]
    for setting in args.set:
        base += ["--set", setting]
    if args.trace_dir:
        base += ["--trace", os.path.join(args.trace_dir, "mirror.trace" if mirror else "ss.trace")]
    if args.testcase:
        base += ["--testcase", args.testcase]
    return base


def build(args, mirror, out):
    command = [args.scn, "build", args.scenario, "-o", out] + (["--mirror"] if mirror else [])
    subprocess.run(command, check=True, timeout=120)
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scn", required=True)
    parser.add_argument("--scenario", required=True)
    parser.add_argument("--testcase")
    parser.add_argument("--transport", default="udp")
    parser.add_argument("--build", action="store_true")
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--parties", metavar="UE1,UE2:SS,FOCUS",
                        help="the parties under test and the played ones as written, each "
                             "on a port of its own (default: one UE and one SS)")
    parser.add_argument("--trace-dir", help="write each side's --trace here (ss.trace, "
                                             "mirror.trace)")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a parameter both sides get")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        ss_program = mirror_program = None
        if args.build:
            ss_program = build(args, False, os.path.join(tmp, "ss"))
            mirror_program = build(args, True, os.path.join(tmp, "mirror"))
        count = len(args.parties.split(":")[0].split(",")) + 1 if args.parties else 2
        ports = free_ports(count)
        ss = subprocess.Popen(side_command(args, ss_program, ports, False),
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        time.sleep(0.3)  # the SS binds before the mirror's first request
        mirror = subprocess.Popen(side_command(args, mirror_program, ports, True),
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        outputs = {}
        for name, process in (("mirror", mirror), ("SS", ss)):
            try:
                outputs[name] = process.communicate(timeout=args.timeout)[0]
            except subprocess.TimeoutExpired:
                process.kill()
                outputs[name] = process.communicate()[0] + "\n(killed after the timeout)"
        failed = False
        for name, process in (("SS", ss), ("mirror", mirror)):
            print(f"--- {name} (exit {process.returncode})\n{outputs[name]}")
            lines = outputs[name].strip().splitlines()
            if process.returncode != 0 or not lines or not lines[-1].startswith("PASS"):
                failed = True
        return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
