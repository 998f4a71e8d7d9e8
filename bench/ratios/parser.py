"""Section 1: the SIP parser against libosip2, from bench_msgparse's own lines."""
import os
import re
import subprocess

from common import Ratio, say

GOAL = 5.0
# bench_msgparse's summary lines: `ratio parser ims_invite scn_ns=.. osip_ns=.. ratio=..`.
SUMMARY = re.compile(r"^ratio parser (\S+) scn_ns=([\d.]+) osip_ns=([\d.]+) ratio=([\d.]+)")
# Its per-parser lines, all an older build prints (the IMS INVITE only).
SCN_LINE = re.compile(r"^scn parse \(datagram\)\s+([\d.]+) ns/msg")
OSIP_LINE = re.compile(r"^libosip2 osip_message_parse\s+([\d.]+) ns/msg")
CASES = ("ims_invite", "rfc4475_valid")
NAMES = tuple(f"parser_{case}" for case in CASES)


def figures(output):
    """{case: (scn_ns, osip_ns)} from bench_msgparse's output, either format."""
    found = {}
    for line in output.splitlines():
        m = SUMMARY.match(line)
        if m:
            found[m.group(1)] = (float(m.group(2)), float(m.group(3)))
    if "ims_invite" not in found:
        scn = [float(m.group(1)) for m in map(SCN_LINE.match, output.splitlines()) if m]
        osip = [float(m.group(1)) for m in map(OSIP_LINE.match, output.splitlines()) if m]
        if scn and osip:
            found["ims_invite"] = (scn[0], osip[0])
    return found


def run(build, smoke):
    exe = os.path.join(build, "bench", "msgparse", "bench_msgparse")
    if not os.access(exe, os.X_OK):
        return [Ratio(n, skipped=f"no {exe} (build target bench_msgparse)") for n in NAMES]
    command = [exe] + (["2000"] if smoke else [])
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        return [Ratio(n, skipped="bench_msgparse ran over 600 s") for n in NAMES]
    # Indented: its own `ratio parser ...` lines are not this script's ratio lines.
    say("\n".join("  " + line for line in done.stdout.rstrip().splitlines()))
    found = figures(done.stdout)
    results = []
    for case, name in zip(CASES, NAMES):
        if case not in found:
            why = ("libosip2 not timed (bench_msgparse built without libosip2-dev)"
                   if "libosip2" not in done.stdout else f"bench_msgparse prints no {case} line")
            results.append(Ratio(name, skipped=why))
            continue
        scn_ns, osip_ns = found[case]
        value = osip_ns / scn_ns
        results.append(Ratio(name, value, f"scn {scn_ns:.0f} ns/msg, libosip2 {osip_ns:.0f} "
                             f"ns/msg: libosip2 time / scn time", f">= {GOAL:g}", value >= GOAL))
    return results
