"""Section 2: `scn check` and `scn build` time per 1,000 lines, on files made of many renamed
copies of the MO call and the conference join test cases (no peer: absolute figures)."""
import os
import re
import resource
import subprocess
import time

from common import TOP, Figure, Ratio, say

SOURCES = (os.path.join(TOP, "scenarios", "tutorial", "mo_call.scn"),
           os.path.join(TOP, "scenarios", "ts34229", "conference_join.scn"))
HEADER = ("import ts34229.annex_a\n\n"
          "param referrer = <sip:master@conference.com> \"who refers the UE\"\n\n")
TESTCASE = re.compile(r"^testcase (\w+)")
NAMES = ("compile_build_vs_check",)


def testcases(path):
    """The test case blocks of PATH: from `testcase NAME` to the `}` closing it at column 0."""
    blocks, current = [], None
    with open(path) as f:
        for line in f:
            if TESTCASE.match(line):
                current = [line]
            elif current is not None:
                current.append(line)
                if line.startswith("}"):
                    blocks.append("".join(current))
                    current = None
    return blocks


def generate(path, lines):
    """Writes a .scn file of at least LINES lines; returns (lines, test cases) written."""
    blocks = [b for source in SOURCES for b in testcases(source)]
    text, count = HEADER, 0
    while text.count("\n") < lines:
        block = blocks[count % len(blocks)]
        text += TESTCASE.sub(lambda m: f"testcase {m.group(1)}_{count}", block, 1) + "\n"
        count += 1
    with open(path, "w") as f:
        f.write(text)
    return text.count("\n"), count


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def best_time(command, repeats, limit):
    """The shortest (wall, CPU) seconds of REPEATS runs of COMMAND, CPU counting the
    processes it starts; None and the error if one failed."""
    best = None
    for _ in range(repeats):
        begin, cpu = time.monotonic(), children_cpu()
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=limit)
        except subprocess.TimeoutExpired:
            return None, f"{command[1]} ran over {limit} s"
        if done.returncode != 0:
            output = (done.stderr or done.stdout)[-400:]
            return None, f"{command[1]} exit {done.returncode}: {output}"
        elapsed = (time.monotonic() - begin, children_cpu() - cpu)
        best = elapsed if best is None else min(best, elapsed)
    return best, ""


def measure(scn, workdir, lines, repeats):
    """Check and build seconds per 1,000 lines for a file of about LINES lines."""
    path = os.path.join(workdir, f"generated_{lines}.scn")
    written, cases = generate(path, lines)
    check, error = best_time([scn, "check", path], repeats, 300)
    if check is None:
        return None, error
    build, error = best_time([scn, "build", path, "-o", path[:-4]], repeats, 900)
    if build is None:
        return None, error
    per_k = 1000.0 / written
    say(f"compile: {written} lines ({cases} test cases): check {check[0]:.3f} s "
        f"(CPU {check[1]:.3f} s), build {build[0]:.3f} s (CPU {build[1]:.3f} s), best of "
        f"{repeats}")
    return (written, cases, [t * per_k for t in check], [t * per_k for t in build]), ""


def run(scn, workdir, smoke, quick):
    sizes, repeats = ((150,), 1) if smoke else ((1000, 6000), 1 if quick else 3)
    figures, last = [], None
    for lines in sizes:
        measured, error = measure(scn, workdir, lines, repeats)
        if measured is None:
            return [Ratio(NAMES[0], skipped=error)], figures
        written, cases, check_k, build_k = measured
        for what, (wall, cpu) in (("check", check_k), ("build", build_k)):
            figures.append(Figure(f"scn {what}, {written} lines", f"{wall:.3f} s per 1,000 "
                                  f"lines (CPU {cpu:.3f} s; {cases} test cases)"))
        last = (written, check_k[0], build_k[0])
    written, check_k, build_k = last
    ratio = Ratio(NAMES[0], build_k / check_k,
                  f"{written} lines: build {build_k:.3f} s, check {check_k:.3f} s per 1,000 "
                  f"lines, wall time: build time / check time")
    return [ratio], figures
