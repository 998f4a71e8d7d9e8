#!/usr/bin/env python3
"""Keeps bench/run.sh from rotting without timing anything: checks how it reads its peers'
output (bench_msgparse in both formats, SIPp's statistics, scn's load summary) and the
files it generates, then runs it with --smoke and checks that it ends with status 0 and
prints, for every ratio it knows, either `ratio NAME VALUE (DETAIL)` with a number or
`skipped: NAME: WHY`, and its summary.
Usage: smoke_check.py BUILD_DIR"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compile_time  # noqa: E402
import parser  # noqa: E402
import trial  # noqa: E402

NAMES = ("parser_ims_invite", "parser_rfc4475_valid", "compile_build_vs_check",
         "start_scn_run_vs_sipp", "start_scn_exe_vs_sipp", "load_ss_vs_sipp",
         "load_ss_vs_sipp_cpu", "load_mirror_vs_sipp", "load_mirror_vs_sipp_cpu",
         "load_ss_vs_sipp_tcp", "load_ss_vs_sipp_tcp_cpu", "memory_per_call_vs_sipp")
# Ratios every build can measure, even at smoke counts (the start one needs SIPp).
MEASURABLE = ("compile_build_vs_check",) + (
    ("start_scn_run_vs_sipp", "start_scn_exe_vs_sipp") if shutil.which("sipp") else ())
RATIO = re.compile(r"^ratio (\S+) (\S+) \(.+\)$")
SKIPPED = re.compile(r"^skipped: (\S+): .+$")


def problems(code, output):
    found = []
    if code != 0:
        found.append(f"exit status {code}")
    if "== summary" not in output:
        found.append("no summary")
    # The machine-readable lines are repeated after the summary table: read those.
    tail = output.split("== summary", 1)[-1].splitlines()
    seen, measured = {}, set()
    for line in tail:
        m = RATIO.match(line)
        if m:
            try:
                float(m.group(2))
            except ValueError:
                found.append(f"not a number: {line}")
            seen[m.group(1)] = seen.get(m.group(1), 0) + 1
            measured.add(m.group(1))
        elif SKIPPED.match(line):
            name = SKIPPED.match(line).group(1)
            seen[name] = seen.get(name, 0) + 1
    for name in NAMES:
        if seen.get(name) != 1:
            found.append(f"{name}: {seen.get(name, 0)} ratio or skipped lines, expected 1")
    found += [f"unknown ratio {name}" for name in seen if name not in NAMES]
    found += [f"{name} not measured" for name in MEASURABLE if name not in measured]
    return found


def write(folder, name, text):
    path = os.path.join(folder, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def reading_problems():
    """What the readers of peers' output and the file generator get wrong."""
    found = []
    old = ("scn parse (datagram)     9000 ns/msg (CPU)  1 msg/s\n"
           "libosip2 osip_message_parse    18000 ns/msg (CPU)  1 msg/s\n")
    new = old + ("ratio parser ims_invite scn_ns=3000 osip_ns=15000 ratio=5.00\n"
                 "ratio parser rfc4475_valid scn_ns=2000 osip_ns=4000 ratio=2.00\n")
    if parser.figures(old) != {"ims_invite": (9000.0, 18000.0)}:
        found.append(f"bench_msgparse, older lines: {parser.figures(old)}")
    if parser.figures(new) != {"ims_invite": (3000.0, 15000.0),
                               "rfc4475_valid": (2000.0, 4000.0)}:
        found.append(f"bench_msgparse, ratio lines: {parser.figures(new)}")
    with tempfile.TemporaryDirectory(prefix="scn-bench-check-") as folder:
        stats = write(folder, "s.csv", "CurrentTime;FailedCall(C);FailedMaxUDPRetrans(C)\n"
                      "t;0;0\nt;3;3\n")
        sipp_said = trial.sipp_failed(stats)
        if sipp_said != "3 failed calls (FailedMaxUDPRetrans 3)":
            found.append(f"SIPp statistics: {sipp_said!r}")
        closed = write(folder, "c.csv", "CurrentTime;FailedCall(C);FailedTcpClosed(C);"
                       "FailedCallRejected(C)\nt;3;2;1\n")
        if (trial.sipp_failed(closed, True) != "1 failed calls (FailedCallRejected 1)"
                or trial.sipp_failed(closed) != "3 failed calls (FailedTcpClosed 2, "
                                                "FailedCallRejected 1)"):
            found.append(f"SIPp statistics over TCP: {trial.sipp_failed(closed, True)!r}")
        rates = write(folder, "r.csv", "CurrentTime;CallRate(C);FailedCall(C)\n"
                      "t;512.5;0\nt;33784.2;0\n")
        if trial.sipp_rate(rates) != 33784.2 or trial.sipp_rate(stats) != 0.0:
            found.append(f"SIPp rate: {trial.sipp_rate(rates)}, {trial.sipp_rate(stats)}")
        summary = ("load: 10 started, {} passed, 0 failed, {} inconc, 0 error in 1.0 s "
                   "(10.0 calls/s); response time p50 0.4 ms, p90 0.5 ms, p99 0.6 ms\n")
        for passed, inconc, calls, bad in ((10, 0, 10, False), (9, 1, 10, True),
                                           (10, 0, 11, True)):
            log = write(folder, "l.log", "x\n" + summary.format(passed, inconc))
            if bool(trial.scn_failed(log, calls)) != bad:
                found.append(f"scn load summary {passed} passed, {inconc} inconc of {calls}")
        if trial.scn_rate(log) != 10.0 or trial.scn_rate(stats) != 0.0:
            found.append(f"scn load rate: {trial.scn_rate(log)}")
        lines, cases = compile_time.generate(os.path.join(folder, "g.scn"), 300)
        with open(os.path.join(folder, "g.scn")) as f:
            names = re.findall(r"^testcase (\w+)", f.read(), re.M)
        if lines < 300 or len(names) != cases or len(set(names)) != cases:
            found.append(f"generated file: {lines} lines, {cases} test cases, names {names}")
    return found


def main():
    if len(sys.argv) != 2:
        print(__doc__.splitlines()[-1], file=sys.stderr)
        return 2
    found = reading_problems()
    script = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "run.sh")
    try:
        done = subprocess.run(["sh", script, sys.argv[1], "--smoke"], capture_output=True,
                              text=True, timeout=280)
    except subprocess.TimeoutExpired:
        print("bench smoke: run.sh --smoke ran over 280 s")
        return 1
    print(done.stdout + done.stderr)
    found += problems(done.returncode, done.stdout)
    for problem in found:
        print(f"bench smoke: FAILED: {problem}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
