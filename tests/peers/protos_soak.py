#!/usr/bin/env python3
"""A long-running SS under hostile traffic: one SS (--repeat CALLS) plays the network for
CALLS conformant calls of a SIPp UE, one after the other, while a second sender on another
port sends it PROTOS c07-sip malformed INVITEs (each with its teardown CANCEL).

Pass criteria: every call passes (one PASS line per call, the summary line last, exit 0,
SIPp exit 0), the SS neither crashes nor ends early, its resident memory (VmRSS) grows by
less than --max-growth-mb between the first call's verdict and the last, and every case
sent was answered or dropped: the SS counted it as a message from no party or answered
it, within --max-unseen of what was sent. Prints the figures (cases sent, calls passed,
RSS before/after, strays counted, duration). Every wait is bounded, everything started is
stopped. Exit status: 0 when all held, 1 otherwise, 77 when SIPp is missing.
"""
import argparse
import os
import re
import secrets
import socket
import subprocess
import sys
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sipp_loopback import (SKIP, dump_logs, free_ports, run_with_sipp,  # noqa: E402
                           stop, wait_for)
from proc_stat import rss_kb  # noqa: E402

MAX_DATAGRAM = 65507  # the largest UDP payload over IPv4
LOAD_SUMMARY = re.compile(r"^load: (\d+) started, (\d+) passed, (\d+) failed, (\d+) inconc, "
                          r"(\d+) error in ")
LOAD_OTHERS = re.compile(r"^load: (\d+) new calls answered 503, (\d+) messages for no call, "
                         r"(\d+) for calls that had ended$")
SUMMARY = re.compile(r"^runs: (\d+), (\d+) passed, (\d+) failed, (\d+) inconc, (\d+) error, "
                     r"(\d+) from no party ignored$")


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ss = p.add_mutually_exclusive_group(required=True)
    ss.add_argument("--scn", help="the scn driver: run SCENARIO with `scn run` (JIT)")
    ss.add_argument("--exe", help="an executable built by `scn build`")
    p.add_argument("--scenario", help="the .scn file (with --scn)")
    p.add_argument("--ue", required=True, help="the SIPp UE scenario (XML), one call")
    p.add_argument("--corpus", required=True, help="the protos-c07-sip folder")
    p.add_argument("--sipp", default="sipp")
    p.add_argument("--domain", default="home1.net", help="px_IMS_HomeDomainName, both sides")
    p.add_argument("--calls", type=int, default=10, help="conformant calls (SS runs)")
    p.add_argument("--cases", default="300",
                   help="PROTOS cases: a count spread evenly over the suite, or 'all'")
    p.add_argument("--rate", type=float, default=40, help="cases sent per second")
    p.add_argument("--load", action="store_true",
                   help="the SS in load mode (`--load`): the calls at once, SIPp at --sipp-rate")
    p.add_argument("--sipp-rate", type=float, default=50, help="calls per second (--load)")
    p.add_argument("--concurrency", type=int, default=200, help="the SS's --concurrency (--load)")
    p.add_argument("--max-growth-mb", type=float, default=20, help="bound on VmRSS growth")
    p.add_argument("--max-unseen", type=float, default=0.05,
                   help="fraction of the datagrams sent that may go unseen (between runs "
                        "the SS's socket is closed for a moment)")
    p.add_argument("--start-limit", type=float, default=60,
                   help="seconds for the SS to compile and bind")
    p.add_argument("--limit", type=float, default=300, help="seconds for the whole soak")
    args = p.parse_args(argv)
    if args.scn and not args.scenario:
        p.error("--scn needs --scenario")
    for name in ("scn", "exe", "scenario", "ue", "corpus"):
        value = getattr(args, name)
        if value and (os.sep in value or name != "scn"):
            setattr(args, name, os.path.abspath(value))
    return args


# ------------------------------------------------------------------ PROTOS cases --

def literal_length_cases(corpus):
    """Case numbers whose Content-Length is the test vector (GROUPS.tsv: not refilled)."""
    numbers = set()
    with open(os.path.join(corpus, "GROUPS.tsv"), encoding="latin-1") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if not line.startswith("#")]
    for cells in rows[1:]:
        if len(cells) >= 9 and "<Content-Length>" in cells[8]:
            numbers.update(range(int(cells[0]), int(cells[1]) + 1))
    return numbers


def records(data):
    """The two length-prefixed records of a case file: the INVITE and the teardown."""
    out = []
    while data:
        length, _, rest = data.partition(b" ")
        n = int(length)
        out.append(rest[:n])
        data = rest[n:]
    return out


def filled(record, number, port, literal_length):
    """A record with the placeholders filled for a sender on 127.0.0.1:PORT."""
    values = {b"<To>": b"ss@127.0.0.1", b"<From>": b"protos@127.0.0.1",
              b"<From-Address>": b"127.0.0.1", b"<From-IP>": b"127.0.0.1",
              b"<Local-Port>": str(port).encode(), b"<Branch-ID>": secrets.token_hex(8).encode(),
              b"<Call-ID>": f"protos{number:07d}{secrets.token_hex(8)}".encode(),
              b"<CSeq>": b"8000", b"<Teardown-Method>": b"CANCEL"}
    for key, value in values.items():
        record = record.replace(key, value)
    if not literal_length:
        end = record.find(b"\r\n\r\n")
        body = 0 if end < 0 else len(record) - (end + 4)
        record = record.replace(b"<Content-Length>", str(body).encode())
    return record


def chosen_cases(spec, total=4527):
    if spec == "all":
        return list(range(total))
    count = max(1, min(int(spec), total))
    return sorted({i * total // count for i in range(count)})


class Sender(threading.Thread):
    """Sends the cases from a port of its own at a steady rate; counts what it sent, what
    was too large for one datagram, and the responses it got."""

    def __init__(self, corpus, cases, rate, ss_port):
        super().__init__(daemon=True)
        self.corpus, self.cases, self.rate, self.ss_port = corpus, cases, rate, ss_port
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.setblocking(False)
        self.literal = literal_length_cases(corpus)
        self.sent = self.too_large = self.responses = self.cases_sent = 0
        self.halt = threading.Event()

    def run(self):
        port = self.sock.getsockname()[1]
        start = time.monotonic()
        for i, number in enumerate(self.cases):
            if self.halt.is_set():
                break
            with open(os.path.join(self.corpus, "cases", f"{number:07d}"), "rb") as f:
                parts = records(f.read())
            for record in parts:
                self.send(filled(record, number, port, number in self.literal))
            self.cases_sent += 1
            self.drain()
            time.sleep(max(0.0, start + (i + 1) / self.rate - time.monotonic()))
        deadline = time.monotonic() + 1  # the SS's 100 Trying comes 200 ms after an INVITE
        while time.monotonic() < deadline and not self.halt.is_set():
            self.drain()
            time.sleep(0.05)

    def send(self, datagram):
        if len(datagram) > MAX_DATAGRAM:
            self.too_large += 1
            return
        try:
            self.sock.sendto(datagram, ("127.0.0.1", self.ss_port))
            self.sent += 1
        except OSError:  # ECONNREFUSED from an earlier ICMP: the SS was between runs
            self.sent += 1

    def drain(self):
        while True:
            try:
                self.sock.recv(70000)
                self.responses += 1
            except (BlockingIOError, ConnectionRefusedError):
                return


# ------------------------------------------------------------------- processes --

class Output(threading.Thread):
    """Reads the SS's stdout to the end (it must never block on a full pipe)."""

    def __init__(self, process):
        super().__init__(daemon=True)
        self.process, self.lines = process, []
        self.started = threading.Event()
        self.first_pass = threading.Event()

    def run(self):
        for raw in self.process.stdout:
            line = raw.decode(errors="replace").rstrip("\n")
            self.lines.append(line)
            if line.startswith("SS on "):
                self.started.set()
            if line == "PASS":
                self.first_pass.set()
            if re.match(r"^load: \S* on udp ", line):  # load mode prints no PASS lines
                self.started.set()
                self.first_pass.set()


def start_ss(args, ss_port, ue_port, workdir):
    head = [args.scn, "run", args.scenario] if args.scn else [args.exe]
    command = head + ["--bind", f"127.0.0.1:{ss_port}", "--ue", f"127.0.0.1:{ue_port}",
                      "--timeout", "10", "--set", f"px_IMS_HomeDomainName={args.domain}"]
    if args.load:
        command += ["--load", "--calls", str(args.calls), "--concurrency", str(args.concurrency),
                    "--quiet", "--stats", os.path.join(workdir, "stats.csv")]
    else:
        command += ["--repeat", str(args.calls), "--linger", "1"]
    with open(os.path.join(workdir, "ss.stderr.log"), "w") as errors:
        ss = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, cwd=workdir)
    out = Output(ss)
    out.start()
    if not out.started.wait(args.start_limit):
        raise RuntimeError("the SS did not start: " + " ".join(command))
    return ss, out


def start_sipp(args, ss_port, ue_port, media_port, workdir):
    command = [args.sipp, "-sf", args.ue, f"127.0.0.1:{ss_port}", "-i", "127.0.0.1",
               "-p", str(ue_port), "-mp", str(media_port), "-m", str(args.calls),
               *(["-r", str(args.sipp_rate)] if args.load else ["-l", "1"]),
               "-nostdin", "-key", "home_domain", args.domain,
               "-timeout", f"{int(args.limit)}s", "-timeout_error",
               "-trace_err", "-error_file", os.path.join(workdir, "sipp.errors.log")]
    with open(os.path.join(workdir, "sipp.stderr.log"), "w") as errors:
        return subprocess.Popen(command, cwd=workdir, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=errors)


def soak(args, workdir):
    """Runs everything; the figures as a dict."""
    ss_port, ue_port, media_port = free_ports(3)
    ss = sipp = sender = None
    start = time.monotonic()
    try:
        ss, out = start_ss(args, ss_port, ue_port, workdir)
        sender = Sender(args.corpus, chosen_cases(args.cases), args.rate, ss_port)
        sipp = start_sipp(args, ss_port, ue_port, media_port, workdir)
        sender.start()
        rss_before = rss_kb(ss.pid) if out.first_pass.wait(args.limit) else None
        rss_after, rss_peak = rss_before, rss_before or 0
        deadline = start + args.limit
        while ss.poll() is None and time.monotonic() < deadline:
            sample = rss_kb(ss.pid)
            if sample:
                rss_after, rss_peak = sample, max(rss_peak, sample)
            time.sleep(0.2)
        sender.halt.set()
        ss_code = wait_for(ss, 5, "SS")
        out.join(5)
        sender.join(5)
        sipp_code = wait_for(sipp, 10, "SIPp")
        return {"ss_code": ss_code, "sipp_code": sipp_code, "lines": out.lines,
                "sender": sender, "rss_before": rss_before, "rss_after": rss_after,
                "rss_peak": rss_peak, "seconds": time.monotonic() - start}
    finally:
        if sender:
            sender.halt.set()
        for process, name in ((ss, "SS"), (sipp, "SIPp")):
            stop(process, name)


def load_figures(lines):
    """(started, passed, non-passes, strays and late) from load mode's summary lines."""
    summary = next((LOAD_SUMMARY.match(line) for line in lines if LOAD_SUMMARY.match(line)), None)
    others = next((LOAD_OTHERS.match(line) for line in lines if LOAD_OTHERS.match(line)), None)
    if not summary:
        return None
    started, passed = int(summary.group(1)), int(summary.group(2))
    strays = int(others.group(2)) + int(others.group(3)) if others else 0
    return started, passed, started - passed, strays


def load_problems(args, f):
    problems = []
    figures = load_figures(f["lines"])
    sender = f["sender"]
    if f["ss_code"] != 0:
        problems.append(f"SS exit {f['ss_code']}, expected 0")
    if figures is None:
        return problems + ["no load summary line"]
    started, passed, _, strays = figures
    if started != args.calls or passed != args.calls:
        problems.append(f"{started} calls started, {passed} passed; expected {args.calls} each")
    if f["sipp_code"] != 0:
        problems.append(f"SIPp (the UE) exit {f['sipp_code']}, expected 0")
    if sender.cases_sent != len(chosen_cases(args.cases)):
        problems.append(f"only {sender.cases_sent} cases sent before the SS ended")
    if strays > sender.sent or strays < sender.sent * (1 - args.max_unseen):
        problems.append(f"the SS counted {strays} messages of no call of {sender.sent} sent")
    return problems


def problems_of(args, f):
    if args.load:
        return load_problems(args, f)
    problems = []
    lines, sender = f["lines"], f["sender"]
    last = lines[-1] if lines else ""
    summary = SUMMARY.match(last)
    passes = sum(1 for line in lines if line == "PASS")
    if f["ss_code"] != 0:
        problems.append(f"SS exit {f['ss_code']}, expected 0")
    if not summary:
        problems.append(f"SS last line {last!r} is no summary")
    elif int(summary.group(1)) != args.calls or int(summary.group(2)) != args.calls:
        problems.append(f"summary {last!r}: expected {args.calls} runs, all passed")
    if passes != args.calls:
        problems.append(f"{passes} PASS lines for {args.calls} calls")
    if f["sipp_code"] != 0:
        problems.append(f"SIPp (the UE) exit {f['sipp_code']}, expected 0")
    if f["rss_before"] is None or f["rss_after"] is None:
        problems.append("no VmRSS read")
    elif f["rss_after"] - f["rss_before"] > args.max_growth_mb * 1024:
        problems.append(f"VmRSS grew {f['rss_after'] - f['rss_before']} kB")
    if sender.cases_sent != len(chosen_cases(args.cases)):
        problems.append(f"only {sender.cases_sent} cases sent before the SS ended")
    strays = int(summary.group(6)) if summary else 0
    if strays > sender.sent or strays < sender.sent * (1 - args.max_unseen):
        problems.append(f"the SS counted {strays} messages from no party of {sender.sent} sent")
    return problems


def report(args, f):
    s = f["sender"]
    if args.load:
        figures = load_figures(f["lines"]) or ("?", "?", "?", "?")
        print(f"soak: {s.cases_sent} PROTOS cases sent ({s.sent} datagrams, {s.too_large} too "
              f"large for one datagram, {s.responses} responses to the sender)")
        print(f"soak: load mode, calls started {figures[0]}, passed {figures[1]} of {args.calls}")
        print(f"soak: strays counted by the SS {figures[3]}")
        print("\n".join(line for line in f["lines"] if line.startswith("load: ")))
        print(f"soak: VmRSS after start {f['rss_before']} kB, at the end {f['rss_after']} kB, "
              f"peak {f['rss_peak']} kB")
        print(f"soak: duration {f['seconds']:.1f} s; SS exit {f['ss_code']}, "
              f"SIPp exit {f['sipp_code']}")
        return
    summary = SUMMARY.match(f["lines"][-1] if f["lines"] else "")
    print(f"soak: {s.cases_sent} PROTOS cases sent ({s.sent} datagrams, {s.too_large} too large "
          f"for one datagram, {s.responses} responses to the sender)")
    print(f"soak: calls passed {sum(1 for line in f['lines'] if line == 'PASS')} of {args.calls}")
    print(f"soak: strays counted by the SS {summary.group(6) if summary else '?'}")
    print(f"soak: VmRSS before {f['rss_before']} kB, after {f['rss_after']} kB, "
          f"peak {f['rss_peak']} kB")
    print(f"soak: duration {f['seconds']:.1f} s; SS exit {f['ss_code']}, SIPp exit {f['sipp_code']}")


def run(args, workdir):
    try:
        figures = soak(args, workdir)
    except RuntimeError as e:
        print(f"soak: {e}")
        dump_logs(workdir, 8000)
        return 1
    report(args, figures)
    problems = problems_of(args, figures)
    for problem in problems:
        print(f"soak: FAILED: {problem}")
    if problems:
        print("\n".join(figures["lines"][-60:]))
        dump_logs(workdir, 8000)
    return 1 if problems else 0


def main(argv=None):
    return run_with_sipp(parse_args(argv), run, "soak", "scn-soak-")


if __name__ == "__main__":
    sys.exit(main())
