"""What the tests of the real UEs share: ports, SIPp instances, the UE under test, bounded
waits, clean-up on success and failure, logs on failure.

A test is a function test(t) run by main(test, ...): `t` gives a scratch directory, a
block of free ports and start_* helpers whose processes are all stopped when the test
ends, whatever the outcome. Exit status: 0 pass, 1 fail, 77 when a UE program or SIPp is
not installed (ctest counts it as skipped).
"""
import argparse
import contextlib
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from ctrl_tcp import CtrlError  # noqa: E402

SKIP = 77
SIPP_DIR = os.path.join(HERE, "sipp")
BLOCK = 40  # ports per test: see Ports


class Failure(Exception):
    """The UE or the network side did not do what the test expects."""


class Skip(Exception):
    pass


def port_block(size=BLOCK, attempts=200):
    """The first port of SIZE consecutive ports free on 127.0.0.1 for UDP and TCP now.
    Blocks are drawn at random below the kernel's ephemeral range (32768-60999 on Linux),
    so neither parallel tests nor the sockets the kernel numbers itself take them between
    this check and their use a second later."""
    rng = random.SystemRandom()
    for _ in range(attempts):
        base = rng.randrange(12000, 32768 - size, 64)
        held = []
        try:
            for port in range(base, base + size):
                for kind in (socket.SOCK_DGRAM, socket.SOCK_STREAM):
                    s = socket.socket(socket.AF_INET, kind)
                    held.append(s)
                    s.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue
        finally:
            for s in held:
                s.close()
    raise RuntimeError("no block of free ports on 127.0.0.1")


class Ports:
    """A block of ports, by use: two SIPp instances (SIP and media), the UE's SIP (baresip
    also binds SIP+1 for TLS), its ctrl_tcp and 20 RTP ports."""

    def __init__(self, base):
        self.sipp = base          # SIPp playing the P-CSCF (the UE's outbound proxy)
        self.sipp2 = base + 1     # a second SIPp (say, the conference focus)
        self.media = base + 4     # SIPp media ports: base+4..base+7 and base+8..base+11
        self.media2 = base + 8
        self.ue_sip = base + 12   # and base+13 (baresip's SIP over TLS)
        self.ue_ctrl = base + 14
        self.rtp = (base + 20, base + 39)


class Process:
    """A child process with its output in a log file; stop() is bounded and idempotent."""

    def __init__(self, name, command, log, cwd=None, stdin=subprocess.DEVNULL):
        self.name, self.command, self.log = name, command, log
        self.logfile = open(log, "w")
        self.popen = subprocess.Popen(command, stdin=stdin, stdout=self.logfile,
                                      stderr=subprocess.STDOUT, cwd=cwd)

    def wait(self, seconds):
        """The exit status, or None when still running after SECONDS."""
        try:
            return self.popen.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            return None

    def stop(self):
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
            if self.wait(3) is None:
                self.popen.kill()
                self.popen.wait(timeout=3)
        self.logfile.close()
        return self.popen.returncode


class Test:
    def __init__(self, name, workdir, stack):
        self.name, self.dir, self.stack = name, workdir, stack
        self.ports = Ports(port_block())
        self.t0 = time.monotonic()

    def say(self, text):
        print(f"[{time.monotonic() - self.t0:6.2f}] {text}", flush=True)

    def ctrl_log(self, ue):
        def log(direction, message):
            if direction == "->":
                self.say(f"{ue} <- {message.get('command')} {message.get('params', '')}")
            elif message.get("event"):
                extra = " ".join(str(message[k]) for k in ("state", "param") if message.get(k))
                self.say(f"{ue} event {message.get('class')}/{message.get('type')} {extra}")
            else:
                data = (message.get("data") or "").strip().replace("\n", " | ")
                self.say(f"{ue} response ok={message.get('ok')} {data[:120]}")
        return log

    def start_sipp(self, scenario, remote, port, media_port, name="sipp", calls=1,
                   limit=30, keys=None, extra=()):
        """SIPp with SCENARIO (a file in sipp/) from 127.0.0.1:PORT, towards REMOTE
        (HOST:PORT; for a UAS, where its own requests go), at most LIMIT seconds."""
        if shutil.which("sipp") is None:
            raise Skip("sipp (Debian package sip-tester) is not installed")
        command = ["sipp", "-sf", os.path.join(SIPP_DIR, scenario), remote,
                   "-i", "127.0.0.1", "-p", str(port), "-mp", str(media_port),
                   "-m", str(calls), "-nostdin", "-timeout", f"{limit}s", "-timeout_error",
                   "-max_invite_retrans", "5", "-max_non_invite_retrans", "5",
                   "-trace_msg", "-message_file", os.path.join(self.dir, f"{name}.messages.log"),
                   "-trace_err", "-error_file", os.path.join(self.dir, f"{name}.errors.log")]
        for key, value in (keys or {}).items():
            command += ["-key", key, str(value)]
        command += list(extra)
        process = Process(name, command, os.path.join(self.dir, f"{name}.log"), cwd=self.dir)
        self.stack.callback(process.stop)
        wait_udp_bound(port, process, 5)
        self.say(f"{name} started: {scenario} on 127.0.0.1:{port}")
        return process

    def wait_sipp(self, sipp, seconds):
        code = sipp.wait(seconds)
        if code is None:
            raise Failure(f"{sipp.name} did not finish within {seconds:g} s")
        if code != 0:
            raise Failure(f"{sipp.name} exit {code}: the UE did not follow the scenario "
                          f"(see {sipp.name}.errors.log)")
        self.say(f"{sipp.name} passed")

    def start_baresip(self, **options):
        from baresip_ue import BaresipUE, installed
        if not installed():
            raise Skip("baresip (Debian package baresip-core) is not installed")
        ue = BaresipUE(self.ports.ue_sip, self.ports.ue_ctrl, rtp_ports=self.ports.rtp,
                       workdir=os.path.join(self.dir, "baresip"),
                       log=os.path.join(self.dir, "baresip.log"), **options)
        os.makedirs(ue.dir, exist_ok=True)
        self.stack.callback(ue.stop)
        ue.start(log=self.ctrl_log("baresip"))
        self.say(f"baresip up: SIP 127.0.0.1:{ue.sip_port}, ctrl 127.0.0.1:{ue.ctrl_port}")
        return ue

    def start_linphone(self, binary, **options):
        from linphone_ue import LinphoneUE
        if not binary or not os.path.exists(binary):
            raise Failure(f"linphone_ue program not found: {binary}")
        ue = LinphoneUE(binary, self.ports.ue_sip, self.ports.ue_ctrl, rtp_port=self.ports.rtp[0],
                        workdir=os.path.join(self.dir, "linphone"),
                        log=os.path.join(self.dir, "linphone.log"),
                        transcript=os.path.join(self.dir, "linphone_ue.log"), **options)
        self.stack.callback(ue.stop)
        ue.start(log=self.ctrl_log("linphone"))
        self.say(f"linphone_ue up: SIP 127.0.0.1:{ue.sip_port}, ctrl 127.0.0.1:{ue.ctrl_port}")
        return ue


def wait_udp_bound(port, process, seconds):
    """Returns once something is bound to UDP 127.0.0.1:PORT (PROCESS, once it is up)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.popen.poll() is not None:
            raise Failure(f"{process.name} exited at start: status {process.popen.returncode}")
        probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return
        finally:
            probe.close()
        time.sleep(0.05)
    raise Failure(f"{process.name} did not bind 127.0.0.1:{port} within {seconds} s")


def check(condition, message):
    if not condition:
        raise Failure(message)


def dump_logs(workdir, tail=6000):
    for root, _, files in os.walk(workdir):
        for name in sorted(files):
            if name.endswith(".log"):
                path = os.path.join(root, name)
                with open(path, errors="replace") as f:
                    text = f.read()
                print(f"----- {os.path.relpath(path, workdir)} (last {tail} characters)\n"
                      f"{text[-tail:]}")


def main(test, description):
    """Runs TEST(t) with everything it starts stopped afterwards; returns the exit status."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--linphone-ue", help="the linphone_ue program")
    p.add_argument("--keep", help="keep the scratch directory here (for debugging)")
    p.add_argument("--scn", help="the scn driver, for tests that run the SS")
    p.add_argument("--scenario", help="the .scn file those tests run")
    args = p.parse_args()
    # ctest's timeout sends SIGTERM: unwind, so that the finally below stops the children.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    name = os.path.splitext(os.path.basename(sys.argv[0]))[0]
    workdir = args.keep or tempfile.mkdtemp(prefix=f"scn-peers-{name}-")
    os.makedirs(workdir, exist_ok=True)
    status = 1
    with contextlib.ExitStack() as stack:
        try:
            t = Test(name, workdir, stack)
            t.args = args
            try:
                test(t)
            finally:
                stack.close()  # stop every process before judging or dumping logs
            t.say("PASS")
            status = 0
        except Skip as e:
            print(f"SKIP: {e}")
            status = SKIP
        except (Failure, CtrlError, RuntimeError) as e:
            print(f"FAIL: {e}")
            dump_logs(workdir)
        except Exception:  # a bug in the test itself: show it, with the logs
            traceback.print_exc()
            dump_logs(workdir)
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    return status
