#!/usr/bin/env python3
"""Keeps bench/run.sh from rotting without timing anything: runs it with --smoke and
checks that it ends with status 0 and prints, for every ratio it knows, either
`ratio NAME VALUE (DETAIL)` with a number or `skipped: NAME: WHY`, and its summary.
Usage: smoke_check.py BUILD_DIR"""
import os
import re
import shutil
import subprocess
import sys

NAMES = ("parser_ims_invite", "parser_rfc4475_valid", "compile_build_vs_check",
         "start_scn_run_vs_sipp", "start_scn_exe_vs_sipp", "load_ss_vs_sipp",
         "load_ss_vs_sipp_cpu", "load_mirror_vs_sipp", "load_mirror_vs_sipp_cpu",
         "memory_per_call_vs_sipp")
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


def main():
    if len(sys.argv) != 2:
        print(__doc__.splitlines()[-1], file=sys.stderr)
        return 2
    script = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "run.sh")
    try:
        done = subprocess.run(["sh", script, sys.argv[1], "--smoke"], capture_output=True,
                              text=True, timeout=280)
    except subprocess.TimeoutExpired:
        print("bench smoke: run.sh --smoke ran over 280 s")
        return 1
    print(done.stdout + done.stderr)
    found = problems(done.returncode, done.stdout)
    for problem in found:
        print(f"bench smoke: FAILED: {problem}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
