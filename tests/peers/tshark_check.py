"""Decodes a capture the SS wrote (--pcap) with tshark: every SIP message must be decoded
as SIP and no packet may be malformed or carry an expert warning or error.

Used by e2e_parties.py (--tshark) and runnable alone: tshark_check.py FILE [--tshark PATH].
"""
import argparse
import re
import shutil
import struct
import subprocess
import sys

SIP_START = re.compile(rb"(SIP/2\.0 \d{3}[^\r\n]*|[A-Z]+ \S+ SIP/2\.0)\r?\n")
LIMIT = 60  # seconds for one tshark run


def payloads(path):
    """(protocol, payload) of each packet of a LINKTYPE_RAW capture: 17 UDP, 6 TCP."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 24 or struct.unpack("<I", data[:4])[0] != 0xA1B2C3D4:
        raise ValueError("not a pcap file (microsecond, little-endian)")
    out, at = [], 24
    while at + 16 <= len(data):
        length = struct.unpack("<I", data[at + 8:at + 12])[0]
        packet = data[at + 16:at + 16 + length]
        at += 16 + length
        if packet[0] >> 4 == 4:
            header, protocol = (packet[0] & 0x0F) * 4, packet[9]
        else:
            header, protocol = 40, packet[6]
        start = header + ((packet[header + 12] >> 4) * 4 if protocol == 6 else 8)
        out.append((protocol, packet[start:]))
    return out


def tshark(program, path, *options):
    """The fields tshark prints, one list per packet line."""
    # The capture's ports are whatever the run bound: some are registered to another protocol
    # (UDP 12000 is IBM's Enterprise Extender), so the SIP and RTP heuristics go first.
    command = [program, "-n", "-r", path, "--enable-heuristic", "rtp_udp",
               "-o", "udp.try_heuristic_first:TRUE", "-o", "tcp.try_heuristic_first:TRUE",
               *options]
    done = subprocess.run(command, capture_output=True, timeout=LIMIT, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}): "
                           + done.stderr.decode(errors="replace"))
    return [line.split("\t") for line in done.stdout.decode(errors="replace").splitlines()
            if line.strip()]


def problems(path, program="tshark"):
    """What is wrong with the capture, in words; [] when tshark finds nothing to say."""
    try:
        sip = sum(1 for _, payload in payloads(path) if SIP_START.match(payload))
        flagged = tshark(program, path, "-Y", "_ws.malformed || _ws.expert.severity >= warning",
                         "-T", "fields", "-e", "frame.number", "-e", "_ws.expert.message")
        decoded = tshark(program, path, "-Y", "sip.Method || sip.Status-Code",
                         "-T", "fields", "-e", "frame.number")
    except (ValueError, IndexError, struct.error) as e:
        return [f"the capture is unreadable: {e}"]
    except (OSError, RuntimeError, subprocess.TimeoutExpired) as e:
        return [f"tshark: {e}"]
    found = [f"tshark flags frame {' '.join(fields)}" for fields in flagged]
    if sip == 0:
        found.append("the capture holds no SIP message")
    if len(decoded) != sip:
        found.append(f"tshark decodes {len(decoded)} SIP messages, the capture holds {sip}")
    return found


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("capture")
    p.add_argument("--tshark", default="tshark")
    args = p.parse_args(argv)
    if shutil.which(args.tshark) is None:
        print(f"tshark_check: SKIP: {args.tshark} is not installed")
        return 77
    found = problems(args.capture, args.tshark)
    for problem in found:
        print(f"tshark_check: {problem}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
