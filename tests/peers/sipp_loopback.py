#!/usr/bin/env python3
"""Runs an SS harness against SIPp as the UE on loopback, optionally through the lossy
UDP relay, and checks both sides' results.

Every wait is bounded and everything started is stopped, also on failure. Ports are
probed free on 127.0.0.1 outside the ephemeral range and locked, so parallel tests
do not clash (free_ports).
Exit status: 0 when every expectation held, 1 otherwise, 77 when SIPp is not installed.
"""
import argparse
import fcntl
import os
import random
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

SKIP = 77


def _unassigned_range():
    """Ports the kernel never hands out for a bind to port 0 (outside its ephemeral range):
    a port probed free there stays free until our peer binds it, unless another test
    chooses it too, which the lock files below prevent."""
    low, high = 32768, 60999
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
            low, high = (int(x) for x in f.read().split())
    except (OSError, ValueError):
        pass
    if low - 10000 >= 4000:
        return 10000, low - 3
    if 65533 - high >= 4000:
        return high + 1, 65533
    return 1024, 65533


_PORT_LOCKS = []  # held open for this process's life: the ports it chose stay its own


def _claim(port):
    """True when no test process, this one included, holds the lock file of port, port+1
    or port+2 (SIPp's media); then keeps the three locks, else none. flock refuses a
    second lock of a file even to the process that holds the first, so a port near one
    this process chose is refused too."""
    folder = os.path.join(tempfile.gettempdir(), "scn-test-ports")
    os.makedirs(folder, exist_ok=True)
    taken = []
    for number in range(port, port + 3):
        handle = open(os.path.join(folder, str(number)), "a")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            for held in taken:
                held.close()  # closing the file releases its lock
            return False
        taken.append(handle)
    _PORT_LOCKS.extend(taken)
    return True


def _bindable(port):
    """port free for UDP and TCP and port+2 for UDP (SIPp media uses it)."""
    held = []
    try:
        for kind, offset in ((socket.SOCK_DGRAM, 0), (socket.SOCK_STREAM, 0),
                             (socket.SOCK_DGRAM, 2)):
            s = socket.socket(socket.AF_INET, kind)
            held.append(s)
            s.bind(("127.0.0.1", port + offset))
        return True
    except OSError:
        return False
    finally:
        for s in held:
            s.close()


def free_ports(count):
    """Ports free for UDP and TCP right now; each also has port+2 free for UDP (SIPp
    media uses it). Chosen outside the kernel's ephemeral range, so that a socket bound
    to port 0 meanwhile (a media socket of a parallel test) cannot take them, and
    locked for this process's life, so that a parallel test does not choose them."""
    low, high = _unassigned_range()
    ports = []
    for _ in range(2000):
        if len(ports) == count:
            return ports
        port = random.randrange(low, high - 2)
        if not _claim(port) or not _bindable(port):
            continue
        ports.append(port)
    raise RuntimeError(f"no {count} free ports found between {low} and {high}")


def stop(process, name):
    """Ends a process we started: SIGTERM, then SIGKILL after a grace period."""
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=3)
    except subprocess.TimeoutExpired:
        print(f"driver: {name} ignored SIGTERM, killing it")
        process.kill()
        process.wait(timeout=3)


class Lines:
    """Lines of a child's stdout, read with select() so every wait has a deadline."""

    def __init__(self, process):
        self.fd = process.stdout.fileno()
        self.buffer = b""
        self.lines = []
        self.eof = False

    def until(self, predicate, deadline):
        """The first new line for which predicate holds; None at EOF or the deadline."""
        while True:
            while b"\n" in self.buffer:
                raw, self.buffer = self.buffer.split(b"\n", 1)
                line = raw.decode(errors="replace")
                self.lines.append(line)
                if predicate(line):
                    return line
            left = deadline - time.monotonic()
            if self.eof or left <= 0:
                return None
            ready, _, _ = select.select([self.fd], [], [], min(left, 0.2))
            if ready:
                chunk = os.read(self.fd, 4096)
                self.eof = not chunk
                self.buffer += chunk if chunk else b"\n" if self.buffer else b""

    def drain(self, deadline):
        """Everything up to EOF (or the deadline); True when EOF was reached."""
        self.until(lambda line: False, deadline)
        return self.eof


def wait_for(process, seconds, name):
    try:
        return process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        print(f"driver: {name} still running after {seconds} s")
        return None


def read_text(path, tail=None):
    """The text of PATH (its last TAIL characters when given); None when it is missing."""
    if not os.path.exists(path):
        return None
    with open(path, errors="replace") as f:
        text = f.read()
    return text[-tail:] if tail else text


def dump_logs(workdir, tail):
    for name in sorted(os.listdir(workdir)):
        if name.endswith(".log") or name.endswith(".trace"):
            print(f"----- {name}\n{read_text(os.path.join(workdir, name), tail)}")


def verdict_problems(args, ss_code, ss_lines, sipp_code):
    """What is wrong with the SS's exit status and last line and SIPp's exit status."""
    problems = []
    last = ss_lines[-1] if ss_lines else ""
    if ss_code != args.expect_exit:
        problems.append(f"SS exit {ss_code}, expected {args.expect_exit}")
    if not re.search(args.expect_last_line, last):
        problems.append(f"SS last line {last!r} does not match {args.expect_last_line!r}")
    if args.expect_sipp == "pass" and sipp_code != 0:
        problems.append(f"SIPp (the UE) exit {sipp_code}, expected 0")
    return problems


def report_problems(tag, problems, workdir, tail):
    """Prints PROBLEMS (and the logs when there are any); the exit status: 0 or 1."""
    for problem in problems:
        print(f"{tag}: FAILED: {problem}")
    if problems:
        dump_logs(workdir, tail)
        return 1
    return 0


def run_with_sipp(args, run, tag, scratch_prefix):
    """SKIP when SIPp is missing, else run(args, workdir) in a scratch directory."""
    if shutil.which(args.sipp) is None:
        print(f"{tag}: SKIP: {args.sipp} not found (Debian package sip-tester)")
        return SKIP
    with tempfile.TemporaryDirectory(prefix=scratch_prefix) as workdir:
        return run(args, workdir)


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--sipp", default="sipp")
    p.add_argument("--harness", required=True)
    p.add_argument("--scenario", required=True)
    p.add_argument("--transport", choices=["udp", "tcp"], default="udp")
    p.add_argument("--relay", help="udp_lossy_relay binary: run through it (UDP only)")
    p.add_argument("--loss", type=int, default=20)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--ss-timeout", type=int, default=10, help="--timeout for the SS")
    p.add_argument("--expect-exit", type=int, default=0)
    p.add_argument("--expect-last-line", default="^PASS$", help="regex on the SS's last line")
    p.add_argument("--expect-sipp", choices=["pass", "any"], default="pass")
    p.add_argument("--expect-dropped", action="store_true",
                   help="the relay must report at least one dropped datagram")
    p.add_argument("--limit", type=int, default=90, help="seconds for the whole run")
    return p.parse_args()


def start_relay(args, relay_port, ss_port):
    relay = subprocess.Popen(
        [args.relay, "--listen", f"127.0.0.1:{relay_port}", "--ss", f"127.0.0.1:{ss_port}",
         "--loss", str(args.loss), "--seed", str(args.seed), "--max-seconds", str(args.limit)],
        stdout=subprocess.PIPE)
    lines = Lines(relay)
    if lines.until(lambda line: line == "ready", time.monotonic() + 5) is None:
        raise RuntimeError("the relay did not start")
    return relay, lines


def start_ss(args, ss_port, workdir):
    command = [args.harness, "--bind", f"127.0.0.1:{ss_port}", "--timeout", str(args.ss_timeout),
               "--transport", args.transport,
               "--trace", os.path.join(workdir, "ss.trace"),
               "--junit", os.path.join(workdir, "ss.junit.xml"),
               "--set", "px_IMS_HomeDomainName=example.net", "--set", "A1=false"]
    ss = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    lines = Lines(ss)
    # The SS is bound once it prints "SS on udp ...".
    if lines.until(lambda line: line.startswith("SS on "), time.monotonic() + 5) is None:
        raise RuntimeError("the SS did not start:\n" + "\n".join(lines.lines))
    return ss, lines


def start_sipp(args, sipp_port, media_port, target_port, workdir):
    command = [args.sipp, "-sf", os.path.abspath(args.scenario), f"127.0.0.1:{target_port}",
               "-i", "127.0.0.1", "-p", str(sipp_port), "-mp", str(media_port),
               "-m", "1", "-nostdin", "-max_invite_retrans", "12",
               "-max_non_invite_retrans", "12", "-timeout", f"{args.limit - 10}s",
               "-timeout_error", "-trace_err", "-trace_msg"]
    if args.transport == "tcp":
        command += ["-t", "t1"]
    with open(os.path.join(workdir, "sipp.stderr.log"), "w") as errors:
        return subprocess.Popen(command, cwd=workdir, stdout=subprocess.DEVNULL, stderr=errors)


def check(args, ss_code, ss_lines, sipp_code, relay_report, workdir):
    problems = verdict_problems(args, ss_code, ss_lines, sipp_code)
    if args.relay:
        m = re.search(r"dropped (\d+)$", relay_report or "")
        if not m:
            problems.append(f"no relay report: {relay_report!r}")
        elif args.expect_dropped and int(m.group(1)) == 0:
            problems.append("the relay dropped nothing: the test proves no retransmission")
    if args.expect_exit == 0 and not os.path.exists(os.path.join(workdir, "ss.junit.xml")):
        problems.append("no JUnit report written")
    return problems


def run(args, workdir):
    ss_port, sipp_port, media_port, relay_port = free_ports(4)
    relay = ss = sipp = None
    relay_report = None
    deadline = time.monotonic() + args.limit
    try:
        if args.relay:
            relay, relay_lines = start_relay(args, relay_port, ss_port)
        ss, ss_out = start_ss(args, ss_port, workdir)
        sipp = start_sipp(args, sipp_port, media_port, relay_port if relay else ss_port, workdir)
        if not ss_out.drain(deadline):
            raise RuntimeError(f"the SS did not finish within {args.limit} s")
        ss_code = wait_for(ss, 5, "SS")
        sipp_code = wait_for(sipp, 20 if args.expect_sipp == "pass" else 1, "SIPp")
        if relay:
            stop(relay, "relay")
            relay_lines.drain(time.monotonic() + 3)
            relay_report = relay_lines.lines[-1] if relay_lines.lines else ""
    except RuntimeError as e:
        print(f"driver: {e}")
        if ss is not None:
            print("\n".join(ss_out.lines))
        return 1
    finally:
        for process, name in ((ss, "SS"), (sipp, "SIPp"), (relay, "relay")):
            stop(process, name)
    ss_lines = ss_out.lines
    print("\n".join(ss_lines))
    if relay_report:
        print(relay_report)
    print(f"driver: SS exit {ss_code}, SIPp exit {sipp_code}")
    problems = check(args, ss_code, ss_lines, sipp_code, relay_report, workdir)
    return report_problems("driver", problems, workdir, 6000)


def main():
    return run_with_sipp(parse_args(), run, "driver", "scn-sipp-")


if __name__ == "__main__":
    sys.exit(main())
