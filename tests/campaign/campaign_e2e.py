#!/usr/bin/env python3
"""Whole campaigns through `scn test` and `scn merge`, against SIPp UEs on loopback.

--check seeds        the seed campaign (tests/campaign/scenarios_sipp.campaign), two at a time
--check shards       the same campaign in two shards, merged: the same counts
--check port-in-use  a test case whose SS address is taken: an error with its JUnit
--check failing      a UE that gets PRACK wrong, and a file that does not compile

Exit status 0 when the check holds, 1 otherwise (the problems on stderr), 77 without SIPp.
"""
import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCENARIOS = os.path.join(ROOT, "scenarios")
SEEDS = os.path.join(SCENARIOS, "ts34229")
CAMPAIGN = os.path.join(ROOT, "tests", "campaign", "scenarios_sipp.campaign")
SEED_COUNTS = "6 passed, 0 failed, 0 inconc, 0 error, 11 skipped"
LIMIT = 150  # seconds for one scn test command


def scn_test(args, *argv):
    """Runs scn with argv; returns (exit status, stdout lines)."""
    done = subprocess.run([args.scn, *argv], capture_output=True, text=True, timeout=LIMIT,
                          cwd=ROOT)
    sys.stdout.write(done.stdout)
    sys.stderr.write(done.stderr)
    return done.returncode, done.stdout.splitlines()


def junit_cases(path):
    return ET.parse(path).getroot().iter("testcase")


def expect(problems, condition, what):
    if not condition:
        problems.append(what)


def check_reports(problems, report, count):
    """The campaign reports of a --report-dir folder holding `count` test cases."""
    for name in ("junit.xml", "summary.json", "index.html"):
        expect(problems, os.path.exists(os.path.join(report, name)), f"no {name} in the report")
    if problems:
        return
    expect(problems, len(list(junit_cases(os.path.join(report, "junit.xml")))) == count,
           f"junit.xml does not hold {count} test cases")
    with open(os.path.join(report, "summary.json")) as f:
        summary = json.load(f)
    expect(problems, len(summary["testcases"]) == count, f"summary.json lacks test cases")
    for case in summary["testcases"]:
        if case["verdict"] == "pass":
            for name in ("junit.xml", "trace.txt", "capture.pcap", "stdout.txt"):
                expect(problems, os.path.exists(os.path.join(report, case["dir"], name)),
                       f"{case['testcase']}: no {name}")


def check_seeds(args, work):
    problems = []
    report = os.path.join(work, "report")
    status, lines = scn_test(args, "test", SCENARIOS, "--campaign", CAMPAIGN, "-j", "2",
                             "--report-dir", report)
    expect(problems, status == 0, f"exit status {status}, expected 0")
    expect(problems, lines and lines[-1] == SEED_COUNTS, f"last line {lines[-1:]}, expected {SEED_COUNTS}")
    check_reports(problems, report, 17)
    return problems


def check_shards(args, work):
    problems = []
    dirs = []
    for shard in ("1/2", "2/2"):
        d = os.path.join(work, "shard" + shard[0])
        dirs.append(d)
        status, _ = scn_test(args, "test", SCENARIOS, "--campaign", CAMPAIGN, "--shard", shard,
                             "-j", "2", "--report-dir", d)
        expect(problems, status == 0, f"shard {shard}: exit status {status}")
    merged = os.path.join(work, "merged")
    status, lines = scn_test(args, "merge", "-o", merged, *dirs)
    expect(problems, status == 0, f"merge: exit status {status}")
    expect(problems, lines and lines[-1] == SEED_COUNTS, f"merge: last line {lines[-1:]}")
    check_reports(problems, merged, 17)
    return problems


def check_port_in_use(args, work):
    problems = []
    taken = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    taken.bind(("127.0.0.1", 0))
    port = taken.getsockname()[1]
    campaign = os.path.join(work, "taken.campaign")
    with open(campaign, "w") as f:
        f.write(f"[*]\nbind 127.0.0.1:{port}\n")
    report = os.path.join(work, "report")
    try:
        status, lines = scn_test(args, "test", os.path.join(SEEDS, "conference_factory.scn"),
                                 "--campaign", campaign, "--report-dir", report)
    finally:
        taken.close()
    expect(problems, status == 3, f"exit status {status}, expected 3")
    expect(problems, lines and lines[-1] == "0 passed, 0 failed, 0 inconc, 1 error",
           f"last line {lines[-1:]}")
    expect(problems, any(f"127.0.0.1:{port}" in line for line in lines),
           "the error does not name the address")
    check_reports(problems, report, 1)
    if not problems:
        errors = [c for c in junit_cases(os.path.join(report, "junit.xml"))
                  if c.find("error") is not None]
        expect(problems, len(errors) == 1, "junit.xml has no error element")
    return problems


def check_failing(args, work):
    problems = []
    campaign = os.path.join(work, "fault.campaign")
    peers = os.path.join(ROOT, "tests", "peers")
    with open(campaign, "w") as f:
        f.write("[*]\nbind auto\nue auto\nset px_IMS_HomeDomainName=home1.net\ntimeout 3\n"
                f"start sipp -sf {peers}/ue_fault_wrong_rack.xml {{bind}} -i 127.0.0.1 "
                "-p {ue_port} -mp 0 -m 1 -nostdin -key home_domain home1.net -timeout 20s\n")
    broken = os.path.join(work, "broken.scn")
    with open(broken, "w") as f:
        f.write("testcase broken {\n  1 UE -> SS INVITE use\n}\n")
    report = os.path.join(work, "report")
    status, lines = scn_test(args, "test", os.path.join(SEEDS, "conference_factory.scn"), broken,
                             "--campaign", campaign, "--report-dir", report)
    expect(problems, status == 3, f"exit status {status}, expected 3 (an error is the worst)")
    expect(problems, lines and lines[-1] == "0 passed, 1 failed, 0 inconc, 1 error",
           f"last line {lines[-1:]}")
    expect(problems, any(line.strip().startswith("FAIL step 4: PRACK") for line in lines),
           "no verdict line naming the PRACK of step 4")
    expect(problems, any("cannot compile" in line and "broken.scn" in line for line in lines),
           "the broken file is not reported")
    check_reports(problems, report, 2)
    return problems


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--scn", required=True)
    p.add_argument("--check", required=True,
                   choices=["seeds", "shards", "port-in-use", "failing"])
    args = p.parse_args()
    if args.check != "port-in-use" and not shutil.which("sipp"):
        print("SIPp is not installed", file=sys.stderr)
        return 77
    work = tempfile.mkdtemp(prefix="scn-campaign-")
    try:
        problems = globals()["check_" + args.check.replace("-", "_")](args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for problem in problems:
        print("campaign check failed: " + problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
