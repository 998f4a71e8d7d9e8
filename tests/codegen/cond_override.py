#!/usr/bin/env python3
"""`--set CODE=false` withdraws a condition code a step applied: runs cond_override.scn
(under `scn run` or as a built executable) against a tiny UDP UE that sends a MESSAGE and
checks whether the SS's 200 OK carries the row the code adds.

Usage: cond_override.py (--scn SCN --scenario FILE | --exe EXE) --port PORT
       [--set NAME=VALUE]... (--header-present | --header-absent | --expect-error REGEX)
Every wait is bounded and the SS is stopped on failure. Exit 0 when the expectation held.
"""
import argparse
import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time

HEADER = "Organization"  # what cond_override.scn sends under A1
LIMIT = 60  # seconds for the SS to compile, bind and end


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ss = p.add_mutually_exclusive_group(required=True)
    ss.add_argument("--scn")
    ss.add_argument("--exe")
    p.add_argument("--scenario")
    p.add_argument("--port", type=int, required=True, help="the SS's port; the UE's is +50")
    p.add_argument("--set", action="append", default=[], dest="settings")
    want = p.add_mutually_exclusive_group(required=True)
    want.add_argument("--header-present", action="store_true")
    want.add_argument("--header-absent", action="store_true")
    want.add_argument("--expect-error", help="regex on the ERROR line (exit 3, no run)")
    args = p.parse_args()
    if args.scn and not args.scenario:
        p.error("--scn needs --scenario")
    for name in ("scn", "exe", "scenario"):
        if getattr(args, name):
            setattr(args, name, os.path.abspath(getattr(args, name)))
    return args


def ss_command(args):
    head = [args.scn, "run", args.scenario] if args.scn else [args.exe]
    command = head + ["--bind", f"127.0.0.1:{args.port}", "--timeout", "5", "--linger", "0"]
    for setting in args.settings:
        command += ["--set", setting]
    return command


def message(ss_port, ue_port):
    body = "hello"
    return (f"MESSAGE sip:ss@127.0.0.1:{ss_port} SIP/2.0\r\n"
            f"Via: SIP/2.0/UDP 127.0.0.1:{ue_port};branch=z9hG4bK-cond-1;rport\r\n"
            "Max-Forwards: 70\r\n"
            "From: <sip:ue@127.0.0.1>;tag=ue-1\r\n"
            "To: <sip:ss@127.0.0.1>\r\n"
            "Call-ID: cond-override-1@127.0.0.1\r\n"
            "CSeq: 1 MESSAGE\r\n"
            "Content-Type: text/plain\r\n"
            f"Content-Length: {len(body)}\r\n\r\n{body}").encode()


class Lines:
    """The SS's stdout lines, read by a thread so that every wait has a deadline."""

    def __init__(self, ss):
        self.queue = queue.Queue()
        threading.Thread(target=self._read, args=(ss.stdout,), daemon=True).start()

    def _read(self, stream):
        for raw in stream:
            self.queue.put(raw.decode(errors="replace").rstrip("\n"))
        self.queue.put(None)

    def next(self, deadline):
        """The next line; None at the end of the output or past the deadline."""
        try:
            line = self.queue.get(timeout=max(0.01, deadline - time.monotonic()))
        except queue.Empty:
            return None
        if line is not None:
            print(f"SS: {line}")
        return line


def exchange(args):
    """Sends the MESSAGE once the SS is bound; the 200 OK's text, or a problem."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as ue:
        ue.bind(("127.0.0.1", args.port + 50))
        ue.settimeout(1)
        deadline = time.monotonic() + 10
        request = message(args.port, args.port + 50)
        while time.monotonic() < deadline:  # the SS may drop a datagram: resend
            ue.sendto(request, ("127.0.0.1", args.port))
            try:
                data, _ = ue.recvfrom(65535)
            except socket.timeout:
                continue
            text = data.decode(errors="replace")
            if text.startswith("SIP/2.0 200"):
                return text, None
        return None, "no 200 OK from the SS within 10 s"


def has_header(response, name):
    head = response.split("\r\n\r\n", 1)[0]
    return any(line.lower().startswith(name.lower() + ":") for line in head.split("\r\n")[1:])


def run(args, ss):
    deadline = time.monotonic() + LIMIT
    lines = Lines(ss)
    if args.expect_error:
        last = None
        while (line := lines.next(deadline)) is not None:
            last = line
        ss.wait(timeout=max(1, deadline - time.monotonic()))
        if ss.returncode != 3 or not re.search(args.expect_error, last or ""):
            return f"expected exit 3 and an ERROR line matching {args.expect_error!r}, got " \
                   f"exit {ss.returncode} and {last!r}"
        return None
    line = lines.next(deadline)
    while line is not None and not line.startswith("SS on "):
        line = lines.next(deadline)
    if line is None:
        return "the SS did not start"
    response, problem = exchange(args)
    if problem:
        return problem
    print(response.split("\r\n\r\n", 1)[0])
    last = None
    while (line := lines.next(deadline)) is not None:
        last = line
    ss.wait(timeout=max(1, deadline - time.monotonic()))
    if ss.returncode != 0 or last != "PASS":
        return f"expected exit 0 and PASS, got exit {ss.returncode} and {last!r}"
    if has_header(response, HEADER) != bool(args.header_present):
        return f"{HEADER} {'missing from' if args.header_present else 'present in'} the 200 OK"
    return None


def main():
    args = parse_args()
    try:
        ss = subprocess.Popen(ss_command(args), stdout=subprocess.PIPE)
    except OSError as e:
        print(f"cond_override: cannot start the SS: {e}", file=sys.stderr)
        return 1
    try:
        problem = run(args, ss)
    except (subprocess.TimeoutExpired, OSError) as e:
        problem = f"{type(e).__name__}: {e}"
    finally:
        if ss.poll() is None:
            ss.kill()
            ss.wait(timeout=10)
    if problem:
        print(f"cond_override: {problem}", file=sys.stderr)
        return 1
    print("cond_override: as expected")
    return 0


if __name__ == "__main__":
    sys.exit(main())
