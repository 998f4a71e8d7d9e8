// The sending side: one RTP packet per ptime, audio from a Source encoded in G.711, and
// RFC 4733 telephone-events in the same sequence and timestamp space.

#include <algorithm>

#include "base/random.h"
#include "media/media.h"

namespace scn::media {

namespace {

constexpr int event_ms = 100;           // each digit's events
constexpr int end_packets = 3;          // RFC 4733 2.5.1.4: the end packet, sent 3 times
constexpr int gap_ms = 100;             // audio between two digits
constexpr std::uint8_t event_volume = 10;  // -10 dBm0

std::uint32_t random32() { return static_cast<std::uint32_t>(random_seed()); }

std::optional<std::uint8_t> event_code(char digit) {
  static constexpr std::string_view codes = "0123456789*#ABCD";
  auto at = codes.find(static_cast<char>(std::toupper(static_cast<unsigned char>(digit))));
  if (at == std::string_view::npos) return std::nullopt;
  return static_cast<std::uint8_t>(at);
}

}  // namespace

Sender::Sender(Format format)
    : Sender(format, random32(), static_cast<std::uint16_t>(random32()), random32()) {}

Sender::Sender(Format format, std::uint32_t ssrc, std::uint16_t seq, std::uint32_t timestamp)
    : format_(format), ssrc_(ssrc), seq_(seq), timestamp_(timestamp) {}

void Sender::set_format(const Format& format) {
  if (format.ptime_ms != format_.ptime_ms) pending_.clear();
  format_ = format;
}

Result<void> Sender::queue_dtmf(std::string_view digits) {
  if (!format_.event_payload_type)
    return make_error("no telephone-event payload type negotiated");
  std::string accepted;
  for (char c : digits) {
    auto code = event_code(c);
    if (!code) return make_error(std::string("'") + c + "' is not a DTMF digit");
    accepted += "0123456789*#ABCD"[*code];
  }
  digits_ += accepted;
  return {};
}

std::vector<std::uint8_t> Sender::tick() {
  if (event_tick_ >= 0 || (gap_ticks_ == 0 && !digits_.empty())) return event_packet();
  if (gap_ticks_ > 0) --gap_ticks_;
  return audio_packet();
}

void Sender::skip(std::uint32_t intervals) {
  timestamp_ += intervals * static_cast<std::uint32_t>(samples_per_packet());
  marker_ = true;
}

std::vector<std::uint8_t> Sender::audio_packet() {
  auto size = static_cast<std::size_t>(samples_per_packet());
  while (pending_.size() < size) {
    Frame frame{};
    if (source_) source_(frame);
    pending_.insert(pending_.end(), frame.begin(), frame.end());
  }
  std::vector<std::uint8_t> payload =
      encode(format_.codec, std::span(pending_).first(size));
  pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(size));
  Packet packet;
  packet.payload_type = format_.payload_type;
  packet.marker = marker_;
  marker_ = false;
  packet.timestamp = timestamp_;
  return finish(packet, payload);
}

// RFC 4733 2.5: all packets of a digit carry its start timestamp and a growing duration;
// the first has the marker, the last three the E bit and the final duration.
std::vector<std::uint8_t> Sender::event_packet() {
  const int spp = samples_per_packet();
  const int on_ticks = std::max(1, event_ms / format_.ptime_ms);
  if (event_tick_ < 0) {
    event_tick_ = 0;
    event_timestamp_ = timestamp_;
  }
  bool end = event_tick_ >= on_ticks - 1;
  auto duration = static_cast<std::uint16_t>(std::min(event_tick_ + 1, on_ticks) * spp);
  std::uint8_t payload[4] = {*event_code(digits_.front()),
                             static_cast<std::uint8_t>((end ? 0x80 : 0) | event_volume),
                             static_cast<std::uint8_t>(duration >> 8),
                             static_cast<std::uint8_t>(duration)};
  Packet packet;
  packet.payload_type = *format_.event_payload_type;
  packet.marker = event_tick_ == 0;
  packet.timestamp = event_timestamp_;
  if (++event_tick_ >= on_ticks - 1 + end_packets) {
    event_tick_ = -1;
    digits_.erase(0, 1);
    gap_ticks_ = std::max(1, gap_ms / format_.ptime_ms);
  }
  return finish(packet, payload);
}

std::vector<std::uint8_t> Sender::finish(Packet& packet, std::span<const std::uint8_t> payload) {
  packet.seq = seq_++;
  packet.ssrc = ssrc_;
  packet.payload = payload;
  timestamp_ += static_cast<std::uint32_t>(samples_per_packet());
  return serialise(packet);
}

}  // namespace scn::media
