// Judging a check window: each problem as one sentence a verdict can carry, and the
// figures of a window that passed.
#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>

#include "media/media.h"

namespace scn::media {

namespace {

std::string fixed1(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

// A threshold as the test wrote it: "5", "2.5".
std::string plain(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

std::string hex32(std::uint32_t value) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%08" PRIx32, value);
  return text;
}

std::string list(const std::vector<int>& values) {
  std::string text;
  for (int v : values) text += (text.empty() ? "" : ", ") + std::to_string(v);
  return text;
}

// ", then 2 more" when a fact happened more than once.
std::string more(std::size_t count) {
  return count > 1 ? ", then " + std::to_string(count - 1) + " more" : "";
}

std::string codecs(const ReceiveStats& s) {
  std::string text;
  for (const auto& [codec, n] : s.decoded_samples)
    text += (text.empty() ? "" : "/") + std::string(to_string(codec));
  return text.empty() ? "audio" : text;
}

void payload_types(const ReceiveStats& s, const Expectation& e, std::vector<std::string>& out) {
  if (!e.negotiated.empty())
    for (const auto& [pt, n] : s.payload_types)
      if (std::find(e.negotiated.begin(), e.negotiated.end(), pt) == e.negotiated.end())
        out.push_back("payload type " + std::to_string(pt) + " is not one negotiated (" +
                      list(e.negotiated) + ")");
  if (e.audio_payload_type && !s.payload_types.count(*e.audio_payload_type))
    out.push_back("no packet of payload type " + std::to_string(*e.audio_payload_type));
}

void sequence(const ReceiveStats& s, const Expectation& e, std::vector<std::string>& out) {
  if (!e.allow_ssrc_change && !s.ssrc_changes.empty()) {
    const SsrcChange& c = s.ssrc_changes.front();
    out.push_back("SSRC changed from " + hex32(c.from) + " to " + hex32(c.to) + " after " +
                  std::to_string(c.after_packets) + " packets" + more(s.ssrc_changes.size()));
  }
  std::vector<SeqJump> jumps;
  for (const SeqJump& j : s.seq_jumps)
    if (j.restart || static_cast<std::uint16_t>(j.to - j.from) > e.max_seq_gap) jumps.push_back(j);
  if (!jumps.empty())
    out.push_back("sequence jumped from " + std::to_string(jumps[0].from) + " to " +
                  std::to_string(jumps[0].to) + more(jumps.size()));
  if (!e.allow_timestamp_jumps && !s.timestamp_jumps.empty()) {
    const TimestampJump& t = s.timestamp_jumps.front();
    out.push_back("timestamp jumped from " + std::to_string(t.from) + " to " +
                  std::to_string(t.to) + " at sequence " + std::to_string(t.seq) +
                  " (expected " + std::to_string(t.expected) + ")" +
                  more(s.timestamp_jumps.size()));
  }
}

void quality(const ReceiveStats& s, const Expectation& e, std::vector<std::string>& out) {
  if (e.max_loss_percent && s.loss_percent() > *e.max_loss_percent)
    out.push_back("loss " + fixed1(s.loss_percent()) + "% > " + plain(*e.max_loss_percent) + "%");
  if (e.max_jitter_ms && s.jitter_ms() > *e.max_jitter_ms)
    out.push_back("jitter " + fixed1(s.jitter_ms()) + " ms > " + plain(*e.max_jitter_ms) + " ms");
  auto rate = s.packet_rate();
  if (e.ptime_ms && *e.ptime_ms > 0 && rate) {
    double expected = 1000.0 / *e.ptime_ms;
    if (std::abs(*rate - expected) > expected * e.rate_tolerance_percent / 100)
      out.push_back("packet rate " + fixed1(*rate) + "/s, expected " + plain(expected) +
                    "/s for " + std::to_string(*e.ptime_ms) + " ms packets");
  }
}

const ToneResult* tone(const ReceiveStats& s, double hz) {
  for (const ToneResult& t : s.tones)
    if (t.hz == hz) return &t;
  return nullptr;
}

void content(const ReceiveStats& s, const Expectation& e, std::vector<std::string>& out) {
  for (double hz : e.tones) {
    const ToneResult* t = tone(s, hz);
    if (!t)
      out.push_back("no " + plain(hz) + " Hz tone: it was not listened for");
    else if (!t->detected && s.decoded_samples.empty())
      out.push_back("no " + plain(hz) + " Hz tone: no G.711 audio arrived");
    else if (!t->detected)
      out.push_back("no " + plain(hz) + " Hz tone in " + fixed1(s.audio_us() / 1e6) + " s of " +
                    codecs(s) + " audio");
  }
  if (e.dtmf) {
    std::string got = s.events.empty() ? s.inband_digits : s.event_digits();
    if (got != *e.dtmf)
      out.push_back("DTMF \"" + got + "\" received, expected \"" + *e.dtmf + "\"");
  }
}

}  // namespace

std::vector<std::string> evaluate(const ReceiveStats& stats, const Expectation& expect) {
  if (stats.packets == 0) return {"no packet within " + plain(expect.window_ms / 1000.0) + " s"};
  std::vector<std::string> findings;
  payload_types(stats, expect, findings);
  sequence(stats, expect, findings);
  quality(stats, expect, findings);
  content(stats, expect, findings);
  return findings;
}

std::string summary(const ReceiveStats& stats, const Expectation& expect) {
  std::string text = std::to_string(stats.packets) + " packets " + codecs(stats) + ", loss " +
                     fixed1(stats.loss_percent()) + "%, jitter " + fixed1(stats.jitter_ms()) +
                     " ms";
  for (double hz : expect.tones)
    if (const ToneResult* t = tone(stats, hz); t && t->detected)
      text += ", " + plain(hz) + " Hz tone present";
  if (expect.dtmf)
    text += ", DTMF \"" + (stats.events.empty() ? stats.inband_digits : stats.event_digits()) +
            "\"";
  return text;
}

}  // namespace scn::media
