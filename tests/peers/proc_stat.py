"""What /proc says of a process, for the soak tests and the benchmarks."""


def rss_kb(pid):
    """VmRSS of PID in kB; None once gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None
