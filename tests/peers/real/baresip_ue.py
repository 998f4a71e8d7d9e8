#!/usr/bin/env python3
"""baresip as a UE under test, headless, on loopback, driven through ctrl_tcp.

BaresipUE writes a configuration directory (`config`, `accounts`) and starts
`baresip -f DIR`: SIP on 127.0.0.1:SIP_PORT (UDP and TCP; baresip also binds TLS on
SIP_PORT+1, so keep that port free too), ctrl_tcp on
127.0.0.1:CTRL_PORT, DNS pointed at 127.0.0.1:53 (nothing leaves the machine), audio
through the ALSA `null` device (no sound card needed), codecs PCMU/PCMA. With a tone
(`tone_hz`, `--tone HZ`) the microphone is module ausine instead: a sine of that
frequency (ausine runs at 48 kHz stereo only; baresip resamples for G.711). With a
recording folder (`record_dir`, `--record DIR`) module sndfile writes each call's audio
there as WAV files: `dump-<call>-enc.wav` what the UE sends, `dump-<call>-dec.wav` what
it received and decoded (recordings() lists them). The account
sends every initial request to the outbound proxy (the SS, an IP literal), registers only
when asked (`regint=0` otherwise: no registrar needed) and answers incoming calls by
itself with `answermode=auto` when asked.

ctrl_tcp commands (baresip 1.0.0 modules menu and ctrl_tcp; `params` is one string; the
response's `data` is the command's text output):
  dial URI        INVITE URI through the outbound proxy; ok once the INVITE is sent
  accept          answer the incoming call (200 with SDP); needed with answermode manual
  hangup          end the current call (the newest): CANCEL, 486 or BYE by its state
  transfer URI    blind transfer of the current call: REFER in its dialog, Refer-To: <URI>
  hold / resume   re-INVITE of the current call with a=sendonly / a=sendrecv
  listcalls, callstat, reginfo   text reports
  quit            quit (unREGISTER when registered); the response comes after the
                  SHUTDOWN and EXIT events
`hold`, `resume`, `transfer` exist only while a call exists ("command not found"
otherwise). Events (`event: true`): class "call" with types CALL_INCOMING, CALL_RINGING,
CALL_PROGRESS, CALL_ESTABLISHED, CALL_CLOSED (`param`: the reason), TRANSFER (a REFER
was accepted; `param`: the Refer-To value), TRANSFER_FAILED; class "other" with
CALL_LOCAL_SDP / CALL_REMOTE_SDP (`param`: offer or answer); class "register" with
REGISTERING, REGISTER_OK, REGISTER_FAIL, UNREGISTERING; class "application" with
SHUTDOWN, EXIT. Call events carry `id` (the SIP Call-ID), `direction`, `peeruri` and
`accountaor`.

As a program it starts one UE, prints `ready sip=... ctrl=...` and runs until SIGINT or
SIGTERM (or baresip's own exit), then stops it:
  baresip_ue.py --sip-port 5070 --ctrl-port 4444 --proxy 127.0.0.1:5060 --auto-answer
"""
import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ctrl_tcp import Ctrl, CtrlError  # noqa: E402

MODULE_PATH = "/usr/lib/baresip/modules"


def installed(binary="baresip"):
    """True when baresip and the modules this UE loads are there."""
    return shutil.which(binary) is not None and all(
        os.path.exists(os.path.join(MODULE_PATH, m))
        for m in ("ctrl_tcp.so", "menu.so", "account.so", "g711.so", "alsa.so"))


class BaresipUE:
    """One baresip process. start() returns once ctrl_tcp answers; stop() is bounded
    (quit, then SIGTERM, then SIGKILL) and safe to call twice."""

    def __init__(self, sip_port, ctrl_port, aor="sip:user2_public1@home2.net", proxy=None,
                 auto_answer=False, register=False, regint=600, password=None,
                 rtp_ports=None, workdir=None, log=None, binary="baresip", sip_trace=True,
                 account_params=(), tone_hz=None, record_dir=None):
        self.sip_port, self.ctrl_port = sip_port, ctrl_port
        self.aor, self.proxy = aor, proxy
        self.auto_answer, self.register, self.regint = auto_answer, register, regint
        self.password = password
        self.rtp_ports = rtp_ports or (sip_port + 1000, sip_port + 1019)
        self.binary, self.sip_trace = binary, sip_trace
        self.account_params = list(account_params)
        self.tone_hz, self.record_dir = tone_hz, record_dir
        self._own_dir = workdir is None
        self.dir = workdir or tempfile.mkdtemp(prefix="baresip-ue-")
        self.log_path = log or os.path.join(self.dir, "baresip.log")
        self.process = None
        self.ctrl = None

    def account_line(self):
        params = [f"answermode={'auto' if self.auto_answer else 'manual'}",
                  f"regint={self.regint if self.register else 0}",
                  "audio_codecs=pcmu,pcma", "mwi=no", "pubint=0"]
        if self.proxy:
            params.append(f'outbound="sip:{self.proxy}"')  # baresip adds ;lr
        if self.password:
            params.append(f"auth_pass={self.password}")
        return f"<{self.aor}>;" + ";".join(params + self.account_params) + "\n"

    def config_text(self):
        low, high = self.rtp_ports
        source = ["audio_source\talsa,null"]
        modules = []
        if self.tone_hz:
            source = [f"audio_source\tausine,{int(self.tone_hz)}",
                      "ausrc_srate\t48000", "ausrc_channels\t2"]
            modules.append("module\tausine.so")
        if self.record_dir:
            modules.append("module\tsndfile.so")
            source.append(f"snd_path\t{self.record_dir}")
        return "\n".join([
            "poll_method\tepoll",
            f"sip_listen\t127.0.0.1:{self.sip_port}",
            "call_local_timeout\t120",
            "call_max_calls\t4",
            "audio_player\talsa,null",
            *source,
            "audio_alert\talsa,null",
            f"rtp_ports\t{low}-{high}",
            "rtp_timeout\t0",
            "dns_server\t127.0.0.1:53",
            "net_interface\t127.0.0.1",
            f"module_path\t{MODULE_PATH}",
            "module\tg711.so",
            "module\talsa.so",
            *modules,
            "module_tmp\taccount.so",
            "module_app\tmenu.so",
            "module_app\tctrl_tcp.so",
            f"ctrl_tcp_listen\t127.0.0.1:{self.ctrl_port}",
            "menu_bell\tno",
            "ringback_disabled\tyes",
            "statmode_default\toff",
            ""])

    def recordings(self, kind="dec"):
        """The WAV files sndfile wrote so far in record_dir: "dec" what the UE received,
        "enc" what it sent; oldest first."""
        if not self.record_dir or not os.path.isdir(self.record_dir):
            return []
        names = [n for n in os.listdir(self.record_dir) if n.endswith(f"-{kind}.wav")]
        paths = [os.path.join(self.record_dir, n) for n in names]
        return sorted(paths, key=os.path.getmtime)

    def write_config(self):
        with open(os.path.join(self.dir, "config"), "w") as f:
            f.write(self.config_text())
        with open(os.path.join(self.dir, "accounts"), "w") as f:
            f.write(self.account_line())

    def start(self, timeout=10.0, log=None, handover=False):
        """Starts baresip and connects to ctrl_tcp; LOG(direction, message) sees the
        control traffic. Raises RuntimeError (after stopping it) when it does not come up.
        With HANDOVER another client (the SS's upper tester) may take ctrl_tcp meanwhile:
        it serves the newest client, so a connection closed while baresip runs means up."""
        self.write_config()
        if self.record_dir:
            os.makedirs(self.record_dir, exist_ok=True)
        command = [self.binary, "-f", self.dir] + (["-s"] if self.sip_trace else [])
        self._logfile = open(self.log_path, "w")
        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL,
                                        stdout=self._logfile, stderr=subprocess.STDOUT,
                                        cwd=self.dir)
        try:
            self.ctrl = Ctrl(self.ctrl_port, connect_timeout=timeout, log=log)
            # A command answered means the modules are loaded and the UA exists.
            self.ctrl.command("reginfo", timeout=timeout)
        except CtrlError as e:
            if handover and self.ctrl is not None and self.process.poll() is None \
                    and "connection closed" in str(e):
                return self
            self.stop()
            raise RuntimeError(f"baresip did not come up: {e}") from e
        if self.process.poll() is not None:
            raise RuntimeError(f"baresip exited at start with status {self.process.returncode}")
        return self

    def command(self, command, params=None, timeout=5.0, check=True):
        return self.ctrl.command(command, params, timeout=timeout, check=check)

    def stop(self, timeout=5.0):
        """quit through ctrl_tcp, then SIGTERM (baresip then ends its calls and
        registrations), a second SIGTERM (it exits at once), SIGKILL; returns the exit
        status. Each step waits a bounded time."""
        process = self.process
        if process is None:
            return None
        if process.poll() is None and self.ctrl is not None:
            try:
                self.ctrl.send("quit")
                process.wait(timeout=timeout)
            except (CtrlError, subprocess.TimeoutExpired):
                pass
        for _ in range(2):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=2)
                except subprocess.TimeoutExpired:
                    pass
        if process.poll() is None:
            process.kill()
            process.wait(timeout=3)
        if self.ctrl is not None:
            self.ctrl.close()
            self.ctrl = None
        self._logfile.close()
        self.process = None
        return process.returncode

    def cleanup(self):
        self.stop()
        if self._own_dir:
            shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.cleanup()


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sip-port", type=int, required=True)
    p.add_argument("--ctrl-port", type=int, required=True)
    p.add_argument("--aor", default="sip:user2_public1@home2.net")
    p.add_argument("--proxy", help="outbound proxy HOST:PORT (an IP literal), e.g. the SS")
    p.add_argument("--auto-answer", action="store_true", help="answermode=auto")
    p.add_argument("--register", action="store_true", help="REGISTER (else regint=0)")
    p.add_argument("--password", help="digest password (auth_pass)")
    p.add_argument("--dir", help="configuration directory to write (default: a temporary one)")
    p.add_argument("--log", help="baresip's output (with the SIP trace)")
    p.add_argument("--binary", default="baresip")
    p.add_argument("--tone", type=int, metavar="HZ",
                   help="send a sine of HZ as the microphone (module ausine)")
    p.add_argument("--record", metavar="DIR",
                   help="record each call's audio as WAV files in DIR (module sndfile)")
    args = p.parse_args(argv)
    if not installed(args.binary):
        print("baresip_ue: baresip (Debian package baresip-core) is not installed")
        return 77
    if args.dir:
        os.makedirs(args.dir, exist_ok=True)
    ue = BaresipUE(args.sip_port, args.ctrl_port, aor=args.aor, proxy=args.proxy,
                   auto_answer=args.auto_answer, register=args.register,
                   password=args.password, workdir=args.dir, log=args.log, binary=args.binary,
                   tone_hz=args.tone, record_dir=args.record and os.path.abspath(args.record))
    stopping = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stopping.append(True))
    try:
        ue.start()
        # Our connection is dropped: ctrl_tcp serves one client, the one that drives the UE.
        ue.ctrl.close()
        ue.ctrl = None
        print(f"ready sip=127.0.0.1:{args.sip_port} ctrl=127.0.0.1:{args.ctrl_port} "
              f"dir={ue.dir}", flush=True)
        while not stopping and ue.process.poll() is None:
            time.sleep(0.2)
    except RuntimeError as e:
        print(f"baresip_ue: {e}")
        return 1
    finally:
        # ctrl_tcp is needed for a clean quit: reconnect (this replaces any client).
        if ue.process is not None and ue.process.poll() is None:
            try:
                ue.ctrl = Ctrl(args.ctrl_port, connect_timeout=2)
            except CtrlError:
                ue.ctrl = None
        ue.stop()
        if not args.dir:
            shutil.rmtree(ue.dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
