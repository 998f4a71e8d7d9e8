#!/usr/bin/env python3
"""Runs one compiled test case (scn run, or an executable built by scn build) as the SS
against SIPp playing the UE on loopback, and checks the verdict.

The SS binds a free port and prints "SS on ..." once bound; SIPp (the UE) is started then,
towards that port. Every wait is bounded and every process started is stopped, also on
failure. Exit status: 0 when every expectation held, 1 otherwise, 77 when SIPp is missing.
"""
import argparse
import os
import re
import socket
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# SKIP is also read by callers of main().
from sipp_loopback import (SKIP, Lines, dump_logs, free_ports, read_text,  # noqa: E402
                           report_problems, run_with_sipp, stop, verdict_problems, wait_for)


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ss = p.add_mutually_exclusive_group(required=True)
    ss.add_argument("--scn", help="the scn driver: run SCENARIO with `scn run` (JIT)")
    ss.add_argument("--exe", help="an executable built by `scn build`")
    p.add_argument("--scenario", help="the .scn file (with --scn)")
    p.add_argument("--testcase", help="--testcase for the SS")
    p.add_argument("--ue", required=True, help="the SIPp UE scenario (XML)")
    p.add_argument("--sipp", default="sipp")
    p.add_argument("--transport", choices=["udp", "tcp"], default="udp")
    p.add_argument("--domain", default="home1.net", help="px_IMS_HomeDomainName, both sides")
    p.add_argument("--ss-timeout", default="10", help="--timeout for the SS (seconds)")
    p.add_argument("--linger", default="1", help="--linger for the SS (seconds)")
    p.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                   help="an extra --set for the SS (repeatable)")
    p.add_argument("--expect-exit", type=int, default=0)
    p.add_argument("--expect-last-line", default="^PASS$", help="regex on the SS's last line")
    p.add_argument("--expect-sipp", choices=["pass", "any"], default="pass")
    p.add_argument("--start-limit", type=float, default=60,
                   help="seconds for the SS to compile and bind")
    p.add_argument("--limit", type=float, default=30, help="seconds for the call flow")
    p.add_argument("--json", help="--json FILE for the SS (kept after the run)")
    p.add_argument("--html", help="--html FILE for the SS (kept after the run)")
    p.add_argument("--show-trace", action="store_true", help="print the SS's --trace file")
    p.add_argument("--quiet", action="store_true", help="print only problems")
    p.add_argument("--stray", type=float, metavar="SECONDS",
                   help="this long after the UE starts, a datagram from another port to the SS")
    p.add_argument("--expect-line", action="append", default=[], metavar="REGEX",
                   help="a line of the SS's stdout must match (repeatable)")
    p.add_argument("--expect-trace", action="append", default=[], metavar="REGEX",
                   help="a line of the SS's --trace file must match (repeatable)")
    args = p.parse_args(argv)
    if args.scn and not args.scenario:
        p.error("--scn needs --scenario")
    # The SS and SIPp run in a scratch directory: paths given relative to here must hold.
    for name in ("scn", "exe", "scenario", "ue", "json", "html"):
        value = getattr(args, name)
        if value and (os.sep in value or name in ("scenario", "ue", "json", "html")):
            setattr(args, name, os.path.abspath(value))
    return args


def ss_command(args, ss_port, workdir):
    head = [args.scn, "run", args.scenario] if args.scn else [args.exe]
    command = head + ["--bind", f"127.0.0.1:{ss_port}", "--transport", args.transport,
                      "--timeout", args.ss_timeout, "--linger", args.linger,
                      "--trace", os.path.join(workdir, "ss.trace"),
                      "--junit", os.path.join(workdir, "ss.junit.xml"),
                      "--set", f"px_IMS_HomeDomainName={args.domain}"]
    if args.testcase:
        command += ["--testcase", args.testcase]
    for option in ("json", "html"):
        if getattr(args, option):
            command += [f"--{option}", getattr(args, option)]
    for setting in args.set:
        command += ["--set", setting]
    return command


def start_ss(args, ss_port, workdir):
    command = ss_command(args, ss_port, workdir)
    try:
        # stderr (compiler diagnostics) apart: the verdict must be the last stdout line.
        with open(os.path.join(workdir, "ss.stderr.log"), "w") as errors:
            ss = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, cwd=workdir)
    except OSError as e:
        raise RuntimeError(f"cannot start the SS: {e}") from e
    lines = Lines(ss)
    # The SS is bound once it prints "SS on <transport> <address>".
    if lines.until(lambda line: line.startswith("SS on "),
                   time.monotonic() + args.start_limit) is None:
        stop(ss, "SS")
        lines.drain(time.monotonic() + 2)
        raise RuntimeError(f"the SS did not start within {args.start_limit:g} s: "
                           + " ".join(command) + "\n" + "\n".join(lines.lines))
    return ss, lines


def start_sipp(args, ports, ss_port, workdir):
    sipp_port, media_port = ports
    command = [args.sipp, "-sf", args.ue, f"127.0.0.1:{ss_port}",
               "-i", "127.0.0.1", "-p", str(sipp_port), "-mp", str(media_port),
               "-m", "1", "-nostdin", "-key", "home_domain", args.domain,
               # digest-uri: the REGISTER's Request-URI, as a UE computes it (RFC 3261 22.4)
               "-auth_uri", args.domain,
               "-timeout", f"{int(args.limit)}s", "-timeout_error",
               "-trace_msg", "-message_file", os.path.join(workdir, "sipp.messages.log"),
               "-trace_err", "-error_file", os.path.join(workdir, "sipp.errors.log")]
    if args.transport == "tcp":
        command += ["-t", "t1"]
    with open(os.path.join(workdir, "sipp.stderr.log"), "w") as errors:
        return subprocess.Popen(command, cwd=workdir, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=errors)


def send_stray(ss_port, after):
    """Someone else's datagram: not SIP, from a port no party uses."""
    time.sleep(after)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as stray:
        stray.sendto(b"hello\r\n\r\n", ("127.0.0.1", ss_port))


def check(args, ss_code, ss_lines, sipp_code, workdir):
    problems = verdict_problems(args, ss_code, ss_lines, sipp_code)
    for pattern in args.expect_line:
        if not any(re.search(pattern, line) for line in ss_lines):
            problems.append(f"no line of the SS matches {pattern!r}")
    trace = read_text(os.path.join(workdir, "ss.trace"))
    if not trace:
        problems.append("no message trace written (--trace)")
    elif ss_lines and "verdict: " + ss_lines[-1] not in trace.splitlines():
        problems.append(f"the trace does not end with 'verdict: {ss_lines[-1]}'")
    for pattern in args.expect_trace:
        if trace and not re.search(pattern, trace, re.MULTILINE):
            problems.append(f"no line of the trace matches {pattern!r}")
    if not os.path.exists(os.path.join(workdir, "ss.junit.xml")):
        problems.append("no JUnit report written (--junit)")
    return problems


def play(args, workdir):
    """Runs the SS and the UE; returns (SS exit, SS lines, SIPp exit)."""
    ss_port, sipp_port, media_port = free_ports(3)
    ss = sipp = None
    try:
        ss, ss_out = start_ss(args, ss_port, workdir)
        sipp = start_sipp(args, (sipp_port, media_port), ss_port, workdir)
        if args.stray is not None:
            send_stray(ss_port, args.stray)
        # The SS ends on its own: verdict, then the linger time.
        if not ss_out.drain(time.monotonic() + args.limit + float(args.linger)):
            raise RuntimeError(f"the SS did not finish within {args.limit:g} s:\n"
                               + "\n".join(ss_out.lines))
        ss_code = wait_for(ss, 5, "SS")
        # A UE expected to pass gets time to finish, unless the SS already judged otherwise.
        patient = args.expect_sipp == "pass" and ss_code == args.expect_exit
        sipp_code = wait_for(sipp, 10 if patient else 1, "SIPp")
        return ss_code, ss_out.lines, sipp_code
    finally:
        for process, name in ((ss, "SS"), (sipp, "SIPp")):
            stop(process, name)


def run(args, workdir):
    try:
        ss_code, ss_lines, sipp_code = play(args, workdir)
    except RuntimeError as e:
        print(f"e2e: {e}")
        dump_logs(workdir, 8000)
        return 1
    problems = check(args, ss_code, ss_lines, sipp_code, workdir)
    if not args.quiet or problems:
        print("\n".join(ss_lines))
        print(f"e2e: SS exit {ss_code}, SIPp exit {sipp_code}")
    if args.show_trace:
        print(f"----- message trace\n{read_text(os.path.join(workdir, 'ss.trace')) or ''}")
    return report_problems("e2e", problems, workdir, 8000)


def main(argv=None):
    return run_with_sipp(parse_args(argv), run, "e2e", "scn-e2e-")


if __name__ == "__main__":
    sys.exit(main())
