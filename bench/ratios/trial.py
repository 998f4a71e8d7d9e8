"""One load trial: a server (UAS or SS) and a client (UAC or played UE) on loopback, N
calls at a target rate; whether every call passed at that rate, and the CPU each used."""
import os
import re
import time
from dataclasses import dataclass

from common import cpu_seconds, free_ports, start, stop, tail, wait_bound, wait_reaped_cpu

DOMAIN = "home1.net"
CONCURRENCY = 5000
# Every SIPp's socket buffers (-buff_size; SIPp's default is 64 kB). With 64 kB, a SIPp
# UAC that the 2-core machine left waiting dropped responses a server had sent in order
# (its 180 lost, the 200 then unexpected), and the server was charged with the failed call:
# at 4,800 calls/s against the SS, 5 of 24,000 calls with 15 datagrams dropped, none with
# 4 MB (/proc/net/snmp RcvbufErrors). The same size for every pair, SIPp's own included;
# the kernel caps it at net.core.rmem_max.
SIPP_BUFFER = 4 << 20
# Seconds a server has after SIGTERM to print its summary (scn's tells why calls failed).
SUMMARY_GRACE = 8.0
# scn's load summary: `load: N started, P passed, F failed, I inconc, E error in ...`.
SCN_LOAD = re.compile(r"^load: (\d+) started, (\d+) passed, (\d+) failed"
                      r"(?:, (\d+) inconc, (\d+) error)?")
# Its rate: `... in 2.0 s (12659.4 calls/s)`.
SCN_RATE = re.compile(r" in [0-9.]+ s \(([0-9.]+) calls/s\)")


@dataclass
class Ports:
    server: int
    client: int
    server_media: int
    client_media: int


@dataclass
class Outcome:
    clean: bool
    why: str = ""
    seconds: float = 0.0
    server_cpu: float = 0.0
    client_cpu: float = 0.0
    client_rate: float = 0.0  # calls/s as the client reports it; 0: it does not say


def new_ports():
    server, client, server_media, client_media = free_ports(4)
    return Ports(server, client, server_media, client_media)


def sipp_transport(transport):
    """SIPp's transport option: UDP (its default, one socket) or TCP on one connection."""
    return ["-t", "t1"] if transport == "tcp" else []


def sipp_uas(sipp, xml, ports, stats, transport="udp"):
    scenario = ["-sf", xml] if xml.endswith(".xml") else ["-sn", xml]
    return [sipp] + scenario + sipp_transport(transport) + [
        "-i", "127.0.0.1", "-p", str(ports.server), "-mp", str(ports.server_media), "-nostdin",
        "-buff_size", str(SIPP_BUFFER), "-trace_stat", "-stf", stats, "-fd", "1"]


def sipp_uac(sipp, xml, ports, rate, calls, hold_ms, limit, stats, transport="udp"):
    scenario = ["-sf", xml, "-key", "home_domain", DOMAIN] if xml.endswith(".xml") else ["-sn", xml]
    return [sipp] + scenario + sipp_transport(transport) + [
        f"127.0.0.1:{ports.server}", "-i", "127.0.0.1", "-p", str(ports.client), "-mp",
        str(ports.client_media), "-r", f"{rate:g}", "-m", str(calls), "-l", str(CONCURRENCY),
        "-d", str(hold_ms), "-nostdin", "-buff_size", str(SIPP_BUFFER), "-timeout",
        f"{int(limit) + 1}s", "-timeout_error", "-trace_stat", "-stf", stats, "-fd", "1"]


def scn_load(scn, scenario, mirror, own_port, peer_port, rate, calls, stats, transport="udp"):
    """`scn run --load`: the SS answering the peer's calls, or with MIRROR the played UE
    making them."""
    return [scn, "run", scenario] + (["--mirror"] if mirror else []) + [
        "--transport", transport,
        "--load", "--rate", f"{rate:g}", "--calls", str(calls), "--concurrency",
        str(CONCURRENCY), "--stats", stats, "--quiet", "--bind", f"127.0.0.1:{own_port}",
        "--ue", f"127.0.0.1:{peer_port}", "--set", f"px_IMS_HomeDomainName={DOMAIN}"]


def sipp_failed(stats_path, closed_at_end=False):
    """What the last row of a SIPp statistics file (-trace_stat) says failed, as
    "N failed calls (FailedCallRejected 2, ...)"; "" when none did or it is unreadable.
    CLOSED_AT_END (a UAS over TCP): calls failed by the connection's close are left out,
    as the UAC closes it when its last call ends, while the UAS's calls still linger in
    their final wait (the built-in uas's 4 s timewait); a close amid a call fails the
    UAC's call, which the UAC counts."""
    try:
        with open(stats_path) as f:
            rows = [line.rstrip("\n").split(";") for line in f if line.strip()]
        counts = dict(zip(rows[0], rows[-1]))
        failed = int(counts["FailedCall(C)"])
        if closed_at_end:
            failed -= int(counts.get("FailedTcpClosed(C)", "0") or 0)
            counts.pop("FailedTcpClosed(C)", None)
    except (OSError, ValueError, IndexError, KeyError):
        return ""
    reasons = [f"{k[:-3]} {v}" for k, v in counts.items()
               if k.startswith("Failed") and k.endswith("(C)") and k != "FailedCall(C)"
               and v.isdigit() and int(v)]
    return f"{failed} failed calls ({', '.join(reasons)})" if failed > 0 else ""


def sipp_rate(stats_path):
    """The calls/s a SIPp's last statistics row reports (CallRate(C): calls created over its
    run's time); 0.0 when unreadable."""
    try:
        with open(stats_path) as f:
            rows = [line.rstrip("\n").split(";") for line in f if line.strip()]
        return float(dict(zip(rows[0], rows[-1]))["CallRate(C)"])
    except (OSError, ValueError, IndexError, KeyError):
        return 0.0


def scn_rate(log_path):
    """The calls/s of scn's last load summary line; 0.0 when there is none."""
    lines = [line for line in tail(log_path, 4000).splitlines() if SCN_LOAD.match(line)]
    found = SCN_RATE.search(lines[-1]) if lines else None
    return float(found.group(1)) if found else 0.0


def scn_failed(log_path, calls):
    """Why scn's load summary shows a failure or too few passes; "" when all passed."""
    lines = [line for line in tail(log_path, 4000).splitlines() if SCN_LOAD.match(line)]
    if not lines:
        return "no load summary line"
    counts = [int(n or 0) for n in SCN_LOAD.match(lines[-1]).groups()]
    passed, not_passed = counts[1], sum(counts[2:])
    if not_passed or passed < calls:
        return lines[-1]
    return ""


@dataclass
class Side:
    """How to start one side of a pair and judge it afterwards."""
    command: list
    log: str
    failures: object  # callable: () -> "" or why
    rate: object = lambda: 0.0  # callable: () -> calls/s it reports (a client), 0.0: none
    transport: str = "udp"  # how a server is seen bound: a UDP port, or a TCP listener


def run_trial(server, client, server_port, calls, limit):
    """Starts SERVER, then CLIENT once the server is bound; waits for the client to end."""
    uas = uac = None
    try:
        uas = start(server.command, server.log)
        if not wait_bound(uas, server_port, 60, server.transport):
            return Outcome(False, f"server did not bind: {tail(server.log, 600)}")
        uas_cpu_before = cpu_seconds(uas.pid) or 0.0
        begin = time.monotonic()
        uac = start(client.command, client.log)
        code, client_cpu = wait_reaped_cpu(uac, limit)
        seconds = time.monotonic() - begin
        if code is None:
            stop(uac)
            stop(uas, SUMMARY_GRACE)
            return Outcome(False, "; ".join(filter(None, (
                f"calls not done after {limit:.0f} s", client.failures(), server.failures()))))
        time.sleep(0.3)  # the server's last answers leave; its CPU then settles
        server_cpu = server_used(uas, uas_cpu_before)
        stop(uas, SUMMARY_GRACE)
        why = client.failures() or server.failures()
        why = why or (f"client exit {code}: {tail(client.log, 300)}" if code else "")
        return Outcome(not why, why, seconds, server_cpu, client_cpu, client.rate())
    finally:
        stop(uac)
        stop(uas, SUMMARY_GRACE)


def server_used(process, before):
    """CPU seconds the server used since BEFORE, from /proc: it is still there for a server
    that ended by itself, as nothing has reaped it yet."""
    now = cpu_seconds(process.pid)
    return (now if now is not None else before) - before


def log_paths(workdir, name):
    """Server log, client log, server statistics, client statistics of pair NAME."""
    return tuple(os.path.join(workdir, f"{name}.{side}") for side in
                 ("server.log", "client.log", "server.csv", "client.csv"))
