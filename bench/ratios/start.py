"""Section 3: from process start to the first datagram at a UDP listener playing the UE:
`scn run` of a test case whose first step the SS sends (conference_join: a REFER), the
executable `scn build` makes of it, and SIPp's own (`sipp -sn uac -m 1`)."""
import os
import socket
import subprocess
import time

from common import TOP, Figure, Ratio, free_ports, say, start, stop, tail

SCENARIO = os.path.join(TOP, "scenarios", "ts34229", "conference_join.scn")
TESTCASE = "conference_join"
LIMIT = 60.0  # seconds for one start, compilation included
NAMES = ("start_scn_run_vs_sipp", "start_scn_exe_vs_sipp")


def first_datagram(command, listener, log_path):
    """Seconds from starting COMMAND to the first datagram at LISTENER; None if none came."""
    listener.settimeout(LIMIT)
    begin = time.monotonic()
    process = start(command, log_path)
    try:
        listener.recvfrom(65535)
        return time.monotonic() - begin
    except socket.timeout:
        return None
    finally:
        stop(process)
        drain(listener)


def drain(listener):
    """Throws away what else arrived (retransmissions), so the next start is timed alone."""
    listener.settimeout(0.2)
    try:
        while True:
            listener.recvfrom(65535)
    except socket.timeout:
        pass


def best_of(command, repeats, workdir, name):
    ue_port, = free_ports(1)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as listener:
        listener.bind(("127.0.0.1", ue_port))
        times = []
        for _ in range(repeats):
            log = os.path.join(workdir, f"start_{name}.log")
            seconds = first_datagram(command(ue_port), listener, log)
            if seconds is None:
                return None, f"{name}: no datagram within {LIMIT:g} s: {tail(log, 400)}"
            times.append(seconds)
    return min(times), ""


def scn_command(head, bind_port):
    return lambda ue_port: head + [
        "--bind", f"127.0.0.1:{bind_port}", "--ue", f"127.0.0.1:{ue_port}", "--timeout", "2",
        "--set", "px_IMS_HomeDomainName=home1.net"]


def sipp_command(sipp, port):
    # At its default 10 calls/s SIPp's first call waits 100 ms for the rate timer: a high
    # rate times SIPp's own start instead.
    return lambda ue_port: [sipp, "-sn", "uac", f"127.0.0.1:{ue_port}", "-i", "127.0.0.1",
                            "-p", str(port), "-m", "1", "-r", "1000", "-nostdin",
                            "-timeout", "5s"]


def build_exe(scn, workdir):
    exe = os.path.join(workdir, TESTCASE)
    done = subprocess.run([scn, "build", SCENARIO, "--testcase", TESTCASE, "-o", exe],
                          capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        done = subprocess.run([scn, "build", SCENARIO, "-o", exe],
                              capture_output=True, text=True, timeout=600)
    return exe if done.returncode == 0 else None


def run(scn, sipp, workdir, smoke):
    repeats = 1 if smoke else 5
    port, = free_ports(1)
    jit, error = best_of(scn_command([scn, "run", SCENARIO, "--testcase", TESTCASE], port),
                         repeats, workdir, "scn_run")
    if jit is None:
        return [Ratio(n, skipped=error) for n in NAMES], []
    figures = [Figure("scn run: start to first message", f"{jit * 1000:.0f} ms")]
    exe, built = build_exe(scn, workdir), None
    if exe:
        built, error = best_of(scn_command([exe, "--testcase", TESTCASE], port), repeats,
                               workdir, "exe")
    figures.append(Figure("built executable: start to first message",
                          f"{built * 1000:.0f} ms" if built else error or "scn build failed"))
    if sipp is None:
        why = "no sipp (Debian package sip-tester)"
        return [Ratio(n, skipped=why) for n in NAMES], figures
    peer, error = best_of(sipp_command(sipp, port), repeats, workdir, "sipp")
    if peer is None:
        return [Ratio(n, skipped=error) for n in NAMES], figures
    figures.append(Figure("SIPp uac: start to first message", f"{peer * 1000:.0f} ms"))
    say(f"start: scn run {jit * 1000:.0f} ms, SIPp {peer * 1000:.0f} ms (best of {repeats})")
    return [versus(NAMES[0], "scn run", jit, peer, repeats),
            versus(NAMES[1], "built executable", built, peer, repeats)], figures


def versus(name, what, ours, peer, repeats):
    if ours is None:
        return Ratio(name, skipped=f"{what}: no time measured")
    return Ratio(name, peer / ours, f"{what} {ours * 1000:.0f} ms, SIPp {peer * 1000:.0f} ms, "
                 f"best of {repeats}: SIPp time / scn time")
