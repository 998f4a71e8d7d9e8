// Signal sources (silence, sine, in-band DTMF) and Goertzel tone detection over 20 ms
// blocks (media.h states the criterion).
#include <charconv>
#include <cmath>
#include <numbers>

#include "media/dsp.h"
#include "media/media.h"

namespace scn::media {

namespace {

double amplitude_of(double dbm0) {
  return full_scale * std::pow(10.0, (dbm0 - max_sine_dbm0) / 20.0);
}

// Level of a sine of mean power `power` (in squared sample units).
double dbm0_of(double power) {
  if (power <= 0) return -99;
  return 10.0 * std::log10(power / (full_scale * full_scale / 2)) + max_sine_dbm0;
}

struct DtmfTxFree {
  void operator()(dtmf_tx_state_t* tx) const { dtmf_tx_free(tx); }
};

}  // namespace

Result<double> parse_frequency(std::string_view text) {
  double hz = 0;
  const char* end = text.data() + text.size();
  auto [at, ec] = std::from_chars(text.data(), end, hz);
  if (text.empty() || ec != std::errc() || at != end)
    return make_error("tone \"" + std::string(text) + "\" Hz: not a number");
  if (!(hz >= 50 && hz <= 3950))
    return make_error("a tone is from 50 to 3950 Hz (8 kHz sampling), not " + std::string(text) +
                      " Hz");
  return hz;
}

Source silence_source() {
  return [](std::span<std::int16_t> frame) { std::fill(frame.begin(), frame.end(), 0); };
}

// A plain sine rather than spandsp's tone_gen: it needs no cadence descriptor, keeps its
// phase across frames and has the exact level; 160 sin() per 20 ms cost nothing.
Source tone_source(double hz, double dbm0) {
  const double step = 2 * std::numbers::pi * hz / clock_rate;
  const double amplitude = amplitude_of(dbm0);
  return [step, amplitude, phase = 0.0](std::span<std::int16_t> frame) mutable {
    for (auto& s : frame) {
      s = static_cast<std::int16_t>(std::lround(amplitude * std::sin(phase)));
      phase = std::fmod(phase + step, 2 * std::numbers::pi);
    }
  };
}

Source dtmf_source(std::string digits) {
  // Shared, since a Source is copyable and the generator is not.
  std::shared_ptr<dtmf_tx_state_t> tx(dtmf_tx_init(nullptr), DtmfTxFree{});
  if (tx) dtmf_tx_put(tx.get(), digits.c_str(), static_cast<int>(digits.size()));
  return [tx](std::span<std::int16_t> frame) {
    int made = tx ? dtmf_tx(tx.get(), frame.data(), static_cast<int>(frame.size())) : 0;
    std::fill(frame.begin() + std::max(made, 0), frame.end(), 0);
  };
}

ToneAnalyzer::ToneAnalyzer(std::vector<double> hz) : runs_(hz.size(), 0) {
  for (double f : hz) results_.push_back(ToneResult{f, false, 0, -99});
}

void ToneAnalyzer::feed(std::span<const std::int16_t> samples) {
  if (results_.empty()) return;
  if (!block_) block_ = std::make_unique<Frame>();
  for (std::int16_t s : samples) {
    (*block_)[filled_++] = s;
    if (filled_ == block_->size()) {
      analyse_block();
      filled_ = 0;
    }
  }
}

void ToneAnalyzer::analyse_block() {
  double energy = 0;
  for (std::int16_t s : *block_) energy += double(s) * s;
  for (std::size_t i = 0; i < results_.size(); ++i) {
    goertzel_descriptor_t desc;
    make_goertzel_descriptor(&desc, static_cast<float>(results_[i].hz), frame_samples);
    goertzel_state_t state;
    goertzel_init(&state, &desc);
    goertzel_update(&state, block_->data(), frame_samples);
    // spandsp's result is N^2 A^2 / 2 for a sine of amplitude A at the bin's centre,
    // while the block's energy is N A^2 / 2: their ratio over N is the tone's share.
    double power = goertzel_result(&state);
    double share = energy > 0 ? power / (frame_samples * energy) : 0;
    double level = dbm0_of(power / (double(frame_samples) * frame_samples));
    ToneResult& r = results_[i];
    r.peak_dbm0 = std::max(r.peak_dbm0, level);
    runs_[i] = share >= min_share && level >= min_level_dbm0 ? runs_[i] + 1 : 0;
    r.longest_run = std::max(r.longest_run, runs_[i]);
    r.detected = r.longest_run >= min_blocks;
  }
}

}  // namespace scn::media
