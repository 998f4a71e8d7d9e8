#!/usr/bin/env python3
"""Runs that end in ERROR before they start still leave their reports: `scn run` on a port
already in use, with an unknown --testcase or --set name, and on a file that does not
compile must print the ERROR line last, exit 3, and write a JUnit file with an <error>
element, a JSON report with verdict error, an HTML page and a trace ending with the
verdict.
"""
import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

LIMIT = 60  # seconds for scn to compile the file and give up


def xml_escape(text):
    """As report::xml_escape escapes text (ASCII)."""
    for raw, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"),
                        ("'", "&apos;")):
        text = text.replace(raw, entity)
    return text


def run_scn(scn, scenario, extra, workdir):
    files = {k: os.path.join(workdir, f"r.{k}") for k in ("junit", "json", "html", "trace")}
    command = [scn, "run", scenario, "--junit", files["junit"], "--json", files["json"],
               "--html", files["html"], "--trace", files["trace"]] + extra
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          stdin=subprocess.DEVNULL, timeout=LIMIT, text=True, cwd=workdir)
    return done, files


def problems_of(done, files, reason, suite, steps):
    """What is wrong with the run's exit, last line and reports."""
    lines = done.stdout.splitlines()
    last = lines[-1] if lines else ""
    problems = []
    if done.returncode != 3:
        problems.append(f"exit {done.returncode}, expected 3")
    if not last.startswith("ERROR: " + reason):
        problems.append(f"last line {last!r}, expected 'ERROR: {reason}...'")
    for name, path in files.items():
        if not os.path.exists(path):
            problems.append(f"no {name} file")
    if problems:
        return problems
    suite_element = ET.parse(files["junit"]).getroot()
    errors = suite_element.findall("./testcase/error")
    if suite_element.get("errors") != "1" or len(errors) != 1:
        problems.append("the JUnit file has no <error> element")
    elif errors[0].get("message") != last:
        problems.append(f"JUnit error message {errors[0].get('message')!r}, expected {last!r}")
    if suite_element.get("name") != suite or not suite_element.get("timestamp"):
        problems.append(f"JUnit suite {suite_element.get('name')!r}, expected {suite!r}")
    with open(files["json"]) as f:
        record = json.load(f)
    if record["verdict"]["kind"] != "error" or record["verdict"]["line"] != last:
        problems.append(f"JSON verdict {record['verdict']}")
    outcomes = {s["outcome"] for s in record["steps"]}
    if len(record["steps"]) < steps or outcomes - {"not run"}:
        problems.append(f"JSON steps {len(record['steps'])} with outcomes {outcomes}, "
                        f"expected at least {steps} not run")
    with open(files["html"]) as f:
        if xml_escape(last) not in f.read():
            problems.append("the HTML page does not show the ERROR line")
    with open(files["trace"]) as f:
        if f.read().splitlines()[-1:] != ["verdict: " + last]:
            problems.append("the trace does not end with the verdict")
    return problems


def port_in_use(args, workdir):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as held:
        held.bind(("127.0.0.1", 0))
        port = held.getsockname()[1]
        done, files = run_scn(args.scn, args.scenario, ["--bind", f"127.0.0.1:{port}"], workdir)
    return done, files, "cannot bind udp 127.0.0.1:", args.min_steps


def unknown_testcase(args, workdir):
    done, files = run_scn(args.scn, args.scenario, ["--testcase", "no_such_case"], workdir)
    return done, files, "--testcase: no test case 'no_such_case'", 0


def bad_setting(args, workdir):
    done, files = run_scn(args.scn, args.scenario, ["--set", "no_such_name=1"], workdir)
    return done, files, "--set: no parameter or condition 'no_such_name'", args.min_steps


def compile_error(args, workdir):
    broken = os.path.join(workdir, "broken.scn")
    with open(broken, "w") as f:
        f.write("testcase broken {\n  1 UE -> SS NOSUCHTHING use \"nothing\"\n")
    done, files = run_scn(args.scn, broken, [], workdir)
    return done, files, "cannot compile", 0


CASES = {"port-in-use": port_in_use, "unknown-testcase": unknown_testcase,
         "bad-setting": bad_setting, "compile-error": compile_error}


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--scn", required=True)
    p.add_argument("--scenario", required=True, help="a .scn file that compiles")
    p.add_argument("--min-steps", type=int, default=1, help="steps its test case has at least")
    p.add_argument("case", choices=sorted(CASES))
    args = p.parse_args(argv)
    args.scn, args.scenario = os.path.abspath(args.scn), os.path.abspath(args.scenario)
    with tempfile.TemporaryDirectory(prefix="scn-report-error-") as workdir:
        done, files, reason, steps = CASES[args.case](args, workdir)
        suite = os.path.splitext(os.path.basename(
            os.path.join(workdir, "broken.scn") if args.case == "compile-error"
            else args.scenario))[0]
        problems = problems_of(done, files, reason, suite, steps)
        for problem in problems:
            print(f"report_on_error {args.case}: {problem}")
        if problems:
            print(f"----- stdout\n{done.stdout}\n----- stderr\n{done.stderr[-4000:]}")
        return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
