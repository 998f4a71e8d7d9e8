#!/usr/bin/env python3
"""Runs one compiled test case as the SS against several UEs on loopback (SIPp scripts
and real UEs), and checks the verdict.

The sibling of e2e_run.py for test cases with parties (docs/parties.md). Each UE is a
peer named after the party it plays:
  --peer UE1=sipp:ue_call_ue1.xml   a SIPp script (relative to tests/peers, or a path)
  --peer UE2=baresip                baresip through real/baresip_ue.py
  --peer UE1=linphone               liblinphone through real/linphone_ue.py (--linphone-ue)
Per-peer settings: --peer-set UE2.auto_answer=true, --peer-set UE1.register=true,
--peer-set UE1.factory_uri=sip:..., --peer-set UE2.aor=sip:... (real UEs),
--peer-set UE1.drive=cmd:true or none (any peer), --peer-set UE.sipp_args=-rtp_echo (extra
SIPp options, split at spaces), --peer-set UE2.tone=440 (a real UE's microphone: a sine),
--peer-set UE2.record=true (a real UE records what it hears). --expect-heard UE2=440: after
the run, a recording of UE2 holds that tone (the media a played party sent it).

One block of free ports on 127.0.0.1 is split among the SS and the peers. The SS gets
--bind 127.0.0.1:PORT (and --bind NAME=... for each --bind-party), --ue NAME=ADDRESS
for every peer (no name when there is one peer and no --named: the form a test case
without parties takes) and --drive NAME=ctrl:... for real UEs (SIPp peers act on their
own: --drive NAME=cmd:true with --drive-sipp). --media-sink binds a UDP port for the RTP
of real UEs and hands it to the SS as media_host/media_port. Real UEs that send nothing by
themselves and SIPp scripts that start by receiving start first (each waited for until
bound), the SS next (it prints "SS on ..." once bound), then the others. Every wait is
bounded and every process is stopped at the end, also on failure.
Exit status: 0 when every expectation held, 1 otherwise, 77 when a UE program is missing.
"""
import argparse
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "real"))
sys.path.insert(0, os.path.join(HERE, "media"))
from sipp_loopback import (SKIP, Lines, dump_logs, read_text, report_problems,  # noqa: E402
                           stop, wait_for)
from harness import port_block  # noqa: E402
import tshark_check  # noqa: E402

KINDS = ("sipp", "baresip", "linphone")
PEER_PORTS = 24       # per peer: SIP (+1: baresip's TLS), ctrl, 4 SIPp media, 16 RTP
SS_PORTS = 8          # the SS and the played parties with a socket of their own
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class Peer:
    """One UE: its party name, kind, ports, settings and, once started, its process."""

    def __init__(self, name, kind, script, settings):
        self.name, self.kind, self.script, self.settings = name, kind, script, settings
        self.sip = self.ctrl = self.media = None
        self.rtp = (None, None)
        self.process = None       # SIPp's Popen
        self.ue = None            # BaresipUE / LinphoneUE
        self.exit = None
        self.stopped = False

    @property
    def address(self):
        return f"127.0.0.1:{self.sip}"

    def flag(self, key, default=False):
        value = self.settings.get(key)
        return default if value is None else value.lower() in ("1", "true", "yes", "on")

    def assign(self, base):
        """Its ports from BASE on; a peer assigned again (another attempt) starts afresh."""
        self.sip, self.ctrl, self.media = base, base + 2, base + 4
        self.rtp = (base + 8, base + PEER_PORTS - 1)
        self.process, self.ue, self.exit, self.stopped = None, None, None, False

    def drive(self, args):
        """The --drive spec of this peer, or None."""
        if "drive" in self.settings:  # "none": a test case without make steps
            return None if self.settings["drive"] == "none" else self.settings["drive"]
        if self.kind in ("baresip", "linphone"):
            return f"ctrl:127.0.0.1:{self.ctrl}"
        return "cmd:true" if args.drive_sipp else None

    def starts_first(self):
        """UEs that send nothing on their own start before the SS, whose first steps may
        send to them or command them at once: real UEs that do not register, and SIPp
        scripts that start by receiving (over TCP the SS connects to them)."""
        if self.kind == "sipp":
            return first_element(self.script) == "recv"
        return not self.flag("register")


def first_element(script):
    """"send" or "recv": the first message element of a SIPp scenario."""
    with open(script, errors="replace") as f:
        text = re.sub(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>", "", f.read(), flags=re.S)
    found = re.search(r"<(send|recv)\b", text)
    return found.group(1) if found else "send"


def bound(port, transport):
    """Whether something listens on 127.0.0.1:PORT (TCP) or has it bound (UDP), read from
    /proc/net: no packet is sent to find out."""
    table, listen = ("/proc/net/tcp", "0A") if transport == "tcp" else ("/proc/net/udp", None)
    try:
        with open(table) as f:
            rows = f.read().splitlines()[1:]
    except OSError:
        return True  # cannot tell: go on
    for row in rows:
        fields = row.split()
        local, state = fields[1], fields[3]
        if int(local.rsplit(":", 1)[1], 16) == port and (listen is None or state == listen):
            return True
    return False


def wait_bound(peer, transport, seconds=5):
    deadline = time.monotonic() + seconds
    while not bound(peer.sip, transport):
        if peer.process is not None and peer.process.poll() is not None:
            raise RuntimeError(f"SIPp {peer.name} exited at start ({peer.process.returncode})")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{peer.name} did not bind 127.0.0.1:{peer.sip} within {seconds} s")
        time.sleep(0.05)


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ss = p.add_mutually_exclusive_group(required=True)
    ss.add_argument("--scn", help="the scn driver: run SCENARIO with `scn run` (JIT)")
    ss.add_argument("--exe", help="an executable built by `scn build`")
    p.add_argument("--scenario", help="the .scn file (with --scn)")
    p.add_argument("--testcase", help="--testcase for the SS")
    p.add_argument("--peer", action="append", default=[], metavar="NAME=KIND[:SCRIPT]",
                   help="a UE (repeatable): sipp:FILE.xml, baresip or linphone")
    p.add_argument("--peer-set", action="append", default=[], metavar="NAME.KEY=VALUE",
                   help="a setting of one peer (repeatable)")
    p.add_argument("--bind-party", action="append", default=[], metavar="NAME",
                   help="a played party with a socket of its own (--bind NAME=...)")
    p.add_argument("--named", action="store_true",
                   help="name the peer in --ue/--drive even when there is only one")
    p.add_argument("--drive-sipp", action="store_true",
                   help="give SIPp peers --drive NAME=cmd:true (their script acts by itself)")
    p.add_argument("--media-sink", action="store_true",
                   help="bind a UDP port on 127.0.0.1 for the RTP the UEs send and give it to "
                        "the SS as --set media_host=127.0.0.1 --set media_port=PORT")
    p.add_argument("--sipp", default="sipp")
    p.add_argument("--baresip", default="baresip")
    p.add_argument("--linphone-ue", help="the linphone_ue program (CMake target linphone_ue)")
    p.add_argument("--transport", choices=["udp", "tcp"], default="udp")
    p.add_argument("--domain", default="home1.net", help="px_IMS_HomeDomainName, all sides")
    p.add_argument("--ss-timeout", default="10", help="--timeout for the SS (seconds)")
    p.add_argument("--linger", default="1", help="--linger for the SS (seconds)")
    p.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                   help="an extra --set for the SS (repeatable)")
    p.add_argument("--expect-exit", type=int, default=0)
    p.add_argument("--expect-rtp-capture", action="store_true",
                   help="the SS's --pcap capture holds RTP packets")
    p.add_argument("--tshark", metavar="PATH",
                   help="decode the SS's --pcap capture with this tshark: every SIP message "
                        "decoded as SIP, no packet malformed (skips when it is missing)")
    p.add_argument("--expect-heard", action="append", default=[], metavar="NAME=HZ",
                   help="a real UE's recording holds this tone after the run")
    p.add_argument("--expect-last-line", default="^PASS$", help="regex on the SS's last line")
    p.add_argument("--expect-line", action="append", default=[], metavar="REGEX",
                   help="some line the SS printed before its last one matches (repeatable)")
    p.add_argument("--expect-peers", choices=["pass", "any"], default="pass",
                   help="pass: every SIPp peer must exit 0")
    p.add_argument("--start-limit", type=float, default=60,
                   help="seconds for the SS to compile and bind")
    p.add_argument("--limit", type=float, default=60, help="seconds for the call flow")
    p.add_argument("--show-trace", action="store_true", help="print the SS's --trace file")
    p.add_argument("--quiet", action="store_true", help="print only problems")
    args = p.parse_args(argv)
    if args.scn and not args.scenario:
        p.error("--scn needs --scenario")
    if not args.peer:
        p.error("at least one --peer")
    # The SS and the peers run in a scratch directory: paths given relative to here hold.
    for name in ("scn", "exe", "scenario", "linphone_ue"):
        value = getattr(args, name)
        if value and (os.sep in value or name == "scenario"):
            setattr(args, name, os.path.abspath(value))
    args.peers = parse_peers(p, args)
    return args


def parse_peers(p, args):
    settings = {}
    for item in args.peer_set:
        key, sep, value = item.partition("=")
        name, dot, setting = key.partition(".")
        if not sep or not dot or not setting:
            p.error(f"--peer-set {item!r}: expected NAME.KEY=VALUE")
        settings.setdefault(name, {})[setting] = value
    peers, names = [], set()
    for item in args.peer:
        name, sep, spec = item.partition("=")
        kind, _, script = spec.partition(":")
        if not sep or not NAME.match(name) or kind not in KINDS:
            p.error(f"--peer {item!r}: expected NAME=sipp:FILE, NAME=baresip or NAME=linphone")
        if name in names:
            p.error(f"--peer {name} given twice")
        names.add(name)
        if kind == "sipp":
            if not script:
                p.error(f"--peer {item!r}: sipp needs a script, as in {name}=sipp:ue.xml")
            if not os.path.isabs(script) and not os.path.exists(script):
                script = os.path.join(HERE, script)
            script = os.path.abspath(script)
        if kind == "linphone" and not args.linphone_ue:
            p.error(f"--peer {item!r} needs --linphone-ue")
        peers.append(Peer(name, kind, script or None, settings.pop(name, {})))
    if settings:
        p.error("--peer-set for no peer: " + ", ".join(sorted(settings)))
    return peers


def missing_programs(args):
    """What is not installed among the programs the peers need."""
    missing = []
    kinds = {peer.kind for peer in args.peers}
    if "sipp" in kinds and shutil.which(args.sipp) is None:
        missing.append(f"{args.sipp} (Debian package sip-tester)")
    if "baresip" in kinds:
        from baresip_ue import installed
        if not installed(args.baresip):
            missing.append(f"{args.baresip} (Debian package baresip-core)")
    if "linphone" in kinds and not (args.linphone_ue and os.access(args.linphone_ue, os.X_OK)):
        missing.append(f"{args.linphone_ue or 'linphone_ue'} (built when liblinphone is found)")
    if args.tshark and shutil.which(args.tshark) is None:
        missing.append(f"{args.tshark} (Debian package tshark)")
    return missing


def allocate(args):
    """Ports: the SS and the played parties with their own socket first (the last port of
    that range is the media sink), then a slice of PEER_PORTS per peer. Returns (ss port,
    {party: port})."""
    if len(args.bind_party) >= SS_PORTS - 1:
        raise RuntimeError(f"at most {SS_PORTS - 2} --bind-party")
    base = port_block(SS_PORTS + PEER_PORTS * len(args.peers))
    binds = {name: base + 1 + i for i, name in enumerate(args.bind_party)}
    for i, peer in enumerate(args.peers):
        peer.assign(base + SS_PORTS + PEER_PORTS * i)
    args.media_port = base + SS_PORTS - 1
    return base, binds


def ss_command(args, ss_port, binds, workdir):
    head = [args.scn, "run", args.scenario] if args.scn else [args.exe]
    command = head + ["--bind", f"127.0.0.1:{ss_port}", "--transport", args.transport,
                      "--timeout", args.ss_timeout, "--linger", args.linger,
                      "--trace", os.path.join(workdir, "ss.trace"),
                      "--junit", os.path.join(workdir, "ss.junit.xml"),
                      "--pcap", os.path.join(workdir, "ss.pcap"),
                      "--set", f"px_IMS_HomeDomainName={args.domain}"]
    if args.testcase:
        command += ["--testcase", args.testcase]
    for name, port in binds.items():
        command += ["--bind", f"{name}=127.0.0.1:{port}"]
    named = args.named or len(args.peers) > 1
    for peer in args.peers:
        prefix = f"{peer.name}=" if named else ""
        command += ["--ue", prefix + peer.address]
        drive = peer.drive(args)
        if drive:  # --drive always names its party
            command += ["--drive", f"{peer.name}={drive}"]
    if args.media_sink:
        command += ["--set", "media_host=127.0.0.1", "--set", f"media_port={args.media_port}"]
    for setting in args.set:
        command += ["--set", setting]
    return command


def start_ss(args, command, workdir):
    try:
        # stderr (compiler diagnostics) apart: the verdict must be the last stdout line.
        with open(os.path.join(workdir, "ss.stderr.log"), "w") as errors:
            ss = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, cwd=workdir)
    except OSError as e:
        raise RuntimeError(f"cannot start the SS: {e}") from e
    lines = Lines(ss)
    if lines.until(lambda line: line.startswith("SS on "),
                   time.monotonic() + args.start_limit) is None:
        stop(ss, "SS")
        lines.drain(time.monotonic() + 2)
        raise RuntimeError(f"the SS did not start within {args.start_limit:g} s: "
                           + " ".join(command) + "\n" + "\n".join(lines.lines))
    return ss, lines


def start_sipp(args, peer, ss_port, workdir):
    log = os.path.join(workdir, f"sipp.{peer.name}")
    command = [args.sipp, "-sf", peer.script, f"127.0.0.1:{ss_port}",
               "-i", "127.0.0.1", "-p", str(peer.sip), "-mp", str(peer.media),
               "-m", "1", "-nostdin", "-key", "home_domain", args.domain,
               "-timeout", f"{int(args.limit)}s", "-timeout_error",
               "-trace_msg", "-message_file", log + ".messages.log",
               "-trace_err", "-error_file", log + ".errors.log"]
    if args.transport == "tcp":
        command += ["-t", "t1"]
    command += peer.settings.get("sipp_args", "").split()  # say, -rtp_echo
    with open(log + ".stderr.log", "w") as errors:
        peer.process = subprocess.Popen(command, cwd=workdir, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=errors)


def linphone_tone(peer, directory):
    """The WAV liblinphone plays as its microphone for --peer-set NAME.tone=HZ."""
    if not peer.settings.get("tone"):
        return None
    from tone import write_sine
    path = os.path.join(directory, "tone.wav")
    write_sine(path, float(peer.settings["tone"]), seconds=60.0)
    return path


def record_path(peer, directory):
    """Where liblinphone records what it hears, with --peer-set NAME.record=true."""
    peer.record_path = os.path.join(directory, "received.wav") if peer.flag("record") else None
    return peer.record_path


def recordings(peer):
    """The WAV files in which a real UE recorded what it heard."""
    if getattr(peer, "ue", None) is None:
        return []
    if peer.kind == "baresip":
        return peer.ue.recordings("dec")
    path = getattr(peer, "record_path", None)
    return [path] if path and os.path.exists(path) else []


def start_real(args, peer, ss_port, workdir):
    """Starts a real UE and lets go of its ctrl_tcp connection: the SS's driver takes it."""
    proxy = f"127.0.0.1:{ss_port}"
    directory = os.path.join(workdir, f"{peer.kind}.{peer.name}")
    os.makedirs(directory, exist_ok=True)
    if peer.kind == "baresip":
        from baresip_ue import BaresipUE
        peer.ue = BaresipUE(peer.sip, peer.ctrl,
                            aor=peer.settings.get("aor", "sip:user2_public1@home2.net"),
                            proxy=proxy, auto_answer=peer.flag("auto_answer"),
                            register=peer.flag("register"),
                            password=peer.settings.get("password"), rtp_ports=peer.rtp,
                            tone_hz=peer.settings.get("tone"),
                            record_dir=os.path.join(directory, "rec") if peer.flag("record")
                            else None,
                            workdir=directory, log=os.path.join(workdir, f"baresip.{peer.name}.log"),
                            binary=args.baresip)
    else:
        from linphone_ue import LinphoneUE
        peer.ue = LinphoneUE(args.linphone_ue, peer.sip, peer.ctrl,
                             identity=peer.settings.get("identity", "sip:user1_public1@home1.net"),
                             proxy=proxy, factory_uri=peer.settings.get("factory_uri"),
                             register=peer.flag("register"),
                             password=peer.settings.get("password"),
                             auto_answer=peer.flag("auto_answer"),
                             rel100=peer.settings.get("100rel"), rtp_port=peer.rtp[0],
                             play_file=linphone_tone(peer, directory),
                             record_file=record_path(peer, directory),
                             workdir=directory,
                             log=os.path.join(workdir, f"linphone.{peer.name}.log"),
                             transcript=os.path.join(workdir, f"linphone_ue.{peer.name}.log"))
    peer.ue.start(handover=True)  # the SS's driver may connect to ctrl_tcp first
    peer.ue.ctrl.close()   # ctrl_tcp serves one client at a time: the SS's driver
    peer.ue.ctrl = None


def start_peer(args, peer, ss_port, workdir):
    if peer.kind == "sipp":
        start_sipp(args, peer, ss_port, workdir)
        if peer.starts_first():
            wait_bound(peer, args.transport)
    else:
        start_real(args, peer, ss_port, workdir)


def stop_peer(peer, patient):
    """Stops one peer, bounded, once; keeps its exit status."""
    if peer.stopped:
        return
    peer.stopped = True
    if peer.process is not None:
        if peer.process.poll() is None:
            peer.exit = wait_for(peer.process, 10 if patient else 1, f"SIPp {peer.name}")
        stop(peer.process, f"SIPp {peer.name}")
        peer.exit = peer.process.returncode
    if peer.ue is not None:
        from ctrl_tcp import Ctrl, CtrlError
        if peer.ue.process is not None and peer.ue.process.poll() is None:
            try:  # a clean quit needs ctrl_tcp (this replaces the SS's connection)
                peer.ue.ctrl = Ctrl(peer.ctrl, connect_timeout=2)
            except CtrlError:
                peer.ue.ctrl = None
        peer.exit = peer.ue.stop()


def play(args, workdir):
    """Runs the SS and the peers; returns (SS exit, SS lines)."""
    ss_port, binds = allocate(args)
    command = ss_command(args, ss_port, binds, workdir)
    with open(os.path.join(workdir, "ss.command.log"), "w") as f:
        f.write(" ".join(command) + "\n")
    ss = sink = None
    try:
        if args.media_sink:
            # RTP sent to the SS's SDP lands here, unread: no ICMP error goes back.
            sink = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            sink.bind(("127.0.0.1", args.media_port))
        first = [peer for peer in args.peers if peer.starts_first()]
        for peer in first:
            start_peer(args, peer, ss_port, workdir)
        ss, ss_out = start_ss(args, command, workdir)
        for peer in args.peers:
            if peer not in first:
                start_peer(args, peer, ss_port, workdir)
        # The SS ends on its own: verdict, then the linger time.
        if not ss_out.drain(time.monotonic() + args.limit + float(args.linger)):
            raise RuntimeError(f"the SS did not finish within {args.limit:g} s:\n"
                               + "\n".join(ss_out.lines))
        ss_code = wait_for(ss, 5, "SS")
        # UEs expected to pass get time to finish, unless the SS already judged otherwise.
        patient = args.expect_peers == "pass" and ss_code == args.expect_exit
        for peer in args.peers:
            stop_peer(peer, patient)
        return ss_code, ss_out.lines
    finally:
        stop(ss, "SS")
        if sink is not None:
            sink.close()
        for peer in args.peers:
            try:
                stop_peer(peer, False)
            except Exception as e:  # noqa: BLE001 - clean-up goes on for the others
                print(f"e2e: stopping {peer.name}: {e}")


def check(args, ss_code, ss_lines, workdir):
    problems = []
    last = ss_lines[-1] if ss_lines else ""
    if ss_code != args.expect_exit:
        problems.append(f"SS exit {ss_code}, expected {args.expect_exit}")
    if not re.search(args.expect_last_line, last):
        problems.append(f"SS last line {last!r} does not match {args.expect_last_line!r}")
    for pattern in args.expect_line:
        if not any(re.search(pattern, line) for line in ss_lines[:-1]):
            problems.append(f"no SS line before the last matches {pattern!r}")
    if args.expect_peers == "pass":
        for peer in args.peers:
            if peer.kind == "sipp" and peer.exit != 0:
                problems.append(f"SIPp {peer.name} (the UE) exit {peer.exit}, expected 0")
    if not read_text(os.path.join(workdir, "ss.trace")):
        problems.append("no message trace written (--trace)")
    if not os.path.exists(os.path.join(workdir, "ss.junit.xml")):
        problems.append("no JUnit report written (--junit)")
    problems += capture_problems(args, workdir)
    problems += heard_problems(args)
    return problems


def capture_datagrams(path):
    """The UDP payloads and TCP segment data of a pcap file the SS wrote (LINKTYPE_RAW)."""
    with open(path, "rb") as f:
        if struct.unpack("<I", f.read(24)[20:24])[0] != 101:
            raise ValueError("link type is not RAW (101)")
    return [payload for _, payload in tshark_check.payloads(path)]


def capture_problems(args, workdir):
    """The SS's --pcap holds the run's SIP messages and, with --expect-rtp-capture, RTP."""
    path = os.path.join(workdir, "ss.pcap")
    if not os.path.exists(path):
        return ["no capture written (--pcap)"]
    try:
        datagrams = capture_datagrams(path)
    except (ValueError, IndexError, struct.error) as e:
        return [f"the capture is unreadable: {e}"]
    sip = sum(1 for d in datagrams if re.match(rb"(SIP/2\.0 \d{3}|[A-Z]+ \S+ SIP/2\.0)", d))
    rtp = sum(1 for d in datagrams if len(d) >= 12 and d[0] >> 6 == 2)
    problems = [] if sip else ["the capture holds no SIP message"]
    if args.expect_rtp_capture and rtp < 10:
        problems.append(f"the capture holds {rtp} RTP packets, expected some")
    if args.tshark:
        problems += tshark_check.problems(path, args.tshark)
    return problems


def heard_problems(args):
    """--expect-heard NAME=HZ: one of the peer's recordings holds the tone."""
    from tone import has_tone
    problems = []
    for spec in args.expect_heard:
        name, _, hz = spec.partition("=")
        peer = next((p for p in args.peers if p.name == name), None)
        if peer is None:
            problems.append(f"--expect-heard: no peer {name}")
            continue
        files = recordings(peer)
        found = []
        for path in files:
            try:
                present, figures = has_tone(path, float(hz), 0.5)
            except Exception as e:  # noqa: BLE001 - a stream that never got audio
                print(f"e2e: {name} recorded {os.path.basename(path)}: unreadable ({e})")
                continue
            print(f"e2e: {name} recorded {os.path.basename(path)}: {hz} Hz in "
                  f"{figures['counting']}/{figures['blocks']} blocks")
            found.append(present)
        if not any(found):
            problems.append(f"{name} heard no {hz} Hz tone ({len(files)} recordings)")
    return problems


def play_on_free_ports(args, workdir, attempts=3):
    """play(), again on another block of ports when one was taken between the check and
    the SS's bind (a parallel test may draw the same block)."""
    for attempt in range(1, attempts + 1):
        try:
            return play(args, workdir)
        except RuntimeError as e:
            if "Address already in use" not in str(e) or attempt == attempts:
                raise
            print(f"e2e: a port was taken meanwhile; again on other ports ({attempt})")
    raise AssertionError("unreachable")


def run(args, workdir):
    try:
        ss_code, ss_lines = play_on_free_ports(args, workdir)
    except RuntimeError as e:
        print(f"e2e: {e}")
        dump_logs(workdir, 8000)
        return 1
    problems = check(args, ss_code, ss_lines, workdir)
    if not args.quiet or problems:
        print("\n".join(ss_lines))
        exits = ", ".join(f"{peer.name} ({peer.kind}) exit {peer.exit}" for peer in args.peers)
        print(f"e2e: SS exit {ss_code}; {exits}")
    if args.show_trace:
        print(f"----- message trace\n{read_text(os.path.join(workdir, 'ss.trace')) or ''}")
    return report_problems("e2e", problems, workdir, 8000)


def main(argv=None):
    args = parse_args(argv)
    missing = missing_programs(args)
    if missing:
        print("e2e: SKIP: not installed: " + ", ".join(missing))
        return SKIP
    with tempfile.TemporaryDirectory(prefix="scn-e2e-parties-") as workdir:
        return run(args, workdir)


if __name__ == "__main__":
    sys.exit(main())
