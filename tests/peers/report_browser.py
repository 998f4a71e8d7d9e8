#!/usr/bin/env python3
"""Runs a failing e2e case (e2e_run.py, its arguments after --) with --json and --html,
then loads the HTML report in headless Chromium and checks the DOM after its script ran:
the script finished (data-ready on <body>) without errors (no data-script-errors), the
ladder has one arrow per message of the JSON report, and the failing step's row and
arrows are highlighted. Exit status: 0 when all held, 1 otherwise, 77 when Chromium or
SIPp is missing.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e_run  # noqa: E402

SKIP = 77
BROWSER_LIMIT = 20  # seconds for Chromium to start, load the page and dump it


class Dom(HTMLParser):
    """What the checks need of the dumped DOM: body's attributes, the arrows, the rows."""

    def __init__(self):
        super().__init__()
        self.body = {}
        self.arrows = []  # (classes, data-step)
        self.rows = []    # (classes, data-step) of the step rows

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "body":
            self.body = a
        elif tag == "g" and "arrow" in classes:
            self.arrows.append((classes, a.get("data-step")))
        elif tag == "tr" and "step" in classes:
            self.rows.append((classes, a.get("data-step")))


def dump_dom(browser, html, profile):
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-extensions", f"--user-data-dir={profile}",
               "--dump-dom", "file://" + os.path.abspath(html)]
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          stdin=subprocess.DEVNULL, timeout=BROWSER_LIMIT, text=True)
    if done.returncode != 0 or "<body" not in done.stdout:
        raise RuntimeError(f"chromium exit {done.returncode}: {done.stderr[-2000:]}")
    return done.stdout


def problems_of(dom, report):
    problems = []
    if dom.body.get("data-ready") != "1":
        problems.append("the page's script did not finish (no data-ready on <body>)")
    if "data-script-errors" in dom.body:
        problems.append("script errors: " + dom.body["data-script-errors"])
    messages = len(report["messages"])
    if messages == 0:
        problems.append("the JSON report has no messages")
    if len(dom.arrows) != messages:
        problems.append(f"{len(dom.arrows)} arrows for {messages} messages")
    if dom.body.get("data-arrows") != str(messages):
        problems.append(f"the script counted {dom.body.get('data-arrows')} arrows")
    step = report["verdict"]["step"]
    if report["verdict"]["kind"] != "fail" or not step:
        problems.append(f"expected a failed step, the verdict is {report['verdict']}")
    failing_rows = [s for classes, s in dom.rows if "failing" in classes]
    if failing_rows != [step]:
        problems.append(f"highlighted step rows {failing_rows}, expected [{step!r}]")
    failing_arrows = [s for classes, s in dom.arrows if "failing" in classes]
    if not failing_arrows or any(s != step for s in failing_arrows):
        problems.append(f"highlighted arrows of steps {failing_arrows}, expected step {step}")
    return problems


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--chromium", default="chromium")
    p.add_argument("e2e", nargs=argparse.REMAINDER, help="-- then e2e_run.py's arguments")
    args = p.parse_args(argv)
    browser = shutil.which(args.chromium)
    if not browser:
        print(f"report_browser: {args.chromium} not found, skipped")
        return SKIP
    e2e_args = args.e2e[1:] if args.e2e[:1] == ["--"] else args.e2e
    with tempfile.TemporaryDirectory(prefix="scn-report-") as tmp:
        html, report = os.path.join(tmp, "run.html"), os.path.join(tmp, "run.json")
        status = e2e_run.main(e2e_args + ["--quiet", "--html", html, "--json", report])
        if status != 0:
            return status  # the run's own problems (or SKIP) were printed
        with open(report) as f:
            record = json.load(f)
        try:
            text = dump_dom(browser, html, os.path.join(tmp, "profile"))
        except (RuntimeError, subprocess.TimeoutExpired) as e:
            print(f"report_browser: {e}")
            return 1
        dom = Dom()
        dom.feed(text)
        problems = problems_of(dom, record)
        for problem in problems:
            print(f"report_browser: {problem}")
        if not problems:
            print(f"report_browser: {len(dom.arrows)} arrows, step {record['verdict']['step']} "
                  "highlighted, no script errors")
        return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
