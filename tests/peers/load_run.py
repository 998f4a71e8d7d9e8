#!/usr/bin/env python3
"""Runs a test case in load mode (`scn run --load`) against SIPp and checks the summary.

Either SIPp calls the SS (--uac XML: a UE scenario, many calls at --sipp-rate) or the SS's
instances call SIPp (--uas: SIPp's built-in UAS answers). Checks the SS's exit status, that
lines of its stdout match the --expect-line patterns, and that its --stats file has the
columns and at least one row (JSON lines when --stats-json). With --interrupt and no SIPp,
the SS gets SIGINT and must end as usual. Every wait is bounded,
everything started is stopped. Exit status: 0 when all held, 1 otherwise, 77 when SIPp is
missing.
"""
import argparse
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sipp_loopback import (dump_logs, free_ports, run_with_sipp, stop,  # noqa: E402
                           wait_for)

CSV_COLUMNS = ("time_s,started,passed,failed,inconc,error,active,rejected,strays,rate,"
               "p50_ms,p90_ms,p99_ms")


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--scn", required=True, help="the scn driver")
    p.add_argument("--scenario", required=True, help="the .scn file")
    peer = p.add_mutually_exclusive_group()
    peer.add_argument("--uac", help="SIPp UE scenario (XML) that calls the SS")
    peer.add_argument("--uas", action="store_true", help="SIPp's built-in UAS, called by the SS")
    p.add_argument("--uas-scenario", help="with --uas: a SIPp UAS scenario (XML) instead")
    p.add_argument("--sipp", default="sipp")
    p.add_argument("--domain", default="home1.net")
    p.add_argument("--transport", choices=["udp", "tcp"], default="udp",
                   help="both sides (SIPp: one TCP connection, -t t1)")
    p.add_argument("--sipp-calls", type=int, default=0, help="calls SIPp makes or takes")
    p.add_argument("--interrupt", type=float,
                   help="no SIPp: SIGINT to the SS this many seconds after it bound")
    p.add_argument("--sipp-rate", type=float, default=100, help="SIPp's calls per second")
    p.add_argument("--load", nargs=argparse.REMAINDER, default=[],
                   help="the rest: options for scn run (--calls, --rate, ...)")
    p.add_argument("--stats-json", action="store_true", help="--stats FILE.json, not CSV")
    p.add_argument("--expect-exit", type=int, default=0)
    p.add_argument("--expect-line", action="append", default=[],
                   help="a regex some stdout line must match (repeatable)")
    p.add_argument("--limit", type=float, default=50, help="seconds for the whole run")
    args = p.parse_args(argv)
    for name in ("scenario", "uac"):
        if getattr(args, name):
            setattr(args, name, os.path.abspath(getattr(args, name)))
    return args


class Output(threading.Thread):
    """Reads the SS's stdout to the end (it must never block on a full pipe)."""

    def __init__(self, process):
        super().__init__(daemon=True)
        self.process, self.lines = process, []
        self.bound = threading.Event()

    def run(self):
        for raw in self.process.stdout:
            line = raw.decode(errors="replace").rstrip("\n")
            self.lines.append(line)
            if re.match(r"^load: \S* on (udp|tcp) ", line):
                self.bound.set()


def start_sipp(args, ss_port, sipp_port, media_port, workdir):
    head = [args.sipp]
    if args.uac:
        head += ["-sf", args.uac, f"127.0.0.1:{ss_port}", "-r", str(args.sipp_rate)]
    elif args.uas_scenario:
        head += ["-sf", args.uas_scenario]
    else:
        head += ["-sn", "uas"]
    command = head + ["-t", "t1" if args.transport == "tcp" else "u1",
                      "-i", "127.0.0.1", "-p", str(sipp_port), "-mp", str(media_port),
                      "-m", str(args.sipp_calls), "-nostdin", "-key", "home_domain", args.domain,
                      "-timeout", f"{int(args.limit)}s",
                      "-trace_err", "-error_file", os.path.join(workdir, "sipp.errors.log")]
    with open(os.path.join(workdir, "sipp.stderr.log"), "w") as errors:
        return subprocess.Popen(command, cwd=workdir, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=errors)


def start_ss(args, ss_port, sipp_port, stats, workdir):
    command = [args.scn, "run", args.scenario, "--load", "--bind", f"127.0.0.1:{ss_port}",
               "--stats", stats, "--set", f"px_IMS_HomeDomainName={args.domain}",
               "--transport", args.transport]
    if args.uas:
        command += ["--ue", f"127.0.0.1:{sipp_port}"]
    command += args.load
    with open(os.path.join(workdir, "ss.stderr.log"), "w") as errors:
        ss = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, cwd=workdir)
    out = Output(ss)
    out.start()
    return ss, out


def stats_problems(path, json_lines):
    if not os.path.exists(path):
        return [f"no statistics file {path}"]
    with open(path) as f:
        lines = [line.rstrip("\n") for line in f if line.strip()]
    if json_lines:
        rows = [json.loads(line) for line in lines]
        missing = [k for k in CSV_COLUMNS.split(",") + ["histogram", "reasons"]
                   if rows and k not in rows[0]]
        if not rows or missing:
            return [f"statistics {path}: {len(rows)} rows, missing {missing}"]
        return []
    if not lines or lines[0] != CSV_COLUMNS:
        return [f"statistics {path}: header {lines[:1]!r}, expected {CSV_COLUMNS!r}"]
    if len(lines) < 2:
        return [f"statistics {path}: no row"]
    return []


def run(args, workdir):
    ss_port, sipp_port, media_port = free_ports(3)
    stats = os.path.join(workdir, "stats.json" if args.stats_json else "stats.csv")
    ss = sipp = out = ss_code = None
    problems = []
    try:
        if args.uas:  # the SS calls at once: SIPp listens first
            sipp = start_sipp(args, ss_port, sipp_port, media_port, workdir)
            time.sleep(0.5)
        ss, out = start_ss(args, ss_port, sipp_port, stats, workdir)
        if not out.bound.wait(min(args.limit, 40)):
            problems.append("the SS did not bind")
        elif args.interrupt is not None:
            time.sleep(args.interrupt)
            ss.send_signal(signal.SIGINT)
        elif args.uac:
            sipp = start_sipp(args, ss_port, sipp_port, media_port, workdir)
        ss_code = wait_for(ss, args.limit, "SS") if not problems else None
        out.join(5)
        if sipp is not None:
            wait_for(sipp, 5, "SIPp")
    finally:
        for process, name in ((ss, "SS"), (sipp, "SIPp")):
            stop(process, name)
    lines = out.lines if out else []
    print("\n".join(lines[-20:]))
    if ss_code != args.expect_exit:
        problems.append(f"SS exit {ss_code}, expected {args.expect_exit}")
    for pattern in args.expect_line:
        if not any(re.search(pattern, line) for line in lines):
            problems.append(f"no stdout line matches {pattern!r}")
    problems += stats_problems(stats, args.stats_json)
    for problem in problems:
        print(f"load: FAILED: {problem}")
    if problems:
        dump_logs(workdir, 4000)
    return 1 if problems else 0


def main(argv=None):
    return run_with_sipp(parse_args(argv), run, "load", "scn-load-")


if __name__ == "__main__":
    sys.exit(main())
