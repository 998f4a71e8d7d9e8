#!/usr/bin/env python3
"""Runs a failing e2e case (e2e_run.py, its arguments after --) with --json and --html,
then loads the HTML report in headless Chromium and checks the DOM after its script ran:
the script finished (data-ready on <body>) without errors (no data-script-errors), the
ladder has one arrow per message of the JSON report, and the failing step's row and
arrows are highlighted. Exit status: 0 when all held, 1 otherwise, 77 when Chromium or
SIPp is missing. Loaded as #message-N, the page must show message N (what a click on its
arrow shows); a copy with a failing script must be reported as such.
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
        self.shown = None  # the text of <pre id="message-text">
        self._in_shown = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "pre" and a.get("id") == "message-text":
            self._in_shown, self.shown = True, ""
        elif tag == "body":
            self.body = a
        elif tag == "g" and "arrow" in classes:
            self.arrows.append((classes, a.get("data-step")))
        elif tag == "tr" and "step" in classes:
            self.rows.append((classes, a.get("data-step")))

    def handle_endtag(self, tag):
        if tag == "pre":
            self._in_shown = False

    def handle_data(self, data):
        if self._in_shown:
            self.shown += data


def dump_dom(browser, html, profile, fragment=""):
    """The DOM of the page after its scripts ran, parsed."""
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-extensions", f"--user-data-dir={profile}",
               "--dump-dom", "file://" + os.path.abspath(html) + fragment]
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          stdin=subprocess.DEVNULL, timeout=BROWSER_LIMIT, text=True)
    if done.returncode != 0 or "<body" not in done.stdout:
        raise RuntimeError(f"chromium exit {done.returncode}: {done.stderr[-2000:]}")
    dom = Dom()
    dom.feed(done.stdout)
    return dom


def broken_copy(html, tmp):
    """The page with a failing script before its own: the error check must see it."""
    with open(html) as f:
        text = f.read()
    broken = os.path.join(tmp, "broken.html")
    with open(broken, "w") as f:
        f.write(text.replace("<h1>", "<script>no_such_function();</script><h1>", 1))
    return broken


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


def failing_index(dom):
    """The index of the first highlighted arrow, whose message #message-N shows."""
    for index, (classes, _) in enumerate(dom.arrows):
        if "failing" in classes:
            return index
    return 0


def shown_problems(dom, report, index):
    """What is wrong with the message shown for #message-INDEX."""
    first_line = report["messages"][index]["raw"].split("\r\n")[0]
    if not dom.shown or not dom.shown.startswith(first_line):
        return [f"#message-{index} shows {(dom.shown or '')[:80]!r}, expected {first_line!r}"]
    return []


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
        profile = os.path.join(tmp, "profile")
        try:
            dom = dump_dom(browser, html, profile)
            problems = problems_of(dom, record)
            index = failing_index(dom)
            problems += shown_problems(dump_dom(browser, html, profile, f"#message-{index}"),
                                       record, index)
            if "data-script-errors" not in dump_dom(browser, broken_copy(html, tmp), profile).body:
                problems.append("a script error in the page went unnoticed")
        except (RuntimeError, subprocess.TimeoutExpired) as e:
            print(f"report_browser: {e}")
            return 1
        for problem in problems:
            print(f"report_browser: {problem}")
        if not problems:
            print(f"report_browser: {len(dom.arrows)} arrows, step {record['verdict']['step']} "
                  "highlighted, no script errors")
        return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
