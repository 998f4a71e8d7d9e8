"""Section 5: resident memory per concurrent call. A SIPp UAC makes mo_call's calls and holds
each for a few seconds before its BYE, so C calls pile up at the server: the SS of
mo_call in load mode, or a SIPp UAS (the peer). Per call: (VmRSS while C calls are open
- VmRSS after a few warm-up calls ended) / C. Kernel socket buffers are not in VmRSS."""
import os
import time

from common import Figure, Ratio, rss_kb, say, start, stop, tail, wait, wait_bound
from load import MO_CALL, UAC_XML, UAS_XML
from trial import log_paths, new_ports, scn_load, sipp_uac, sipp_uas

GOAL_KB = 2.0
NAMES = ("memory_per_call_vs_sipp",)
WARM_UP = 10
# (concurrent calls, call rate, seconds each call is held)
LEVELS = {"smoke": ((20, 20, 1.0),), "quick": ((100, 50, 2.0), (1000, 250, 4.0)),
          "full": ((100, 50, 2.0), (1000, 250, 4.0))}
STEADY = 1.5  # seconds of sampling once the first calls are being hung up


def client(sipp, workdir, ports, rate, calls, hold_ms, name):
    log = os.path.join(workdir, f"memory_{name}.client.log")
    stats = os.path.join(workdir, f"memory_{name}.client.csv")
    return start(sipp_uac(sipp, UAC_XML, ports, rate, calls, hold_ms, 120, stats), log), log


def rss_holding(server, sipp, workdir, ports, level, name):
    """(idle kB, kB while LEVEL's calls are open) of the running SERVER; None and why."""
    concurrent, rate, hold = level
    warm, log = client(sipp, workdir, ports, 100, WARM_UP, 0, name + "_warm")
    if wait(warm, 30) != 0:
        return None, f"warm-up calls failed: {tail(log, 400)}"
    time.sleep(0.5)
    idle = rss_kb(server.pid)
    calls = int(rate * (hold + STEADY + 0.5))
    pile, log = client(sipp, workdir, ports, rate, calls, int(hold * 1000), name)
    try:
        time.sleep(hold)
        samples, until = [], time.monotonic() + STEADY
        while time.monotonic() < until:
            samples.append(rss_kb(server.pid) or 0)
            time.sleep(0.05)
        code = wait(pile, hold + STEADY + 60)
    finally:
        stop(pile)
    if code != 0:
        return None, f"calls failed at {concurrent} concurrent (exit {code}): {tail(log, 400)}"
    return (idle, max(samples)), ""


def measure(command, server_log, sipp, workdir, level, name):
    """kB per concurrent call of the server COMMAND at LEVEL; None and why."""
    ports = new_ports()
    server = start(command(ports), server_log)
    try:
        if not wait_bound(server, ports.server, 60):
            return None, f"server did not bind: {tail(server_log, 400)}"
        rss, why = rss_holding(server, sipp, workdir, ports, level, name)
    finally:
        stop(server)
    if rss is None:
        return None, why
    per_call = (rss[1] - rss[0]) / level[0]
    say(f"memory {name}: {level[0]} concurrent calls: VmRSS {rss[0]} kB idle, {rss[1]} kB "
        f"holding them: {per_call:.2f} kB per call")
    return per_call, ""


def sipp_server(sipp, workdir, name):
    server_log, _, server_csv, _ = log_paths(workdir, "memory_" + name)
    return (lambda ports: sipp_uas(sipp, UAS_XML, ports, server_csv)), server_log


def scn_server(scn, workdir, level, name):
    server_log, _, server_csv, _ = log_paths(workdir, "memory_" + name)
    calls = WARM_UP + int(level[1] * (level[2] + STEADY + 0.5))
    return (lambda ports: scn_load(scn, MO_CALL, False, ports.server, ports.client, level[1],
                                   calls, server_csv)), server_log


def run(scn, sipp, workdir, mode, scn_help):
    name = NAMES[0]
    if sipp is None:
        return [Ratio(name, skipped="no sipp (Debian package sip-tester)")], []
    figures, last = [], None
    for level in LEVELS[mode]:
        c = level[0]
        peer, why = measure(*sipp_server(sipp, workdir, f"sipp_{c}"), sipp, workdir, level,
                            f"SIPp UAS {c}")
        figures.append(Figure(f"memory SIPp UAS, {c} calls",
                              f"{peer:.2f} kB per call" if peer is not None else why))
        if "--load" not in scn_help:
            continue
        ours, why = measure(*scn_server(scn, workdir, level, f"scn_{c}"), sipp, workdir, level,
                            f"scn SS {c}")
        figures.append(Figure(f"memory scn SS --load, {c} calls",
                              f"{ours:.2f} kB per call" if ours is not None else why))
        if ours is not None and peer is not None:
            last = (c, ours, peer)
    if "--load" not in scn_help:
        return [Ratio(name, skipped="scn run has no --load")], figures
    if last is None:
        return [Ratio(name, skipped="no level measured on both sides")], figures
    c, ours, peer = last
    # Below 10 bytes a call the difference is noise; the floor keeps the ratio finite.
    value = peer / max(ours, 0.01)
    return [Ratio(name, value, f"{c} concurrent calls: scn {ours:.2f} kB, SIPp {peer:.2f} kB "
                  f"per call: SIPp / scn", f"scn <= {GOAL_KB:g} kB", ours <= GOAL_KB)], figures
