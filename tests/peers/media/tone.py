#!/usr/bin/env python3
"""Tones in WAV files: whether a recording holds a tone of F Hz (Goertzel), and a sine to
write as a UE's microphone. Standard library only.

A 20 ms block counts for F when the Goertzel power at F holds at least a quarter of the
block's energy and the block is not near silence (RMS above 100 of 32768); the tone is
present when enough consecutive blocks count (default 0.5 s). The same rule as the SS's
own detector, so a tone one side hears the other hears too.
  tone.py FILE HZ [--min-seconds S]    exit 0 when present, 1 when not; prints the figures
  tone.py --write FILE HZ [--seconds S] [--rate R]   writes a mono 16-bit sine
"""
import argparse
import array
import math
import sys
import wave

MIN_SHARE = 0.25
MIN_RMS = 100.0


def read_wav(path):
    """(rate, samples of the first channel as floats). 16-bit PCM only."""
    with wave.open(path, "rb") as w:
        rate, channels, width = w.getframerate(), w.getnchannels(), w.getsampwidth()
        frames = w.readframes(w.getnframes())
    if width != 2:
        raise ValueError(f"{path}: {8 * width}-bit samples, only 16-bit PCM is read")
    samples = array.array("h")
    samples.frombytes(frames[:len(frames) // 2 * 2])
    if sys.byteorder == "big":
        samples.byteswap()
    return rate, [float(x) for x in samples[::channels]]


def goertzel_share(block, rate, hz):
    """The share of BLOCK's energy at HZ (0..1) and the block's RMS."""
    n = len(block)
    k = 2 * math.cos(2 * math.pi * hz / rate)
    s1 = s2 = 0.0
    for x in block:
        s1, s2 = x + k * s1 - s2, s1
    power = s1 * s1 + s2 * s2 - k * s1 * s2      # |X(hz)|^2
    energy = sum(x * x for x in block)
    if energy <= 0:
        return 0.0, 0.0
    # A pure sine of amplitude A over n samples: |X|^2 = (A n / 2)^2, energy = A^2 n / 2.
    return min(1.0, 2 * power / (n * energy)), math.sqrt(energy / n)


def analyse(path, hz, block_ms=20):
    """Figures of HZ in the WAV at PATH: seconds of audio, longest run of counting blocks
    (seconds), blocks counting, blocks in all."""
    rate, samples = read_wav(path)
    size = max(1, rate * block_ms // 1000)
    run = longest = counting = blocks = 0
    for start in range(0, len(samples) - size + 1, size):
        share, rms = goertzel_share(samples[start:start + size], rate, hz)
        blocks += 1
        if share >= MIN_SHARE and rms >= MIN_RMS:
            counting += 1
            run += 1
            longest = max(longest, run)
        else:
            run = 0
    return {"seconds": len(samples) / rate if rate else 0.0, "rate": rate,
            "longest": longest * block_ms / 1000.0, "counting": counting, "blocks": blocks}


def has_tone(path, hz, min_seconds=0.5):
    """(present, figures): whether the WAV at PATH holds HZ for MIN_SECONDS in a row."""
    figures = analyse(path, hz)
    return figures["longest"] >= min_seconds, figures


def write_sine(path, hz, seconds=30.0, rate=8000, amplitude=8000):
    """A mono 16-bit WAV of a sine of HZ."""
    count = int(seconds * rate)
    samples = array.array("h", (int(amplitude * math.sin(2 * math.pi * hz * i / rate))
                                for i in range(count)))
    if sys.byteorder == "big":
        samples.byteswap()
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(samples.tobytes())
    return path


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--write", action="store_true", help="write a sine instead of analysing")
    p.add_argument("file")
    p.add_argument("hz", type=float)
    p.add_argument("--min-seconds", type=float, default=0.5)
    p.add_argument("--seconds", type=float, default=30.0)
    p.add_argument("--rate", type=int, default=8000)
    args = p.parse_args(argv)
    if args.write:
        write_sine(args.file, args.hz, args.seconds, args.rate)
        return 0
    present, f = has_tone(args.file, args.hz, args.min_seconds)
    print(f"{args.file}: {f['seconds']:.1f} s at {f['rate']} Hz, {args.hz:g} Hz in "
          f"{f['counting']}/{f['blocks']} blocks, longest run {f['longest']:.2f} s: "
          f"{'present' if present else 'absent'}")
    return 0 if present else 1


if __name__ == "__main__":
    sys.exit(main())
