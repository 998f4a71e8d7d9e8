#!/usr/bin/env python3
"""Writes pcap captures of G.711 RTP streams for SIPp's <exec play_pcap_audio="FILE"/>.

SIPp 3.6.1 (built with PCAP) reads Ethernet (DLT_EN10MB) or Linux cooked captures of
IPv4/IPv6 UDP datagrams; it keeps each datagram's UDP header and payload, replays them
with the capture's time gaps and rewrites the ports: a datagram to the capture's lowest
destination port goes to the media port of the SDP the UE received. It sends them from a
raw socket (root only). Every datagram here goes to one port, from 10.0.0.1:6000.

A stream is described by a profile (PROFILES): codec PCMU (payload type 0) unless said, 20 ms
packets, a sine of some frequency, and at most one fault:
  pcmu_440, pcmu_1000   conformant, 3 s of a 440 Hz / 1 kHz tone
  pcmu_600              conformant, a 600 Hz tone (the wrong one for a 440 Hz check)
  pcmu_440_long         conformant, 30 s of 440 Hz (a UE whose call goes on a while)
  pt18_440              payload type 18 (G.729's) on every packet, PCMU octets inside
  pcma_440              PCMA (payload type 8): offered by the SS, not in the UE's answer
  ssrc_change_440       a new SSRC (and sequence and timestamp base) after 50 packets
  seq_jump_440          the sequence number jumps by 200 after 60 packets (timestamps
                        jump with it, as if 200 packets were lost)
  loss_440              every 8th packet missing (12.5 % loss, gaps of one)
  burst_440             packets leave in bursts of 5 every 100 ms (jitter ~30 ms)
  dtmf5_440             the tone, with an RFC 4733 event for digit 5 (payload type 101)
                        from 1.0 s to 1.2 s in place of the audio, end packet sent 3 times
Nothing third-party: G.711 (mu-law, A-law) is written here, the pcap format and IPv4 in
../pcap_file.py.
  make_rtp_pcap.py DIR [PROFILE...]     writes DIR/PROFILE.pcap (all profiles by default)
"""
import math
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import pcap_file  # noqa: E402

CLOCK = 8000
SAMPLES = 160            # 20 ms at 8 kHz
AMPLITUDE = 7000         # about -10 dBm0 for a sine in 16-bit linear PCM
SRC = ("10.0.0.1", 6000)
DST = ("10.0.0.2", 6000)
EVENT_PT = 101


def ulaw(sample):
    """One 16-bit linear sample as G.711 mu-law (the classic segment coder on 14 bits)."""
    value = sample >> 2
    mask = 0xFF
    if value < 0:
        value, mask = -value, 0x7F
    value = min(value, 8159) + 0x21
    segment = 0
    while segment < 8 and value > (0x40 << segment) - 1:
        segment += 1
    if segment >= 8:
        return 0x7F ^ mask
    return ((segment << 4) | ((value >> (segment + 1)) & 0x0F)) ^ mask


def alaw(sample):
    """One 16-bit linear sample as G.711 A-law (the classic segment coder on 13 bits)."""
    value = sample >> 3
    mask = 0xD5
    if value < 0:
        value, mask = -value - 1, 0x55
    segment = 0
    while segment < 8 and value > (0x20 << segment) - 1:
        segment += 1
    if segment >= 8:
        return 0x7F ^ mask
    code = (segment << 4) | ((value >> (1 if segment < 2 else segment)) & 0x0F)
    return code ^ mask


def tone_frames(hz, count, encode=ulaw):
    """COUNT frames of 160 G.711 octets (ENCODE) of a phase-continuous sine of HZ."""
    frames = []
    for f in range(count):
        frames.append(bytes(encode(int(AMPLITUDE * math.sin(2 * math.pi * hz * (f * SAMPLES + i)
                                                            / CLOCK)))
                            for i in range(SAMPLES)))
    return frames


def rtp(pt, seq, ts, ssrc, payload, marker=False):
    return struct.pack("!BBHII", 0x80, (0x80 if marker else 0) | pt, seq & 0xFFFF,
                       ts & 0xFFFFFFFF, ssrc) + payload


def frame(payload, ident):
    """An Ethernet frame carrying PAYLOAD in UDP over IPv4, SRC to DST."""
    udp = struct.pack("!HHHH", SRC[1], DST[1], 8 + len(payload), 0) + payload
    src = bytes(int(x) for x in SRC[0].split("."))
    dst = bytes(int(x) for x in DST[0].split("."))
    ip = pcap_file.ipv4(17, src, dst, udp, ident=ident, tos=0xB8, flags=0x4000)
    ether = b"\x02\x00\x00\x00\x00\x02" + b"\x02\x00\x00\x00\x00\x01" + b"\x08\x00"
    return ether + ip


def write_pcap(path, packets):
    """PACKETS: (seconds from the start, RTP datagram) in the order they are sent."""
    pcap_file.write(path, pcap_file.LINKTYPE_ETHERNET,
                    [(at, frame(datagram, i)) for i, (at, datagram) in enumerate(packets)])


def stream(hz=440, seconds=3.0, pt=0, ssrc=0x5CA1AB1E, seq=1000, ts=160000, codec="pcmu",
           ssrc_change_at=None, seq_jump_at=None, drop_every=None, burst=None, dtmf=None):
    """The (time, datagram) list of one profile; see the module's docstring."""
    count = int(seconds * 1000 / 20)
    frames = tone_frames(hz, count, alaw if codec == "pcma" else ulaw)
    packets = []
    for n in range(count):
        at = n * 0.020
        if ssrc_change_at is not None and n == ssrc_change_at:
            ssrc, seq, ts = 0x0BADCAFE, 30000, 4000000   # a new source starts afresh
        if seq_jump_at is not None and n == seq_jump_at:
            seq, ts = seq + 200, ts + 200 * SAMPLES
        if burst:
            at = (n // burst * burst + burst - 1) * 0.020
        if dtmf and dtmf[1] <= n < dtmf[1] + dtmf[2]:
            digit, first, length = dtmf
            k = n - first
            end = k == length - 1
            event_ts = ts - k * SAMPLES
            payload = struct.pack("!BBH", int(digit), (0x80 if end else 0) | 10,
                                  (k + 1) * SAMPLES)
            for _ in range(3 if end else 1):  # RFC 4733 2.5.1.4: the end packet thrice
                packets.append((at, rtp(EVENT_PT, seq, event_ts, ssrc, payload, marker=k == 0)))
                seq += 1
            ts += SAMPLES
            continue
        if drop_every and n % drop_every == drop_every - 1:
            seq, ts = seq + 1, ts + SAMPLES
            continue
        packets.append((at, rtp(pt, seq, ts, ssrc, frames[n], marker=n == 0)))
        seq, ts = seq + 1, ts + SAMPLES
    return packets


PROFILES = {
    "pcmu_440": {},
    "pcmu_1000": {"hz": 1000},
    "pcmu_600": {"hz": 600},
    "pcmu_440_long": {"seconds": 30.0},
    "pt18_440": {"pt": 18},
    "pcma_440": {"pt": 8, "codec": "pcma"},
    "ssrc_change_440": {"ssrc_change_at": 50},
    "seq_jump_440": {"seq_jump_at": 60},
    "loss_440": {"drop_every": 8},
    "burst_440": {"burst": 5},
    "dtmf5_440": {"dtmf": ("5", 50, 10)},
}


def write_profile(directory, name):
    """Writes DIRECTORY/NAME.pcap; returns its path."""
    if name not in PROFILES:
        raise KeyError(f"no pcap profile {name!r} (known: {', '.join(PROFILES)})")
    path = os.path.join(directory, name + ".pcap")
    write_pcap(path, stream(**PROFILES[name]))
    return path


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    directory, names = argv[0], argv[1:] or list(PROFILES)
    os.makedirs(directory, exist_ok=True)
    for name in names:
        print(write_profile(directory, name))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
