// Helpers of the media tests: synthetic audio, packets built by hand, and endpoints on a
// real loop over loopback.
#pragma once

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <memory>
#include <numbers>
#include <random>
#include <utility>
#include <vector>

#include "media/media.h"

namespace scn::testing {

// A sine of `hz` at `dbm0` (a full-scale G.711 sine is +3.14 dBm0), `count` samples.
inline std::vector<std::int16_t> sine(double hz, double dbm0, std::size_t count) {
  double amplitude = 32767.0 * std::pow(10.0, (dbm0 - 3.14) / 20.0);
  std::vector<std::int16_t> out(count);
  for (std::size_t i = 0; i < count; ++i)
    out[i] = static_cast<std::int16_t>(
        std::lround(amplitude * std::sin(2 * std::numbers::pi * hz * double(i) / 8000.0)));
  return out;
}

// Gaussian noise of the given RMS, from a fixed seed.
inline std::vector<std::int16_t> noise(double rms, std::size_t count, unsigned seed = 7) {
  std::mt19937 gen(seed);
  std::normal_distribution<double> dist(0.0, rms);
  std::vector<std::int16_t> out(count);
  for (auto& s : out) s = static_cast<std::int16_t>(std::clamp(dist(gen), -32768.0, 32767.0));
  return out;
}

// An audio packet of 160 PCMU octets (silence) with the given header fields.
inline std::vector<std::uint8_t> audio_bytes(std::uint16_t seq, std::uint32_t ts,
                                             std::uint32_t ssrc = 0x1234abcd,
                                             std::uint8_t pt = 0) {
  static const std::vector<std::uint8_t> silence(160, 0xff);
  media::Packet p;
  p.payload_type = pt;
  p.seq = seq;
  p.timestamp = ts;
  p.ssrc = ssrc;
  p.payload = silence;
  return media::serialise(p);
}

// Feeds one serialised packet to a receiver; the bytes must parse.
inline void feed(media::Receiver& rx, const std::vector<std::uint8_t>& bytes,
                 media::Micros arrival) {
  auto packet = media::parse(bytes);
  REQUIRE_MESSAGE(packet.ok(), packet.reason());
  rx.receive(*packet, arrival);
}

inline std::unique_ptr<media::Endpoint> open_endpoint(Loop& loop,
                                                      net::Family family = net::Family::v4) {
  auto e = media::Endpoint::open(loop, net::Address::loopback(family));
  REQUIRE_MESSAGE(e.ok(), e.reason());
  return std::move(e).value();
}

inline media::Format pcmu_with_events() {
  media::Format f;
  f.event_payload_type = 101;
  return f;
}

// Bound of every loopback wait: generous, since a wait ends as soon as its goal is met.
inline constexpr Millis media_wait = 10000;

}  // namespace scn::testing
