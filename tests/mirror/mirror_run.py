#!/usr/bin/env python3
"""A test case against its own mirror: `scn run FILE` plays the SS, `scn run --mirror FILE`
plays the UE, on loopback ports of their own; both must end PASS (exit 0).

Usage: mirror_run.py --scn SCN --scenario FILE [--testcase NAME] [--transport udp|tcp]
                     [--build] [--timeout SECONDS]
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


def side_command(args, program, bind, ue, extra):
    base = [program] if args.build else [args.scn, "run"] + extra + [args.scenario]
    base += ["--bind", f"127.0.0.1:{bind}", "--ue", f"127.0.0.1:{ue}",
             "--transport", args.transport, "--timeout", "5", "--linger", "0.5"]
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
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        ss_program = mirror_program = None
        if args.build:
            ss_program = build(args, False, os.path.join(tmp, "ss"))
            mirror_program = build(args, True, os.path.join(tmp, "mirror"))
        ss_port, ue_port = free_ports(2)
        ss = subprocess.Popen(side_command(args, ss_program, ss_port, ue_port, []),
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        time.sleep(0.3)  # the SS binds before the mirror's first request
        mirror = subprocess.Popen(side_command(args, mirror_program, ue_port, ss_port, ["--mirror"]),
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
