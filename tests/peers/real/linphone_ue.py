"""Starts and stops linphone_ue (linphone_ue.c, built by CMake when liblinphone is found)
the way baresip_ue.BaresipUE starts baresip: same ctrl_tcp protocol, same interface
(start, command, ctrl, stop). play_file (a WAV) is its microphone, record_file (WAV) gets
the audio it receives in calls. The program itself is the CLI: `linphone_ue --help`."""
import os
import shutil
import signal
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ctrl_tcp import Ctrl, CtrlError  # noqa: E402


class LinphoneUE:
    def __init__(self, binary, sip_port, ctrl_port, identity="sip:user1_public1@home1.net",
                 proxy=None, factory_uri=None, register=False, password=None,
                 auto_answer=False, rel100=None, rtp_port=None, workdir=None, log=None,
                 transcript=None, play_file=None, record_file=None):
        self.binary, self.sip_port, self.ctrl_port = binary, sip_port, ctrl_port
        self._own_dir = workdir is None
        self.dir = workdir or tempfile.mkdtemp(prefix="linphone-ue-")
        os.makedirs(self.dir, exist_ok=True)
        self.log = log or os.path.join(self.dir, "linphone.log")
        self.transcript = transcript or os.path.join(self.dir, "linphone_ue.log")
        self.command_line = [binary, "--sip-port", str(sip_port), "--ctrl-port", str(ctrl_port),
                             "--identity", identity, "--dir", self.dir, "--log", self.log]
        for flag, value in (("--proxy", proxy), ("--factory-uri", factory_uri),
                            ("--password", password), ("--100rel", rel100),
                            ("--rtp-port", rtp_port), ("--play-file", play_file),
                            ("--record-file", record_file)):
            if value is not None:
                self.command_line += [flag, str(value)]
        if register:
            self.command_line.append("--register")
        if auto_answer:
            self.command_line.append("--auto-answer")
        self.process = None
        self.ctrl = None

    def start(self, timeout=10.0, log=None, handover=False):
        """Starts linphone_ue and connects to its ctrl port. With HANDOVER another client
        (the SS's upper tester) may take that port meanwhile: ctrl_tcp serves the newest
        client, so a connection closed while the UE runs means it is up."""
        self._out = open(self.transcript, "w")
        self.process = subprocess.Popen(self.command_line, stdin=subprocess.DEVNULL,
                                        stdout=self._out, stderr=subprocess.STDOUT)
        try:
            self.ctrl = Ctrl(self.ctrl_port, connect_timeout=timeout, log=log)
            self.ctrl.command("reginfo", timeout=timeout)
        except CtrlError as e:
            if handover and self.ctrl is not None and self.process.poll() is None \
                    and "connection closed" in str(e):
                return self
            self.stop()
            raise RuntimeError(f"linphone_ue did not come up: {e}") from e
        return self

    def command(self, command, params=None, timeout=5.0, check=True):
        return self.ctrl.command(command, params, timeout=timeout, check=check)

    def stop(self, timeout=8.0):
        """quit (calls ended, unREGISTER: at most ~6 s inside), then SIGTERM, SIGKILL."""
        process = self.process
        if process is None:
            return None
        if process.poll() is None and self.ctrl is not None:
            try:
                self.ctrl.send("quit")
                process.wait(timeout=timeout)
            except (CtrlError, subprocess.TimeoutExpired):
                pass
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=3)
        if self.ctrl is not None:
            self.ctrl.close()
            self.ctrl = None
        self._out.close()
        self.process = None
        if self._own_dir:
            shutil.rmtree(self.dir, ignore_errors=True)
        return process.returncode
