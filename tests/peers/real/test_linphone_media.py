#!/usr/bin/env python3
"""liblinphone exchanges audio with the SS in an MT call: scn (test case mt_answer_tone of
tests/e2e/media/mt_media.scn) calls linphone_ue with its own SDP offer, makes it answer
through ctrl_tcp, sends a 1 kHz tone and checks that linphone_ue sends its microphone, a
WAV of a 440 Hz sine written here (--play-file), with little loss and jitter; what
linphone_ue received (--record-file) must hold the 1 kHz tone. The figures of the check
are printed ("media figures: ...")."""
import os
import sys

from harness import check, main
from media_call import (AOR, expect_no_recorded_tone, expect_pass, expect_recorded_tone,
                        reclaim_ctrl, release_ctrl, run_ss, wait_file)
from tone import write_sine


def test(t):
    p = t.ports
    microphone = write_sine(os.path.join(t.dir, "sine440.wav"), 440, seconds=30, rate=8000)
    speaker = os.path.join(t.dir, "received.wav")
    ue = t.start_linphone(t.args.linphone_ue, identity=AOR, proxy=f"127.0.0.1:{p.sipp}",
                          play_file=microphone, record_file=speaker)
    release_ctrl(ue)
    code, lines = run_ss(t, "mt_answer_tone")
    expect_pass(t, code, lines, 6)
    reclaim_ctrl(ue)
    check(ue.stop() == 0, "linphone_ue did not exit cleanly on quit")
    check(wait_file(speaker, 3), f"linphone_ue recorded nothing in {speaker}")
    expect_recorded_tone(t, speaker, 1000)
    expect_no_recorded_tone(t, speaker, 440)


if __name__ == "__main__":
    sys.exit(main(test, __doc__.splitlines()[0]))
