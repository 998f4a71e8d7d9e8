#!/usr/bin/env python3
"""Plays one REPL transcript: `scn repl --echo` fed the transcript's commands against a
SIPp UE on loopback, its stdout compared with the transcript's expected lines.

Transcript format (tests/repl/README.md): `#! ue: FILE.xml` names the SIPp scenario,
`#! args: ...` the scenario file and extra options (paths relative to the transcript),
`#! exit: N` the expected exit status (default 0); lines starting with `> ` are typed;
every other line, except `#` comments and blank lines, is expected output, in order.
Message-flow lines of the runtime ("  3  SS -> UE  183 ...") may come in between
and are not compared, except when a transcript line asks for them. Before comparing,
Call-IDs, tags, branches and ports are replaced by {call-id}, {tag}, {branch}, {port}.
Every wait is bounded; every process started is stopped. Exit 0 when the transcript
holds, 1 when not, 77 when SIPp is missing.
"""
import argparse
import os
import re
import shlex
import subprocess
import sys
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "peers"))
from sipp_loopback import (SKIP, Lines, dump_logs, free_ports, run_with_sipp,  # noqa: E402
                           stop, wait_for)

# The runtime's message-flow lines: "  3  SS -> UE  183 Session Progress (INVITE)".
FLOW = re.compile(r"^\s*\S+  (UE -> SS|SS -> UE)  ")


def parse_transcript(path):
    meta = {"ue": None, "args": "", "exit": "0"}
    commands, expected = [], []
    with open(path) as f:
        for raw in f.read().splitlines():
            if raw.startswith("#! "):
                key, _, value = raw[3:].partition(":")
                meta[key.strip()] = value.strip()
            elif raw.startswith("> "):
                commands.append(raw[2:])
                expected.append(raw)
            elif raw.strip() and not raw.startswith("#"):
                expected.append(raw)
    return meta, commands, expected


def normalise(line):
    line = re.sub(r"(Call-ID: |call-id=)\S+", r"\1{call-id}", line)
    line = re.sub(r"(tag=)[^;>,\s]+", r"\1{tag}", line)
    line = re.sub(r"(branch=)[^;>,\s]+", r"\1{branch}", line)
    line = re.sub(r"(127\.0\.0\.1|\[::1\]):\d+", r"\1:{port}", line)
    line = re.sub(r"\S*/([^/\s]+\.scn)", r"\1", line)  # scenario paths: the name only
    return line.rstrip()


def compare(expected, actual):
    """Problems: expected lines missing (in order) or unexpected non-flow lines."""
    actual = [normalise(a) for a in actual]
    i = 0
    for want in expected:
        want = normalise(want)
        while i < len(actual) and actual[i] != want and FLOW.match(actual[i]):
            i += 1
        if i >= len(actual):
            return [f"expected {want!r}, the output ended"]
        if actual[i] != want:
            return [f"expected {want!r}, got {actual[i]!r} (output line {i + 1})"]
        i += 1
    extra = [a for a in actual[i:] if not FLOW.match(a)]
    return [f"unexpected output after the transcript: {extra[0]!r}"] if extra else []


def start_repl(args, meta, base, ss_port, workdir):
    scenario_args = [a if a.startswith("-") or not a.endswith(".scn") else os.path.join(base, a)
                     for a in shlex.split(meta["args"])]
    command = [args.scn, "repl", "--echo"] + scenario_args + [
        "--bind", f"127.0.0.1:{ss_port}", "--timeout", "10", "--linger", "1",
        "--trace", os.path.join(workdir, "ss.trace")]
    with open(os.path.join(workdir, "repl.stderr.log"), "w") as errors:
        repl = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=errors, cwd=workdir)
    return repl, Lines(repl)


def start_sipp(args, ue, ports, ss_port, workdir):
    sipp_port, media_port = ports
    command = [args.sipp, "-sf", ue, f"127.0.0.1:{ss_port}", "-i", "127.0.0.1",
               "-p", str(sipp_port), "-mp", str(media_port), "-m", "1", "-nostdin",
               "-key", "home_domain", "home1.net", "-timeout", f"{int(args.limit)}s",
               "-timeout_error", "-trace_msg", "-message_file",
               os.path.join(workdir, "sipp.messages.log")]
    with open(os.path.join(workdir, "sipp.stderr.log"), "w") as errors:
        return subprocess.Popen(command, cwd=workdir, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=errors)


def play(args, workdir):
    meta, commands, expected = parse_transcript(args.transcript)
    base = os.path.dirname(os.path.abspath(args.transcript))
    ss_port, sipp_port, media_port = free_ports(3)
    repl = sipp = None
    try:
        repl, out = start_repl(args, meta, base, ss_port, workdir)
        if out.until(lambda line: line.startswith("SS on "), time.monotonic() + 60) is None:
            out.drain(time.monotonic() + 2)
            return ["the REPL did not open a run within 60 s"], out.lines
        if meta["ue"]:
            ue = os.path.join(base, meta["ue"])
            sipp = start_sipp(args, ue, (sipp_port, media_port), ss_port, workdir)
        repl.stdin.write(("\n".join(commands) + "\n").encode())
        repl.stdin.close()
        if not out.drain(time.monotonic() + args.limit):
            return [f"the REPL did not end within {args.limit:g} s"], out.lines
        code = wait_for(repl, 5, "REPL")
        problems = compare(expected, out.lines)
        if str(code) != meta["exit"]:
            problems.append(f"REPL exit {code}, expected {meta['exit']}")
        return problems, out.lines
    finally:
        for process, name in ((repl, "REPL"), (sipp, "SIPp")):
            stop(process, name)


def update(path, lines):
    """Rewrites the transcript from a session's output, keeping its leading comments."""
    with open(path) as f:
        head = [raw for raw in f.read().splitlines() if raw.startswith("#")]
    body = [normalise(line) for line in lines]
    with open(path, "w") as f:
        f.write("\n".join(head + body) + "\n")


def run(args, workdir):
    problems, lines = play(args, workdir)
    if args.update:
        update(args.transcript, lines)
        print(f"transcript: rewrote {args.transcript}: review the difference")
        return 0
    if problems or args.verbose:
        print("\n".join(lines))
    for problem in problems:
        print(f"transcript: FAILED: {problem}")
    if problems:
        dump_logs(workdir, 6000)
    return 1 if problems else 0


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--scn", required=True)
    p.add_argument("--sipp", default="sipp")
    p.add_argument("--limit", type=float, default=60, help="seconds for the whole session")
    p.add_argument("--verbose", action="store_true", help="print the REPL's output")
    p.add_argument("--update", action="store_true",
                   help="rewrite the transcript from this session's output (then review it)")
    p.add_argument("transcript")
    args = p.parse_args()
    args.scn = os.path.abspath(args.scn)
    return run_with_sipp(args, run, "transcript", "scn-repl-")


if __name__ == "__main__":
    code = main()
    sys.exit(77 if code == SKIP else code)
