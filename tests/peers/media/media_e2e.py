#!/usr/bin/env python3
"""Runs e2e_parties.py with a SIPp UE that replays a generated RTP capture.

  media_e2e.py --pcap PROFILE [--scratch DIR] E2E_PARTIES_OPTIONS...

Writes the capture of PROFILE (make_rtp_pcap.py) into a scratch directory, with a copy of
every SIPp script of the --peer options whose play_pcap_audio names another capture made
to name PROFILE's (SIPp looks for the file beside its script), then runs e2e_parties.py
with those copies; everything else passes through. Without --pcap it only runs
e2e_parties.py. The scratch directory (default: a temporary one) is removed at the end
unless it was given.
"""
import argparse
import os
import re
import shutil
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
PEERS = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, PEERS)
import e2e_parties  # noqa: E402
from make_rtp_pcap import write_profile  # noqa: E402

PLAY = re.compile(r'play_pcap_audio="[^"]*"')


def with_capture(argv, profile, scratch):
    """ARGV with each --peer NAME=sipp:SCRIPT that plays a capture replaced by a copy in
    SCRATCH that plays PROFILE's."""
    write_profile(scratch, profile)
    out = list(argv)
    for i, item in enumerate(out):
        if i == 0 or out[i - 1] != "--peer":
            continue
        name, _, spec = item.partition("=")
        kind, _, script = spec.partition(":")
        if kind != "sipp" or not script:
            continue
        path = script if os.path.isabs(script) or os.path.exists(script) \
            else os.path.join(PEERS, script)
        with open(path) as f:
            text = f.read()
        if not PLAY.search(text):
            continue
        copy = os.path.join(scratch, f"{name}.{os.path.basename(path)}")
        with open(copy, "w") as f:
            f.write(PLAY.sub(f'play_pcap_audio="{profile}.pcap"', text))
        out[i] = f"{name}=sipp:{copy}"
    return out


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0], add_help=False)
    p.add_argument("--pcap", help="the profile of make_rtp_pcap.py the SIPp UE plays")
    p.add_argument("--scratch", help="where the capture and the script copies go")
    args, rest = p.parse_known_args(argv)
    if not args.pcap:
        return e2e_parties.main(rest)
    if os.geteuid() != 0:  # SIPp replays captures from a raw socket
        print("e2e: SKIP: play_pcap_audio needs root (SIPp sends from a raw socket)")
        return e2e_parties.SKIP
    scratch = args.scratch or tempfile.mkdtemp(prefix="scn-media-")
    os.makedirs(scratch, exist_ok=True)
    try:
        return e2e_parties.main(with_capture(rest, args.pcap, scratch))
    finally:
        if not args.scratch:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
