#!/usr/bin/env python3
"""baresip exchanges audio with the SS in an MT call: scn (test case mt_answer_tone of
tests/e2e/media/mt_media.scn) calls it with its own SDP offer, makes it answer through
ctrl_tcp, sends a 1 kHz tone and checks that baresip sends its 440 Hz tone (module ausine)
with little loss and jitter; baresip's recording (module sndfile) must hold the 1 kHz tone.
The figures of the check are printed ("media figures: ...")."""
import os
import sys

from harness import check, main
from media_call import (AOR, expect_no_recorded_tone, expect_pass, expect_recorded_tone,
                        reclaim_ctrl, release_ctrl, run_ss)


def test(t):
    p = t.ports
    record = os.path.join(t.dir, "recordings")
    ue = t.start_baresip(aor=AOR, proxy=f"127.0.0.1:{p.sipp}", auto_answer=False,
                         tone_hz=440, record_dir=record)
    release_ctrl(ue)
    code, lines = run_ss(t, "mt_answer_tone")
    expect_pass(t, code, lines, 6)
    reclaim_ctrl(ue)
    check(ue.stop() == 0, "baresip did not exit cleanly on quit")
    received, sent = ue.recordings("dec"), ue.recordings("enc")
    check(received, f"baresip recorded nothing in {record}")
    expect_recorded_tone(t, received[-1], 1000)
    expect_no_recorded_tone(t, received[-1], 440)
    if sent:  # what baresip sent: its own source, a sanity check of the set-up
        expect_recorded_tone(t, sent[-1], 440)


if __name__ == "__main__":
    sys.exit(main(test, __doc__.splitlines()[0]))
