#include <doctest/doctest.h>

#include "media/media.h"
#include "support.h"

using namespace scn;
using namespace scn::media;

namespace {

// 3 s of a 440 Hz PCMU stream at 20 ms, as a receiver would count it.
ReceiveStats good_window() {
  ReceiveStats s;
  s.packets = 150;
  s.expected = 150;
  s.first_arrival = 1000000;
  s.last_arrival = 1000000 + 149 * 20000;
  s.first_ssrc = 1;
  s.payload_types = {{0, 150}};
  s.decoded_samples = {{Codec::pcmu, 150 * 160}};
  s.jitter = 2.4;  // 0.3 ms
  s.tones = {ToneResult{440, true, 150, -10}};
  return s;
}

Expectation strict() {
  Expectation e;
  e.window_ms = 3000;
  e.negotiated = {0, 101};
  e.tones = {440};
  e.max_loss_percent = 5;
  e.max_jitter_ms = 30;
  e.ptime_ms = 20;
  return e;
}

}  // namespace

TEST_CASE("media: Evaluation: a good window passes with its figures") {
  CHECK(evaluate(good_window(), strict()).empty());
  CHECK(summary(good_window(), strict()) ==
        "150 packets PCMU, loss 0.0%, jitter 0.3 ms, 440 Hz tone present");
}

TEST_CASE("media: Evaluation: no packet at all") {
  CHECK(evaluate(ReceiveStats{}, strict()) == std::vector<std::string>{"no packet within 3 s"});
  Expectation e;
  e.window_ms = 2500;
  CHECK(evaluate(ReceiveStats{}, e) == std::vector<std::string>{"no packet within 2.5 s"});
}

TEST_CASE("media: Evaluation: loss, jitter, rate, tone and sequence findings are worded exactly") {
  ReceiveStats s = good_window();
  s.expected = 170;
  s.lost = 20;
  s.jitter = 45.2 * 8;
  s.last_arrival = *s.first_arrival + 149 * 40000;
  s.tones[0].detected = false;
  s.seq_jumps = {SeqJump{101, 250, false}, SeqJump{300, 302, false}, SeqJump{400, 9000, true}};
  CHECK(evaluate(s, strict()) ==
        std::vector<std::string>{"sequence jumped from 101 to 250, then 1 more",
                                 "loss 11.8% > 5%",
                                 "jitter 45.2 ms > 30 ms",
                                 "packet rate 25.0/s, expected 50/s for 20 ms packets",
                                 "no 440 Hz tone in 3.0 s of PCMU audio"});
}

TEST_CASE("media: Evaluation: DTMF digits from events, else in-band") {
  ReceiveStats s = good_window();
  Expectation e = strict();
  e.dtmf = "123";
  s.events = {DtmfEvent{'1', 0, 800, true}, DtmfEvent{'2', 1920, 800, true}};
  CHECK(evaluate(s, e) == std::vector<std::string>{"DTMF \"12\" received, expected \"123\""});
  s.events.clear();
  s.inband_digits = "123";
  CHECK(evaluate(s, e).empty());
  CHECK(summary(s, e) ==
        "150 packets PCMU, loss 0.0%, jitter 0.3 ms, 440 Hz tone present, DTMF \"123\"");
}
