// G.711 (RFC 3551 4.5.14) on spandsp's encoders, and the checks of a stream's format.
#include "media/dsp.h"
#include "media/media.h"

namespace scn::media {

std::string_view to_string(Codec codec) {
  return codec == Codec::pcmu ? "PCMU" : "PCMA";
}

std::uint8_t static_payload_type(Codec codec) {
  return codec == Codec::pcmu ? 0 : 8;
}

std::optional<Codec> codec_of_static(int payload_type) {
  if (payload_type == 0) return Codec::pcmu;
  if (payload_type == 8) return Codec::pcma;
  return std::nullopt;
}

std::vector<std::uint8_t> encode(Codec codec, std::span<const std::int16_t> samples) {
  std::vector<std::uint8_t> out;
  out.reserve(samples.size());
  for (std::int16_t s : samples)
    out.push_back(codec == Codec::pcmu ? linear_to_ulaw(s) : linear_to_alaw(s));
  return out;
}

std::vector<std::int16_t> decode(Codec codec, std::span<const std::uint8_t> octets) {
  std::vector<std::int16_t> out;
  out.reserve(octets.size());
  for (std::uint8_t o : octets)
    out.push_back(codec == Codec::pcmu ? ulaw_to_linear(o) : alaw_to_linear(o));
  return out;
}

Result<void> check(const Format& f) {
  if (f.payload_type > 127)
    return make_error("payload type " + std::to_string(f.payload_type) + " is above 127");
  if (f.clock_rate != clock_rate)
    return make_error("clock rate " + std::to_string(f.clock_rate) + " is not 8000 for " +
                      std::string(to_string(f.codec)));
  if (f.ptime_ms <= 0 || f.ptime_ms > 200 || f.ptime_ms % 10 != 0)
    return make_error("ptime " + std::to_string(f.ptime_ms) +
                      " ms is not a multiple of 10 ms up to 200 ms");
  if (f.event_payload_type && *f.event_payload_type > 127)
    return make_error("telephone-event payload type " + std::to_string(*f.event_payload_type) +
                      " is above 127");
  if (f.event_payload_type == f.payload_type)
    return make_error("telephone-event and audio share payload type " +
                      std::to_string(f.payload_type));
  return {};
}

}  // namespace scn::media
