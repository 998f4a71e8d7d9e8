#include <doctest/doctest.h>

#include "media/media.h"
#include "support.h"

using namespace scn;
using namespace scn::media;
using scn::testing::noise;
using scn::testing::sine;

namespace {

// One second of audio through G.711 and the analyser, listening for 440 and 1000 Hz.
std::vector<ToneResult> analyse(const std::vector<std::int16_t>& audio, Codec codec = Codec::pcmu) {
  ToneAnalyzer analyzer({440, 1000});
  auto heard = decode(codec, encode(codec, audio));
  // Odd chunks: the analyser cuts its own 20 ms blocks.
  for (std::size_t at = 0; at < heard.size(); at += 97)
    analyzer.feed(std::span(heard).subspan(at, std::min<std::size_t>(97, heard.size() - at)));
  return analyzer.results();
}

std::vector<std::int16_t> add(std::vector<std::int16_t> a, const std::vector<std::int16_t>& b) {
  for (std::size_t i = 0; i < a.size(); ++i)
    a[i] = static_cast<std::int16_t>(std::clamp(int(a[i]) + int(b[i]), -32768, 32767));
  return a;
}

}  // namespace

TEST_CASE("media: Tone detection: a tone at -20 dBm0 is found, at its level") {
  for (Codec codec : {Codec::pcmu, Codec::pcma}) {
    auto r = analyse(sine(440, -20, 8000), codec);
    CHECK(r[0].detected);
    CHECK(r[0].longest_run == 50);
    CHECK(r[0].peak_dbm0 == doctest::Approx(-20).epsilon(0.02));
    CHECK_FALSE(r[1].detected);
  }
  CHECK(analyse(sine(1000, 0, 8000))[1].detected);
  CHECK(analyse(sine(445, -10, 8000))[0].detected);  // a few Hz off still counts
}

TEST_CASE("media: Tone detection: another tone 100 Hz away, noise and silence are rejected") {
  auto other = analyse(sine(540, -10, 8000));
  CHECK_FALSE(other[0].detected);
  CHECK(other[0].longest_run == 0);
  CHECK_FALSE(analyse(sine(340, -10, 8000))[0].detected);
  CHECK_FALSE(analyse(sine(480, -10, 8000))[0].detected);  // 40 Hz away
  auto loud_noise = analyse(noise(8000, 8000));
  CHECK_FALSE(loud_noise[0].detected);
  CHECK_FALSE(loud_noise[1].detected);
  auto silence = analyse(std::vector<std::int16_t>(8000, 0));
  CHECK_FALSE(silence[0].detected);
  CHECK_FALSE(analyse(sine(440, -40, 8000))[0].detected);  // below -30 dBm0
}

TEST_CASE("media: Tone detection: a tone in noise and two mixed tones are both found") {
  auto in_noise = analyse(add(sine(440, -15, 8000), noise(300, 8000)));
  CHECK(in_noise[0].detected);
  auto both = analyse(add(sine(440, -15, 8000), sine(1000, -15, 8000)));
  CHECK(both[0].detected);
  CHECK(both[1].detected);
}

TEST_CASE("media: Tone detection: a burst shorter than 100 ms does not count") {
  auto audio = sine(440, -10, 640);  // 80 ms
  audio.resize(8000, 0);
  auto r = analyse(audio);
  CHECK(r[0].longest_run == 4);
  CHECK_FALSE(r[0].detected);
}

TEST_CASE("media: Sources: tone level and phase continuity, silence, in-band DTMF") {
  Source tone = tone_source(1000, -10);
  std::vector<std::int16_t> audio;
  for (int i = 0; i < 50; ++i) {
    Frame f{};
    tone(f);
    audio.insert(audio.end(), f.begin(), f.end());
  }
  ToneAnalyzer a({1000});
  a.feed(audio);
  CHECK(a.results()[0].detected);
  CHECK(a.results()[0].peak_dbm0 == doctest::Approx(-10).epsilon(0.02));

  Frame quiet;
  quiet.fill(5);
  silence_source()(quiet);
  CHECK(quiet == Frame{});

  Receiver rx;
  Source dtmf = dtmf_source("19#");
  Sender tx(Format{}, 5, 0, 0);
  tx.set_source(dtmf);
  for (int i = 0; i < 40; ++i) {
    auto bytes = tx.tick();
    scn::testing::feed(rx, bytes, i * 20000);
  }
  CHECK(rx.stats().inband_digits == "19#");
  CHECK(rx.stats().events.empty());
}
