"""Section 4: the highest call rate with 0 failed calls, and the CPU per call, for
(i) SIPp UAC against SIPp UAS (the baseline), (ii) a SIPp UAC against the SS of
scenarios/tutorial/mo_call.scn in load mode, (iii) the mirrored mo_call (the UE played
by scn in load mode) against a SIPp UAS, all over UDP; then over TCP (SIPp's one
connection, -t t1), (iv) SIPp against SIPp and (v) a SIPp UAC against the SS. Rates
double from a start until a trial fails (a failed call, or the rate not reached), then
the last clean and the first failed rate are bisected."""
import os
import time
from dataclasses import dataclass

from common import TOP, Figure, Ratio, say
from trial import (Side, log_paths, new_ports, run_trial, scn_failed, scn_load, scn_rate,
                   sipp_failed, sipp_rate, sipp_uac, sipp_uas)

MO_CALL = os.path.join(TOP, "scenarios", "tutorial", "mo_call.scn")
UAC_XML = os.path.join(TOP, "bench", "load", "uac_mo_call.xml")
UAS_XML = os.path.join(TOP, "bench", "load", "uas_mo_call.xml")
GOAL = 2.0
NAMES = ("load_ss_vs_sipp", "load_ss_vs_sipp_cpu", "load_mirror_vs_sipp",
         "load_mirror_vs_sipp_cpu", "load_ss_vs_sipp_tcp", "load_ss_vs_sipp_tcp_cpu")
REACHED = 0.9  # a trial is clean only if its calls ran at this share of the target rate


@dataclass
class Plan:
    """How long the search may take: seconds per trial, rates, bisection steps."""
    seconds: float
    first_rate: float
    max_rate: float
    bisections: int
    budget: float  # seconds for one pair's whole search


PLANS = {"smoke": Plan(1, 20, 20, 0, 30), "quick": Plan(2, 100, 51200, 2, 60),
         "full": Plan(5, 100, 51200, 3, 120)}


HOLD_STEPS = 3  # with --hold: rates a quarter lower each tried after the best one fails


@dataclass
class Best:
    rate: float = 0.0
    server_us: float = 0.0
    client_us: float = 0.0
    why: str = ""  # why the first failed trial failed
    held: str = ""  # how the best rate fared over --hold seconds


def sipp_pair(sipp, workdir, name, transport="udp"):
    """(i), (iv): SIPp's built-in uac and uas scenarios."""
    def sides(ports, rate, calls, limit):
        server_log, client_log, server_csv, client_csv = log_paths(workdir, f"{name}_{rate:g}")
        server = Side(sipp_uas(sipp, "uas", ports, server_csv, transport), server_log,
                      lambda: sipp_failed(server_csv, transport == "tcp"), transport=transport)
        client = Side(sipp_uac(sipp, "uac", ports, rate, calls, 0, limit, client_csv,
                               transport), client_log, lambda: sipp_failed(client_csv),
                      lambda: sipp_rate(client_csv))
        return server, client
    return sides


def ss_pair(scn, sipp, workdir, name, transport="udp"):
    """(ii), (v): a SIPp UAC making mo_call's calls to the SS in load mode."""
    def sides(ports, rate, calls, limit):
        server_log, client_log, server_csv, client_csv = log_paths(workdir, f"{name}_{rate:g}")
        server = Side(scn_load(scn, MO_CALL, False, ports.server, ports.client, rate, calls,
                               server_csv, transport), server_log,
                      lambda: scn_failed(server_log, calls), transport=transport)
        client = Side(sipp_uac(sipp, UAC_XML, ports, rate, calls, 0, limit, client_csv,
                               transport), client_log, lambda: sipp_failed(client_csv),
                      lambda: sipp_rate(client_csv))
        return server, client
    return sides


def mirror_pair(scn, sipp, workdir, name):
    """(iii): the mirrored mo_call in load mode calling a SIPp UAS."""
    def sides(ports, rate, calls, limit):
        server_log, client_log, server_csv, client_csv = log_paths(workdir, f"{name}_{rate:g}")
        server = Side(sipp_uas(sipp, UAS_XML, ports, server_csv), server_log,
                      lambda: sipp_failed(server_csv))
        client = Side(scn_load(scn, MO_CALL, True, ports.client, ports.server, rate, calls,
                               client_csv), client_log, lambda: scn_failed(client_log, calls),
                      lambda: scn_rate(client_log))
        return server, client
    return sides


def trial(sides, rate, calls, start_cost):
    """One trial; (clean, why, server CPU us per call, client CPU us per call)."""
    ports = new_ports()
    # A rate held ends its calls soon after the last starts; longer counts as not held.
    limit = 3 + start_cost[1] + 1.5 * calls / rate
    server, client = sides(ports, rate, calls, limit)
    outcome = run_trial(server, client, ports.server, calls, limit)
    calls_seconds = max(outcome.seconds - start_cost[1], 1e-3)
    # The client's own figure where it gives one: the wall time less a one-call run's
    # start-up let a SIPp pair that ran 33,800 calls/s pass a trial of 51,200.
    reached = outcome.client_rate or calls / calls_seconds
    why = outcome.why
    if not why and reached < REACHED * rate:
        why = f"rate not reached: {reached:.0f} calls/s"
    client_cpu = max(outcome.client_cpu - start_cost[0], 0.0)
    server_cpu = max(outcome.server_cpu - start_cost[2], 0.0)
    return not why, why, server_cpu * 1e6 / calls, client_cpu * 1e6 / calls


def start_cost(sides):
    """What one call at a low rate costs: the client's CPU and wall seconds (its start-up,
    compilation included) and the server's CPU seconds since it bound (compilation done
    lazily), taken off every trial."""
    ports = new_ports()
    server, client = sides(ports, 1, 1, 60)
    outcome = run_trial(server, client, ports.server, 1, 60)
    if not outcome.clean:
        return None, outcome.why
    return (outcome.client_cpu, outcome.seconds, outcome.server_cpu), ""


def run_at(sides, rate, seconds, cost, name):
    """A trial of SECONDS at RATE, printed; (clean, why, server us, client us per call)."""
    calls = max(int(rate * seconds), 1)
    clean, why, server_us, client_us = trial(sides, rate, calls, cost)
    cpu = (f" (CPU per call: server {server_us:.0f} us, client {client_us:.0f} us)"
           if server_us or client_us else "")
    say(f"load {name}: {rate:.0f} calls/s x {calls}: "
        f"{'clean' if clean else 'FAILED: ' + why.splitlines()[0][:160]}{cpu}")
    return clean, why, server_us, client_us


def search(sides, plan, name, hold):
    """The highest clean rate the plan finds for one pair; with HOLD seconds, that rate
    is then run that long once more."""
    cost, why = start_cost(sides)
    if cost is None:
        return Best(why=f"a single call failed: {why}")
    best, failed, rate = Best(), None, plan.first_rate
    deadline = time.monotonic() + plan.budget

    def attempt(rate):
        clean, why, server_us, client_us = run_at(sides, rate, plan.seconds, cost, name)
        if clean and rate > best.rate:
            best.rate, best.server_us, best.client_us = rate, server_us, client_us
        elif not clean and not best.why:
            best.why = why.splitlines()[0][:200] if why else "failed"
        return clean

    while rate <= plan.max_rate and time.monotonic() < deadline:
        if not attempt(rate):
            failed = rate
            break
        rate *= 2
    for _ in range(plan.bisections if failed else 0):
        if time.monotonic() >= deadline or failed - best.rate < max(best.rate * 0.05, 10):
            break
        middle = (best.rate + failed) / 2 if best.rate else failed / 2
        if not attempt(middle):
            failed = middle
    if hold and best.rate:
        best.held = held_rate(sides, best.rate, hold, cost, name)
    return best


def held_rate(sides, rate, hold, cost, name):
    """How the best rate of the short trials fares over HOLD seconds and, when it does
    not stay clean, the first of up to HOLD_STEPS rates a quarter lower each that does."""
    first_why = ""
    tried = rate
    for step in range(HOLD_STEPS + 1):
        tried = rate * 0.75 ** step
        clean, why, _, _ = run_at(sides, tried, hold, cost, name + f" held {hold:g} s")
        if clean:
            lower = f" (at the best rate: FAILED: {first_why[:120]})" if step else ""
            return f"held {hold:g} s: clean at {tried:.0f} calls/s{lower}"
        if not first_why:
            first_why = why.splitlines()[0] if why else "failed"
    return f"held {hold:g} s: FAILED down to {tried:.0f} calls/s ({first_why[:120]})"


def describe(name, best):
    if not best.rate:
        return Figure(f"load {name}", f"no clean rate ({best.why})")
    held = f"; {best.held}" if best.held else ""
    return Figure(f"load {name}", f"{best.rate:.0f} calls/s clean; CPU per call: server "
                  f"{best.server_us:.0f} us, client {best.client_us:.0f} us{held}")


def compare(name, best, base, scn_side):
    """The rate ratio against the baseline, and SIPp's CPU per call over scn's."""
    if not base.rate:
        why = f"the SIPp baseline found no clean rate ({base.why})"
        return [Ratio(name, skipped=why), Ratio(name + "_cpu", skipped=why)]
    value = best.rate / base.rate
    ours = best.server_us if scn_side == "server" else best.client_us
    theirs = base.server_us if scn_side == "server" else base.client_us
    detail = (f"{best.rate:.0f} vs SIPp {base.rate:.0f} calls/s with 0 failed calls; CPU "
              f"per call scn {ours:.0f} us, SIPp {theirs:.0f} us")
    if not best.rate:
        detail = f"no clean rate: {best.why}"
    if ours and theirs and best.rate:
        cpu = Ratio(name + "_cpu", theirs / ours,
                    f"SIPp {theirs:.0f} us / scn {ours:.0f} us CPU per call ({scn_side} side)")
    else:
        cpu = Ratio(name + "_cpu", skipped="no clean rate, or too few calls for the CPU clock")
    return [Ratio(name, value, detail, f">= {GOAL:g}", value >= GOAL), cpu]


def run(scn, sipp, workdir, mode, scn_help, hold=0):
    if sipp is None:
        return [Ratio(n, skipped="no sipp (Debian package sip-tester)") for n in NAMES], []
    plan = PLANS[mode]
    base = search(sipp_pair(sipp, workdir, "sipp"), plan, "SIPp uac -> SIPp uas", hold)
    figures, ratios = [describe("(i) SIPp uac -> SIPp uas", base)], []
    if "--load" not in scn_help:
        return [Ratio(n, skipped="scn run has no --load") for n in NAMES], figures
    ss = search(ss_pair(scn, sipp, workdir, "ss"), plan, "SIPp uac -> scn SS", hold)
    figures.append(describe("(ii) SIPp uac -> scn SS --load", ss))
    ratios += compare("load_ss_vs_sipp", ss, base, "server")
    if "--mirror" not in scn_help:
        ratios += [Ratio(n, skipped="scn run has no --mirror") for n in NAMES[2:4]]
    else:
        mirror = search(mirror_pair(scn, sipp, workdir, "mirror"), plan, "scn UE -> SIPp uas",
                        hold)
        figures.append(describe("(iii) scn --mirror --load -> SIPp uas", mirror))
        ratios += compare("load_mirror_vs_sipp", mirror, base, "client")
    if "--transport" not in scn_help:
        return ratios + [Ratio(n, skipped="scn run has no --transport") for n in NAMES[4:]], figures
    base_tcp = search(sipp_pair(sipp, workdir, "sipp_tcp", "tcp"), plan,
                      "SIPp uac -> SIPp uas over TCP", hold)
    figures.append(describe("(iv) SIPp uac -> SIPp uas over TCP", base_tcp))
    ss_tcp = search(ss_pair(scn, sipp, workdir, "ss_tcp", "tcp"), plan,
                    "SIPp uac -> scn SS over TCP", hold)
    figures.append(describe("(v) SIPp uac -> scn SS --load over TCP", ss_tcp))
    return ratios + compare("load_ss_vs_sipp_tcp", ss_tcp, base_tcp, "server"), figures
