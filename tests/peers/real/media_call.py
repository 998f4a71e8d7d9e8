"""What the media tests of the real UEs share: scn plays the SS (`scn run`) against the UE
under test, which it drives through ctrl_tcp (--drive UE=ctrl:...), and the test reads the
verdict, the figures of the media check and the UE's recording.

The SS binds the block's first port (Ports.sipp: the UE's outbound proxy); its RTP endpoint
takes a port the kernel picks. Every wait is bounded and the SS is stopped when the test
ends, whatever the outcome."""
import os
import re
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "media"))
from harness import Failure, check  # noqa: E402
from tone import has_tone  # noqa: E402

DOMAIN = "home1.net"
AOR = f"sip:user1_public1@{DOMAIN}"  # px_IMS_PublicUserIdentity, the INVITE's target


def release_ctrl(ue):
    """ctrl_tcp serves one client: let go of ours so that the SS's driver takes it."""
    if ue.ctrl is not None:
        ue.ctrl.close()
        ue.ctrl = None


def reclaim_ctrl(ue):
    """Reconnects to ctrl_tcp (replacing the SS's driver) for a clean quit."""
    from ctrl_tcp import Ctrl, CtrlError
    if ue.process is not None and ue.process.poll() is None and ue.ctrl is None:
        try:
            ue.ctrl = Ctrl(ue.ctrl_port, connect_timeout=2)
        except CtrlError:
            ue.ctrl = None


def run_ss(t, testcase, limit=40):
    """Runs TESTCASE of the scenario given with --scenario as the SS against the UE on
    the block's ports; returns (exit status, stdout lines)."""
    scn, scenario = t.args.scn, t.args.scenario
    if not scn or not scenario:
        raise Failure("this test needs --scn and --scenario")
    p = t.ports
    command = [scn, "run", os.path.abspath(scenario), "--testcase", testcase,
               "--bind", f"127.0.0.1:{p.sipp}", "--ue", f"127.0.0.1:{p.ue_sip}",
               "--drive", f"UE=ctrl:127.0.0.1:{p.ue_ctrl}", "--timeout", "10",
               "--linger", "1", "--trace", os.path.join(t.dir, "ss.trace"),
               "--set", f"px_IMS_HomeDomainName={DOMAIN}"]
    stdout = os.path.join(t.dir, "ss.stdout.log")
    with open(os.path.join(t.dir, "ss.stderr.log"), "w") as errors, open(stdout, "w") as out:
        t.say("SS: scn " + " ".join(command[1:]))
        ss = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=errors,
                              cwd=t.dir)
        try:
            code = ss.wait(timeout=limit)
        except subprocess.TimeoutExpired:
            code = None
        finally:
            if ss.poll() is None:
                ss.terminate()
                try:
                    ss.wait(timeout=3)
                except subprocess.TimeoutExpired:
                    ss.kill()
                    ss.wait(timeout=3)
    with open(stdout, errors="replace") as f:
        lines = f.read().splitlines()
    for line in lines:
        t.say(f"SS| {line}")
    if code is None:
        raise Failure(f"the SS did not finish within {limit} s")
    return code, lines


def media_figures(lines, step):
    """The figures of a passing media check at STEP: '150 packets PCMU, loss 0.0%, ...'."""
    pattern = re.compile(rf"^\s*{step}\s+RTP UE -> SS\s+(.*)$")
    for line in lines:
        m = pattern.match(line)
        if m:
            return m.group(1)
    return None


def expect_pass(t, code, lines, step):
    """Fails unless the SS passed; prints and returns the figures of the check at STEP."""
    last = lines[-1] if lines else ""
    check(code == 0 and last == "PASS", f"SS exit {code}, verdict {last!r}, expected PASS")
    figures = media_figures(lines, step)
    check(figures is not None, f"no figures of the media check at step {step}")
    t.say(f"media figures: RTP UE -> SS {figures}")
    return figures


def expect_recorded_tone(t, path, hz, min_seconds=0.5):
    """Fails unless the WAV at PATH holds HZ for MIN_SECONDS in a row."""
    check(path and os.path.exists(path), f"no recording: {path}")
    present, f = has_tone(path, hz, min_seconds)
    t.say(f"recording {os.path.basename(path)}: {f['seconds']:.1f} s at {f['rate']} Hz, "
          f"{hz:g} Hz in {f['counting']}/{f['blocks']} blocks, longest {f['longest']:.2f} s")
    check(present, f"the UE's recording holds no {hz:g} Hz tone of {min_seconds:g} s")


def expect_no_recorded_tone(t, path, hz, min_seconds=0.5):
    """Fails when the WAV at PATH holds HZ for MIN_SECONDS in a row (the UE's own tone
    coming back would mean a loop, and a detector that finds every tone proves nothing)."""
    present, f = has_tone(path, hz, min_seconds)
    t.say(f"recording {os.path.basename(path)}: {hz:g} Hz in {f['counting']}/{f['blocks']} "
          f"blocks (expected none)")
    check(not present, f"the UE's recording holds a {hz:g} Hz tone it should not")


def wait_file(path, seconds):
    """Waits until PATH exists and has stopped growing (a recording being closed)."""
    deadline = time.monotonic() + seconds
    size = -1
    while time.monotonic() < deadline:
        if os.path.exists(path):
            now = os.path.getsize(path)
            if now == size and now > 44:
                return True
            size = now
        time.sleep(0.2)
    return os.path.exists(path)
