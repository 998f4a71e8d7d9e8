"""What every section of the benchmark shares: its results, processes with bounded waits,
ports, CPU and memory figures read from /proc."""
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(TOP, "tests", "peers"))
from sipp_loopback import free_ports  # noqa: E402,F401  (re-exported for the sections)
from proc_stat import rss_kb  # noqa: E402,F401  (re-exported for the sections)

TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Ratio:
    """One line of the summary: a ratio (value) or why it was not measured (skipped)."""
    name: str
    value: float = None
    detail: str = ""
    goal: str = ""
    met: bool = None
    skipped: str = ""

    def line(self):
        if self.skipped:
            return f"skipped: {self.name}: {self.skipped}"
        return f"ratio {self.name} {self.value:.3g} ({self.detail})"


@dataclass
class Figure:
    """An absolute figure printed in the summary (no peer to compare with)."""
    name: str
    text: str


def say(text):
    print(text, flush=True)


def cpu_seconds(pid):
    """utime + stime of PID so far (fields 14 and 15 of /proc/PID/stat); None once gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICKS


def socket_on(port, proto, state=None):
    """Whether some socket of PROTO ("udp", "tcp") is bound to PORT on this host, in STATE
    when given ("0A": listening), from /proc/net/PROTO and PROTO6."""
    wanted = f":{port:04X}"
    for table in (f"/proc/net/{proto}", f"/proc/net/{proto}6"):
        try:
            with open(table) as f:
                next(f)
                if any(fields[1].endswith(wanted) and state in (None, fields[3])
                       for fields in (line.split() for line in f)):
                    return True
        except (OSError, StopIteration):
            continue
    return False


def wait_bound(process, port, seconds, transport="udp"):
    """Waits until PORT is bound (over TCP: listened on) while PROCESS runs; False at the
    deadline or its end."""
    state = "0A" if transport == "tcp" else None
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        if socket_on(port, transport, state):
            return True
        time.sleep(0.02)
    return False


def start(command, log_path, cwd=None):
    """A child with its stdout and stderr in LOG_PATH, stdin closed."""
    with open(log_path, "w") as log:
        return subprocess.Popen(command, cwd=cwd, stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT)


def stop(process, grace=3.0):
    """Ends a process started here: SIGTERM, SIGKILL after GRACE seconds; its exit status."""
    if process is None:
        return None
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=3)
    return process.returncode


def wait(process, seconds):
    """The exit status of PROCESS within SECONDS, or None (it is then still running)."""
    try:
        return process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        return None


def wait_reaped_cpu(process, seconds):
    """Waits for PROCESS like wait(), also returning the CPU seconds it used (rusage)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)
            return process.returncode, usage.ru_utime + usage.ru_stime
        time.sleep(0.02)
    return None, None


def tail(path, chars=1500):
    try:
        with open(path, errors="replace") as f:
            return f.read()[-chars:]
    except OSError:
        return ""


def help_text(scn, subcommand):
    """`scn SUBCOMMAND --help`, to learn which options this build has."""
    try:
        done = subprocess.run([scn, subcommand, "--help"], capture_output=True, text=True,
                              timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout + done.stderr
